import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { MetricDef } from '../../core/metrics.ts';
import type {
  BoardLink,
  Challenge,
  ChallengeResult,
  ChallengeStatus,
  Cheer,
  EpochMs,
  Member,
  Pack,
} from '../../core/types.ts';
import { Mutex } from './mutex.ts';
import { Checkpointer } from './sqlite-checkpointer.ts';
import {
  toBoard,
  toChallenge,
  toCheer,
  toEvent,
  toFeedEntry,
  toMember,
  toMetric,
  toPack,
  type Row,
} from './rows.ts';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.ts';
import {
  EventIdTaken,
  type DailyCount,
  type EndedFilter,
  type ParticipantRow,
  type Queries,
  type Storage,
  type TransactionOptions,
} from './types.ts';

type Param = SQLInputValue;

/** SQLite through Node's built-in node:sqlite: no native addon, WAL, one connection. */
export class SqliteStorage implements Storage {
  readonly #db: DatabaseSync;
  readonly #mutex = new Mutex();
  readonly #statements = new Map<string, StatementSync>();
  readonly #queries: Queries;
  #checkpointer: Checkpointer | undefined;
  #closed = false;
  /** WAL checkpoints made by the checkpointer thread so far. */
  checkpoints = 0;

  private constructor(db: DatabaseSync) {
    this.#db = db;
    this.#queries = new SqliteQueries((sql) => this.#statement(sql));
  }

  /**
   * synchronous: 'normal' (default) makes every commit durable against a crashed or killed
   * process; 'full' also against a power cut or kernel panic, at the cost of one disk sync per
   * commit while the event loop waits (on this project's test machines that took ack p99 from
   * about 8 ms to 35 ms and worse; see docs/architecture.md).
   */
  static open(path: string, options: { synchronous?: 'normal' | 'full' } = {}): SqliteStorage {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new DatabaseSync(path);
    db.exec('pragma journal_mode = wal');
    db.exec(`pragma synchronous = ${options.synchronous === 'full' ? 'full' : 'normal'}`);
    db.exec('pragma foreign_keys = on');
    db.exec('pragma busy_timeout = 5000');
    const storage = new SqliteStorage(db);
    storage.#migrate();
    if (path !== ':memory:') storage.#checkpointOffThread(path);
    return storage;
  }

  /** Hands WAL checkpoints (the disk syncs) to a thread of their own; see Checkpointer. */
  #checkpointOffThread(path: string): void {
    // Without the thread the WAL would grow for ever: then the commits checkpoint, as by default.
    const inCommits = () => this.#db.exec('pragma wal_autocheckpoint = 1000');
    try {
      this.#checkpointer = Checkpointer.start(path, {
        onCheckpoint: () => void (this.checkpoints += 1),
        onFailure: () => {
          if (this.#closed || !this.#checkpointer) return;
          void this.#checkpointer.stop();
          this.#checkpointer = undefined;
          inCommits();
        },
      });
    } catch {
      // A host without worker threads: the relay still runs, only less well on a slow disk.
      inCommits();
      return;
    }
    this.#db.exec('pragma wal_autocheckpoint = 0');
  }

  #migrate(): void {
    this.#db.exec(
      'create table if not exists schema_migrations (version integer primary key, applied_at integer not null)',
    );
    const row = this.#db.prepare('select max(version) as v from schema_migrations').get() as Row | undefined;
    const current = Number(row?.v ?? 0);
    SQLITE_MIGRATIONS.forEach((sql, index) => {
      const version = index + 1;
      if (version <= current) return;
      this.#db.exec('begin immediate');
      try {
        this.#db.exec(sql);
        this.#db
          .prepare('insert into schema_migrations (version, applied_at) values (?, ?)')
          .run(version, Date.now());
        this.#db.exec('commit');
      } catch (error) {
        this.#db.exec('rollback');
        throw error;
      }
    });
  }

  #statement(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** One connection, one writer at a time: every transaction takes its turn, whatever its lock. */
  transaction<T>(fn: (q: Queries) => Promise<T>, _options?: TransactionOptions): Promise<T> {
    return this.#mutex.run(async () => {
      this.#assertOpen();
      this.#db.exec('begin immediate');
      try {
        const result = await fn(this.#queries);
        this.#db.exec('commit');
        return result;
      } catch (error) {
        this.#db.exec('rollback');
        throw error;
      }
    });
  }

  read<T>(fn: (q: Queries) => Promise<T>): Promise<T> {
    return this.#mutex.run(async () => {
      this.#assertOpen();
      return fn(this.#queries);
    });
  }

  /** Every commit is already as durable as `synchronous` makes it: flushLater changes nothing. */
  async durable(): Promise<void> {
    this.#assertOpen();
  }

  async close(): Promise<void> {
    await this.#mutex.run(async () => {
      if (this.#closed) return;
      this.#closed = true;
      await this.#checkpointer?.stop();
      // The last connection to close checkpoints what is left and removes the WAL.
      this.#db.close();
    });
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('storage is closed');
  }
}

class SqliteQueries implements Queries {
  readonly #prepare: (sql: string) => StatementSync;

  constructor(prepare: (sql: string) => StatementSync) {
    this.#prepare = prepare;
  }

  #get(sql: string, ...params: Param[]): Row | undefined {
    return this.#prepare(sql).get(...params) as Row | undefined;
  }
  #all(sql: string, ...params: Param[]): Row[] {
    return this.#prepare(sql).all(...params) as Row[];
  }
  #run(sql: string, ...params: Param[]): number {
    return Number(this.#prepare(sql).run(...params).changes);
  }

  async insertPack(pack: Pack, inviteCode: string): Promise<void> {
    this.#run(
      'insert into packs (id, name, time_zone, week_start, owner_id, invite_code, created_at) values (?, ?, ?, ?, ?, ?, ?)',
      pack.id,
      pack.name,
      pack.timeZone,
      pack.weekStart,
      pack.ownerId,
      inviteCode,
      pack.createdAt,
    );
  }
  async getPack(packId: string): Promise<Pack | null> {
    const row = this.#get('select * from packs where id = ?', packId);
    return row ? toPack(row) : null;
  }
  async setPackOwner(packId: string, ownerId: string): Promise<void> {
    this.#run('update packs set owner_id = ? where id = ?', ownerId, packId);
    this.#run(
      "update members set role = case when id = ? then 'owner' else 'member' end where pack_id = ?",
      ownerId,
      packId,
    );
  }
  async getInviteCode(packId: string): Promise<string | null> {
    const row = this.#get('select invite_code from packs where id = ?', packId);
    return row ? String(row.invite_code) : null;
  }
  async setInviteCode(packId: string, inviteCode: string): Promise<void> {
    this.#run('update packs set invite_code = ? where id = ?', inviteCode, packId);
  }
  async findPackByInvite(inviteCode: string): Promise<Pack | null> {
    const row = this.#get('select * from packs where invite_code = ?', inviteCode);
    return row ? toPack(row) : null;
  }

  async insertMember(member: Member, tokenHash: string): Promise<void> {
    this.#run(
      'insert into members (id, pack_id, display_name, role, token_hash, joined_at, left_at) values (?, ?, ?, ?, ?, ?, null)',
      member.id,
      member.packId,
      member.displayName,
      member.role,
      tokenHash,
      member.joinedAt,
    );
  }
  async findMemberByTokenHash(tokenHash: string): Promise<Member | null> {
    const row = this.#get('select * from members where token_hash = ? and left_at is null', tokenHash);
    return row ? toMember(row) : null;
  }
  async getMember(memberId: string): Promise<Member | null> {
    const row = this.#get('select * from members where id = ?', memberId);
    return row ? toMember(row) : null;
  }
  async listMembers(packId: string): Promise<Member[]> {
    return this.#all('select * from members where pack_id = ? order by joined_at, id', packId).map((r) =>
      toMember(r),
    );
  }
  async deactivateMember(memberId: string, at: EpochMs): Promise<boolean> {
    return this.#run('update members set left_at = ? where id = ? and left_at is null', at, memberId) === 1;
  }

  async listCustomMetrics(packId: string): Promise<MetricDef[]> {
    return this.#all('select * from metrics where pack_id = ? order by id', packId).map(toMetric);
  }
  async insertMetric(packId: string, metric: MetricDef): Promise<boolean> {
    const changes = this.#run(
      'insert into metrics (pack_id, id, label, needs_meeting_date) values (?, ?, ?, ?) on conflict do nothing',
      packId,
      metric.id,
      metric.label,
      metric.needsMeetingDate ? 1 : 0,
    );
    return changes === 1;
  }

  appendEvent(e: Parameters<Queries['appendEvent']>[0]): Promise<number> {
    const row = this.#get(
      `insert into events (id, pack_id, member_id, type, metric, count, occurred_at, received_at, meeting_date, note, retracts)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing returning seq`,
      e.id,
      e.packId,
      e.memberId,
      e.type,
      e.metric,
      e.count,
      e.occurredAt,
      e.receivedAt,
      e.meetingDate,
      e.note,
      e.retracts,
    );
    // Thrown at once, not returned as a rejection that a caller may read only after its commit:
    // the transaction rolls back, as PostgreSQL's does when its commit meets the taken id.
    if (!row) throw new EventIdTaken(e.id);
    return Promise.resolve(Number(row.seq));
  }
  /** Every SQLite commit is as durable as `synchronous` makes it. */
  durableCommit(): void {}
  async getEvent(eventId: string) {
    const row = this.#get('select * from events where id = ?', eventId);
    return row ? toEvent(row) : null;
  }
  async markRetracted(eventId: string, undoId: string): Promise<boolean> {
    return (
      this.#run(
        'update events set retracted_by = ? where id = ? and retracted_by is null',
        undoId,
        eventId,
      ) === 1
    );
  }
  async recentFeed(packId: string, limit: number) {
    return this.#all('select * from events where pack_id = ? order by seq desc limit ?', packId, limit)
      .map(toFeedEntry)
      .reverse();
  }
  async eventsInWindow(c: Challenge) {
    const horizon = c.horizon;
    const rows = this.#all(
      `select id, member_id, count, occurred_at from events
       where pack_id = ? and metric = ? and occurred_at >= ? and occurred_at < ? and type = 'log' and retracted_by is null
       ${horizon ? 'and meeting_date >= ? and meeting_date < ?' : ''}
       order by seq`,
      ...([c.packId, c.metric, c.start, c.end, ...(horizon ? [horizon.from, horizon.to] : [])] as Param[]),
    );
    return rows.map((r) => ({
      id: String(r.id),
      memberId: String(r.member_id),
      count: Number(r.count),
      occurredAt: Number(r.occurred_at),
    }));
  }

  async recordCounted(eventId: string, challengeId: string): Promise<void> {
    this.#run(
      'insert into counted (event_id, challenge_id) values (?, ?) on conflict do nothing',
      eventId,
      challengeId,
    );
  }
  async countedIn(eventId: string): Promise<string[]> {
    return this.#all('select challenge_id from counted where event_id = ?', eventId).map((r) =>
      String(r.challenge_id),
    );
  }

  async insertChallenge(c: Challenge): Promise<void> {
    this.#run(
      `insert into challenges (id, pack_id, creator_id, title, stake, metric, format, target, period, start_at, end_at,
         horizon_from, horizon_to, status, created_at, ended_at, result, repeat)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?)`,
      c.id,
      c.packId,
      c.creatorId,
      c.title,
      c.stake,
      c.metric,
      c.format,
      c.target,
      JSON.stringify(c.period),
      c.start,
      c.end,
      c.horizon?.from ?? null,
      c.horizon?.to ?? null,
      c.status,
      c.createdAt,
      c.endedAt,
      c.repeat,
    );
    for (const p of c.participants) {
      this.#run(
        'insert into participants (challenge_id, member_id, declined) values (?, ?, ?)',
        c.id,
        p.memberId,
        p.declined ? 1 : 0,
      );
    }
  }
  #withParticipants(rows: Row[]): Challenge[] {
    return rows.map((r) =>
      toChallenge(
        r,
        this.#all(
          'select member_id, declined from participants where challenge_id = ? order by rowid',
          String(r.id),
        ).map((p) => ({ memberId: String(p.member_id), declined: Boolean(Number(p.declined)) })),
      ),
    );
  }
  async getChallenge(challengeId: string): Promise<Challenge | null> {
    const row = this.#get('select * from challenges where id = ?', challengeId);
    return row ? (this.#withParticipants([row])[0] ?? null) : null;
  }
  async listOpenChallenges(packId: string): Promise<Challenge[]> {
    return this.#withParticipants(
      this.#all(
        "select * from challenges where pack_id = ? and status in ('scheduled', 'active') order by end_at, id",
        packId,
      ),
    );
  }
  async participants(challengeId: string): Promise<ParticipantRow[]> {
    return this.#all('select * from participants where challenge_id = ? order by rowid', challengeId).map(
      (r) => ({
        memberId: String(r.member_id),
        count: Number(r.count),
        reachedAt: r.reached_at === null ? null : Number(r.reached_at),
        declined: Boolean(Number(r.declined)),
      }),
    );
  }
  async setTally(challengeId: string, row: { memberId: string; count: number; reachedAt: EpochMs | null }) {
    this.#run(
      'update participants set count = ?, reached_at = ? where challenge_id = ? and member_id = ?',
      row.count,
      row.reachedAt,
      challengeId,
      row.memberId,
    );
  }
  async setDeclined(challengeId: string, memberId: string): Promise<void> {
    this.#run(
      'update participants set declined = 1 where challenge_id = ? and member_id = ?',
      challengeId,
      memberId,
    );
  }
  async claimStatus(challengeId: string, from: ChallengeStatus[], to: ChallengeStatus, at: EpochMs) {
    const ended = to === 'ended' || to === 'cancelled';
    const placeholders = from.map(() => '?').join(', ');
    return (
      this.#run(
        `update challenges set status = ?, ended_at = case when ? then ? else ended_at end
         where id = ? and status in (${placeholders})`,
        to,
        ended ? 1 : 0,
        at,
        challengeId,
        ...from,
      ) === 1
    );
  }
  async storeResult(challengeId: string, result: ChallengeResult): Promise<void> {
    this.#run('update challenges set result = ? where id = ?', JSON.stringify(result), challengeId);
  }
  async getResult(challengeId: string): Promise<ChallengeResult | null> {
    const row = this.#get('select result from challenges where id = ?', challengeId);
    return row?.result ? (JSON.parse(String(row.result)) as ChallengeResult) : null;
  }
  async dueToStart(now: EpochMs): Promise<Challenge[]> {
    return this.#withParticipants(
      this.#all(
        "select * from challenges where status = 'scheduled' and start_at <= ? order by start_at",
        now,
      ),
    );
  }
  async dueToEnd(now: EpochMs, graceMs: number): Promise<Challenge[]> {
    return this.#withParticipants(
      this.#all(
        "select * from challenges where status in ('scheduled', 'active') and end_at + ? <= ? order by end_at",
        graceMs,
        now,
      ),
    );
  }
  async nextDue(graceMs: number): Promise<EpochMs | null> {
    const row = this.#get(
      `select min(t) as t from (
         select min(start_at) as t from challenges where status = 'scheduled'
         union all select min(end_at) + ? from challenges where status in ('scheduled', 'active'))`,
      graceMs,
    );
    return row?.t === null || row?.t === undefined ? null : Number(row.t);
  }

  async unseenResults(memberId: string): Promise<string[]> {
    return this.#all(
      `select c.id from participants p join challenges c on c.id = p.challenge_id
       left join result_receipts r on r.challenge_id = p.challenge_id and r.member_id = p.member_id
       where p.member_id = ? and p.declined = 0 and c.status = 'ended' and r.challenge_id is null
       order by c.ended_at, c.id`,
      memberId,
    ).map((r) => String(r.id));
  }
  async markResultsSeen(memberId: string, challengeIds: string[], at: EpochMs): Promise<number> {
    let n = 0;
    for (const id of challengeIds) {
      n += this.#run(
        `insert into result_receipts (challenge_id, member_id, seen_at)
         select p.challenge_id, p.member_id, ? from participants p join challenges c on c.id = p.challenge_id
         where p.challenge_id = ? and p.member_id = ? and c.status = 'ended'
         on conflict do nothing`,
        at,
        id,
        memberId,
      );
    }
    return n;
  }

  async listEnded(f: EndedFilter): Promise<Challenge[]> {
    const where = ['c.pack_id = ?', "c.status = 'ended'"];
    const params: Param[] = [f.packId];
    if (f.before) {
      where.push('(c.ended_at < ? or (c.ended_at = ? and c.id < ?))');
      params.push(f.before.endedAt, f.before.endedAt, f.before.id);
    }
    if (f.metric) {
      where.push('c.metric = ?');
      params.push(f.metric);
    }
    if (f.memberId) {
      where.push(
        'exists (select 1 from participants p where p.challenge_id = c.id and p.member_id = ? and p.declined = 0)',
      );
      params.push(f.memberId);
    }
    params.push(f.limit);
    return this.#withParticipants(
      this.#all(
        `select c.* from challenges c where ${where.join(' and ')} order by c.ended_at desc, c.id desc limit ?`,
        ...params,
      ),
    );
  }
  async resultsBetween(packId: string, a: string, b: string): Promise<ChallengeResult[]> {
    return this.#all(
      `select c.result from challenges c
       join participants pa on pa.challenge_id = c.id and pa.member_id = ? and pa.declined = 0
       join participants pb on pb.challenge_id = c.id and pb.member_id = ? and pb.declined = 0
       where c.pack_id = ? and c.status = 'ended' and c.result is not null order by c.ended_at, c.id`,
      a,
      b,
      packId,
    ).map((r) => JSON.parse(String(r.result)) as ChallengeResult);
  }
  async listEndedBetween(packId: string, a: string, b: string): Promise<Challenge[]> {
    return this.#withParticipants(
      this.#all(
        `select c.* from challenges c
         join participants pa on pa.challenge_id = c.id and pa.member_id = ? and pa.declined = 0
         join participants pb on pb.challenge_id = c.id and pb.member_id = ? and pb.declined = 0
         where c.pack_id = ? and c.status = 'ended' order by c.ended_at, c.id`,
        a,
        b,
        packId,
      ),
    );
  }

  async addDailyCount(
    packId: string,
    memberId: string,
    metric: string,
    day: string,
    delta: number,
  ): Promise<void> {
    this.#run(
      `insert into daily_counts (pack_id, member_id, metric, day, count) values (?, ?, ?, ?, ?)
       on conflict (pack_id, day, member_id, metric) do update set count = max(0, count + excluded.count)`,
      packId,
      memberId,
      metric,
      day,
      delta,
    );
  }
  async dailyCounts(packId: string, from: string, to: string, metric?: string): Promise<DailyCount[]> {
    const rows = this.#all(
      `select member_id, metric, day, count from daily_counts
       where pack_id = ? and day >= ? and day <= ? ${metric ? 'and metric = ?' : ''} and count > 0
       order by day, member_id, metric`,
      ...((metric ? [packId, from, to, metric] : [packId, from, to]) as Param[]),
    );
    return rows.map((r) => ({
      memberId: String(r.member_id),
      metric: String(r.metric),
      day: String(r.day),
      count: Number(r.count),
    }));
  }
  async exportEvents(packId: string) {
    return this.#all('select * from events where pack_id = ? order by seq', packId).map(toEvent);
  }

  async insertCheer(packId: string, c: Cheer): Promise<boolean> {
    return (
      this.#run(
        `insert into cheers (id, pack_id, from_id, to_id, reaction, text, event_id, challenge_id, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
        c.id,
        packId,
        c.fromId,
        c.toId,
        c.reaction,
        c.text,
        c.eventId,
        c.challengeId,
        c.createdAt,
      ) === 1
    );
  }
  async getCheer(cheerId: string) {
    const row = this.#get('select * from cheers where id = ?', cheerId);
    return row ? { ...toCheer(row), packId: String(row.pack_id) } : null;
  }
  async recentCheers(packId: string, limit: number) {
    return this.#all(
      'select * from cheers where pack_id = ? order by created_at desc, id desc limit ?',
      packId,
      limit,
    )
      .map(toCheer)
      .reverse();
  }

  async insertBoard(packId: string, board: BoardLink, tokenHash: string): Promise<void> {
    this.#run(
      'insert into boards (id, pack_id, label, token_hash, created_at, revoked_at) values (?, ?, ?, ?, ?, null)',
      board.id,
      packId,
      board.label,
      tokenHash,
      board.createdAt,
    );
  }
  async listBoards(packId: string) {
    return this.#all('select * from boards where pack_id = ? order by created_at, id', packId).map(toBoard);
  }
  async revokeBoard(packId: string, boardId: string, at: EpochMs): Promise<boolean> {
    return (
      this.#run(
        'update boards set revoked_at = ? where id = ? and pack_id = ? and revoked_at is null',
        at,
        boardId,
        packId,
      ) === 1
    );
  }
  async getBoard(boardId: string) {
    const row = this.#get('select * from boards where id = ?', boardId);
    return row ? { ...toBoard(row), packId: String(row.pack_id) } : null;
  }
  async findBoardByTokenHash(tokenHash: string) {
    const row = this.#get('select * from boards where token_hash = ? and revoked_at is null', tokenHash);
    return row ? { ...toBoard(row), packId: String(row.pack_id) } : null;
  }
}

import type { Challenge, ChallengeResult, ChallengeStatus, EpochMs } from '../../core/types.ts';
import { toChallenge, type Row } from './rows.ts';
import type { Param, SqliteSql } from './sqlite-queries.ts';
import type { EndedFilter, ParticipantRow, Queries } from './types.ts';

/** Challenges with their participants in invitation order. */
function withParticipants(db: SqliteSql, rows: Row[]): Challenge[] {
  return rows.map((r) =>
    toChallenge(
      r,
      db
        .all(
          'select member_id, declined from participants where challenge_id = ? order by rowid',
          String(r.id),
        )
        .map((p) => ({ memberId: String(p.member_id), declined: Boolean(Number(p.declined)) })),
    ),
  );
}

/** Challenges, tallies, results and history in SQLite. */
export function sqliteChallengeQueries(db: SqliteSql) {
  return {
    async insertChallenge(c: Challenge): Promise<void> {
      db.run(
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
        db.run(
          'insert into participants (challenge_id, member_id, declined) values (?, ?, ?)',
          c.id,
          p.memberId,
          p.declined ? 1 : 0,
        );
      }
    },
    async getChallenge(challengeId: string): Promise<Challenge | null> {
      const row = db.get('select * from challenges where id = ?', challengeId);
      return row ? (withParticipants(db, [row])[0] ?? null) : null;
    },
    async listOpenChallenges(packId: string): Promise<Challenge[]> {
      return withParticipants(
        db,
        db.all(
          "select * from challenges where pack_id = ? and status in ('scheduled', 'active') order by end_at, id",
          packId,
        ),
      );
    },
    async participants(challengeId: string): Promise<ParticipantRow[]> {
      return db
        .all('select * from participants where challenge_id = ? order by rowid', challengeId)
        .map((r) => ({
          memberId: String(r.member_id),
          count: Number(r.count),
          reachedAt: r.reached_at === null ? null : Number(r.reached_at),
          declined: Boolean(Number(r.declined)),
        }));
    },
    async setTally(challengeId: string, row: { memberId: string; count: number; reachedAt: EpochMs | null }) {
      db.run(
        'update participants set count = ?, reached_at = ? where challenge_id = ? and member_id = ?',
        row.count,
        row.reachedAt,
        challengeId,
        row.memberId,
      );
    },
    async setDeclined(challengeId: string, memberId: string): Promise<void> {
      db.run(
        'update participants set declined = 1 where challenge_id = ? and member_id = ?',
        challengeId,
        memberId,
      );
    },
    async claimStatus(challengeId: string, from: ChallengeStatus[], to: ChallengeStatus, at: EpochMs) {
      const ended = to === 'ended' || to === 'cancelled';
      const placeholders = from.map(() => '?').join(', ');
      return (
        db.run(
          `update challenges set status = ?, ended_at = case when ? then ? else ended_at end
         where id = ? and status in (${placeholders})`,
          to,
          ended ? 1 : 0,
          at,
          challengeId,
          ...from,
        ) === 1
      );
    },
    async storeResult(challengeId: string, result: ChallengeResult): Promise<void> {
      db.run('update challenges set result = ? where id = ?', JSON.stringify(result), challengeId);
    },
    async getResult(challengeId: string): Promise<ChallengeResult | null> {
      const row = db.get('select result from challenges where id = ?', challengeId);
      return row?.result ? (JSON.parse(String(row.result)) as ChallengeResult) : null;
    },
    async dueToStart(now: EpochMs): Promise<Challenge[]> {
      return withParticipants(
        db,
        db.all(
          "select * from challenges where status = 'scheduled' and start_at <= ? order by start_at",
          now,
        ),
      );
    },
    async dueToEnd(now: EpochMs, graceMs: number, resumedAt: EpochMs): Promise<Challenge[]> {
      return withParticipants(
        db,
        db.all(
          `select * from challenges where status in ('scheduled', 'active') and max(end_at, ?) + ? <= ?
           order by end_at`,
          resumedAt,
          graceMs,
          now,
        ),
      );
    },
    async nextDue(graceMs: number, resumedAt: EpochMs): Promise<EpochMs | null> {
      const row = db.get(
        `select min(t) as t from (
         select min(start_at) as t from challenges where status = 'scheduled'
         union all select min(max(end_at, ?)) + ? from challenges where status in ('scheduled', 'active'))`,
        resumedAt,
        graceMs,
      );
      return row?.t === null || row?.t === undefined ? null : Number(row.t);
    },

    async unseenResults(memberId: string): Promise<string[]> {
      return db
        .all(
          `select c.id from participants p join challenges c on c.id = p.challenge_id
       left join result_receipts r on r.challenge_id = p.challenge_id and r.member_id = p.member_id
       where p.member_id = ? and p.declined = 0 and c.status = 'ended' and r.challenge_id is null
       order by c.ended_at, c.id`,
          memberId,
        )
        .map((r) => String(r.id));
    },
    async markResultsSeen(memberId: string, challengeIds: string[], at: EpochMs): Promise<number> {
      let n = 0;
      for (const id of challengeIds) {
        n += db.run(
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
    },

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
      return withParticipants(
        db,
        db.all(
          `select c.* from challenges c where ${where.join(' and ')} order by c.ended_at desc, c.id desc limit ?`,
          ...params,
        ),
      );
    },
    async resultsBetween(packId: string, a: string, b: string): Promise<ChallengeResult[]> {
      return db
        .all(
          `select c.result from challenges c
       join participants pa on pa.challenge_id = c.id and pa.member_id = ? and pa.declined = 0
       join participants pb on pb.challenge_id = c.id and pb.member_id = ? and pb.declined = 0
       where c.pack_id = ? and c.status = 'ended' and c.result is not null order by c.ended_at, c.id`,
          a,
          b,
          packId,
        )
        .map((r) => JSON.parse(String(r.result)) as ChallengeResult);
    },
    async listEndedBetween(packId: string, a: string, b: string): Promise<Challenge[]> {
      return withParticipants(
        db,
        db.all(
          `select c.* from challenges c
         join participants pa on pa.challenge_id = c.id and pa.member_id = ? and pa.declined = 0
         join participants pb on pb.challenge_id = c.id and pb.member_id = ? and pb.declined = 0
         where c.pack_id = ? and c.status = 'ended' order by c.ended_at, c.id`,
          a,
          b,
          packId,
        ),
      );
    },
  } satisfies Partial<Queries>;
}

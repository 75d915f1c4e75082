import type { SQLInputValue, StatementSync } from 'node:sqlite';
import { sqliteChallengeQueries } from './sqlite-challenge-queries.ts';
import { sqliteEventQueries } from './sqlite-event-queries.ts';
import { sqliteProgressQueries } from './sqlite-progress-queries.ts';
import { sqliteSocialQueries } from './sqlite-social-queries.ts';
import { toMember, toMetric, toPack, type Row } from './rows.ts';
import type { MetricDef } from '../../core/metrics.ts';
import type { EpochMs, Member, Pack } from '../../core/types.ts';
import type { Queries } from './types.ts';

export type Param = SQLInputValue;

/** One statement each, prepared once by the storage and reused. */
export interface SqliteSql {
  get(sql: string, ...params: Param[]): Row | undefined;
  all(sql: string, ...params: Param[]): Row[];
  /** The number of rows changed. */
  run(sql: string, ...params: Param[]): number;
}

export function sqliteSql(prepare: (sql: string) => StatementSync): SqliteSql {
  return {
    get: (sql, ...params) => prepare(sql).get(...params) as Row | undefined,
    all: (sql, ...params) => prepare(sql).all(...params) as Row[],
    run: (sql, ...params) => Number(prepare(sql).run(...params).changes),
  };
}

/** Every query of the relay in SQLite's dialect, on the storage's one connection. */
export function sqliteQueries(db: SqliteSql): Queries {
  return {
    ...sqlitePackQueries(db),
    ...sqliteEventQueries(db),
    ...sqliteChallengeQueries(db),
    ...sqliteSocialQueries(db),
    ...sqliteProgressQueries(db),
  };
}

/** Packs, members and metrics in SQLite. */
export function sqlitePackQueries(db: SqliteSql) {
  return {
    async insertPack(pack: Pack, inviteCode: string): Promise<void> {
      db.run(
        'insert into packs (id, name, time_zone, week_start, owner_id, invite_code, created_at) values (?, ?, ?, ?, ?, ?, ?)',
        pack.id,
        pack.name,
        pack.timeZone,
        pack.weekStart,
        pack.ownerId,
        inviteCode,
        pack.createdAt,
      );
    },
    async getPack(packId: string): Promise<Pack | null> {
      const row = db.get('select * from packs where id = ?', packId);
      return row ? toPack(row) : null;
    },
    async setPackOwner(packId: string, ownerId: string): Promise<void> {
      db.run('update packs set owner_id = ? where id = ?', ownerId, packId);
      db.run(
        "update members set role = case when id = ? then 'owner' else 'member' end where pack_id = ?",
        ownerId,
        packId,
      );
    },
    async getInviteCode(packId: string): Promise<string | null> {
      const row = db.get('select invite_code from packs where id = ?', packId);
      return row ? String(row.invite_code) : null;
    },
    async setInviteCode(packId: string, inviteCode: string): Promise<void> {
      db.run('update packs set invite_code = ? where id = ?', inviteCode, packId);
    },
    async findPackByInvite(inviteCode: string): Promise<Pack | null> {
      const row = db.get('select * from packs where invite_code = ?', inviteCode);
      return row ? toPack(row) : null;
    },

    async insertMember(member: Member, tokenHash: string): Promise<void> {
      db.run(
        'insert into members (id, pack_id, display_name, role, token_hash, joined_at, left_at) values (?, ?, ?, ?, ?, ?, null)',
        member.id,
        member.packId,
        member.displayName,
        member.role,
        tokenHash,
        member.joinedAt,
      );
    },
    async findMemberByTokenHash(tokenHash: string): Promise<Member | null> {
      const row = db.get('select * from members where token_hash = ? and left_at is null', tokenHash);
      return row ? toMember(row) : null;
    },
    async getMember(memberId: string): Promise<Member | null> {
      const row = db.get('select * from members where id = ?', memberId);
      return row ? toMember(row) : null;
    },
    async listMembers(packId: string): Promise<Member[]> {
      return db
        .all('select * from members where pack_id = ? order by joined_at, id', packId)
        .map((r) => toMember(r));
    },
    async deactivateMember(memberId: string, at: EpochMs): Promise<boolean> {
      return db.run('update members set left_at = ? where id = ? and left_at is null', at, memberId) === 1;
    },
    async isActiveMember(packId: string, memberId: string): Promise<boolean> {
      return (
        db.get('select 1 from members where id = ? and pack_id = ? and left_at is null', memberId, packId) !==
        undefined
      );
    },

    async listCustomMetrics(packId: string): Promise<MetricDef[]> {
      return db.all('select * from metrics where pack_id = ? order by id', packId).map(toMetric);
    },
    async insertMetric(packId: string, metric: MetricDef): Promise<boolean> {
      const changes = db.run(
        'insert into metrics (pack_id, id, label, needs_meeting_date) values (?, ?, ?, ?) on conflict do nothing',
        packId,
        metric.id,
        metric.label,
        metric.needsMeetingDate ? 1 : 0,
      );
      return changes === 1;
    },
  } satisfies Partial<Queries>;
}

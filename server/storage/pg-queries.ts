import { pgChallengeQueries } from './pg-challenge-queries.ts';
import { pgProgressQueries } from './pg-progress-queries.ts';
import { pgSocialQueries } from './pg-social-queries.ts';
import type { Sql } from './pg-sql.ts';
import { toEvent, toFeedEntry, toMember, toMetric, toPack } from './rows.ts';
import type { Queries } from './types.ts';

/** Every query of the relay in PostgreSQL's dialect, on one connection (a transaction or a read). */
export function pgQueries(sql: Sql): Queries {
  return {
    ...packQueries(sql),
    ...eventQueries(sql),
    ...pgChallengeQueries(sql),
    ...pgSocialQueries(sql),
    ...pgProgressQueries(sql),
  };
}

function packQueries(sql: Sql) {
  return {
    async insertPack(pack, inviteCode) {
      await sql.changed(
        `insert into packs (id, name, time_zone, week_start, owner_id, invite_code, created_at)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [pack.id, pack.name, pack.timeZone, pack.weekStart, pack.ownerId, inviteCode, pack.createdAt],
      );
    },
    async getPack(packId) {
      const row = await sql.first('select * from packs where id = $1', [packId]);
      return row ? toPack(row) : null;
    },
    async setPackOwner(packId, ownerId) {
      await sql.changed('update packs set owner_id = $1 where id = $2', [ownerId, packId]);
      await sql.changed(
        "update members set role = case when id = $1 then 'owner' else 'member' end where pack_id = $2",
        [ownerId, packId],
      );
    },
    async getInviteCode(packId) {
      const row = await sql.first('select invite_code from packs where id = $1', [packId]);
      return row ? String(row.invite_code) : null;
    },
    async setInviteCode(packId, inviteCode) {
      await sql.changed('update packs set invite_code = $1 where id = $2', [inviteCode, packId]);
    },
    async findPackByInvite(inviteCode) {
      const row = await sql.first('select * from packs where invite_code = $1', [inviteCode]);
      return row ? toPack(row) : null;
    },

    async insertMember(member, tokenHash) {
      await sql.changed(
        `insert into members (id, pack_id, display_name, role, token_hash, joined_at, left_at)
         values ($1, $2, $3, $4, $5, $6, null)`,
        [member.id, member.packId, member.displayName, member.role, tokenHash, member.joinedAt],
      );
    },
    async findMemberByTokenHash(tokenHash) {
      const row = await sql.first('select * from members where token_hash = $1 and left_at is null', [
        tokenHash,
      ]);
      return row ? toMember(row) : null;
    },
    async getMember(memberId) {
      const row = await sql.first('select * from members where id = $1', [memberId]);
      return row ? toMember(row) : null;
    },
    async listMembers(packId) {
      const rows = await sql.rows('select * from members where pack_id = $1 order by joined_at, id', [
        packId,
      ]);
      return rows.map((r) => toMember(r));
    },
    async deactivateMember(memberId, at) {
      const n = await sql.changed('update members set left_at = $1 where id = $2 and left_at is null', [
        at,
        memberId,
      ]);
      return n === 1;
    },
    async isActiveMember(packId, memberId) {
      const row = await sql.first(
        'select 1 from members where id = $1 and pack_id = $2 and left_at is null',
        [memberId, packId],
      );
      return row !== undefined;
    },

    async listCustomMetrics(packId) {
      return (await sql.rows('select * from metrics where pack_id = $1 order by id', [packId])).map(toMetric);
    },
    async insertMetric(packId, metric) {
      const n = await sql.changed(
        `insert into metrics (pack_id, id, label, needs_meeting_date) values ($1, $2, $3, $4)
         on conflict do nothing`,
        [packId, metric.id, metric.label, metric.needsMeetingDate],
      );
      return n === 1;
    },
  } satisfies Partial<Queries>;
}

function eventQueries(sql: Sql) {
  return {
    appendEvent(e) {
      // No "on conflict": a taken id must fail the transaction, since the writes that follow it
      // in the same message assume it was stored (see PostgresStorage.transaction).
      return sql.later(
        `insert into events (id, pack_id, member_id, type, metric, count, occurred_at, received_at,
           meeting_date, note, retracts)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning seq`,
        [
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
        ],
        (result) => Number(result.rows[0]?.seq),
      );
    },
    async getEvent(eventId) {
      const row = await sql.first('select * from events where id = $1', [eventId]);
      return row ? toEvent(row) : null;
    },
    async markRetracted(eventId, undoId) {
      const n = await sql.changed(
        'update events set retracted_by = $1 where id = $2 and retracted_by is null',
        [undoId, eventId],
      );
      return n === 1;
    },
    async recentFeed(packId, limit) {
      const rows = await sql.rows('select * from events where pack_id = $1 order by seq desc limit $2', [
        packId,
        limit,
      ]);
      return rows.map(toFeedEntry).reverse();
    },
    async seedCounted(c) {
      const horizon = c.horizon;
      // The insert runs whether or not the select reads it: both in one statement, one round trip.
      const rows = await sql.rows(
        `with window_events as (
           select id, member_id, count, occurred_at, received_at, seq from events
           where pack_id = $1 and metric = $2 and occurred_at >= $3 and occurred_at < $4
             and type = 'log' and retracted_by is null and member_id = any($5::text[])
             ${horizon ? 'and meeting_date >= $7 and meeting_date < $8' : ''}
         ), seeded as (
           insert into counted (event_id, challenge_id) select id, $6 from window_events on conflict do nothing
         )
         select id, member_id, count, occurred_at, received_at from window_events order by seq`,
        [
          c.packId,
          c.metric,
          c.start,
          c.end,
          c.participants.map((p) => p.memberId),
          c.id,
          ...(horizon ? [horizon.from, horizon.to] : []),
        ],
      );
      return rows.map((r) => ({
        id: String(r.id),
        memberId: String(r.member_id),
        count: Number(r.count),
        occurredAt: Number(r.occurred_at),
        receivedAt: Number(r.received_at),
      }));
    },
    durableCommit() {
      sql.later('set local synchronous_commit to default');
    },
    async recordCounted(eventId, challengeId) {
      sql.later('insert into counted (event_id, challenge_id) values ($1, $2) on conflict do nothing', [
        eventId,
        challengeId,
      ]);
    },
    async countedIn(eventId) {
      const rows = await sql.rows('select challenge_id from counted where event_id = $1', [eventId]);
      return rows.map((r) => String(r.challenge_id));
    },
    async exportEvents(packId) {
      return (await sql.rows('select * from events where pack_id = $1 order by seq', [packId])).map(toEvent);
    },
  } satisfies Partial<Queries>;
}

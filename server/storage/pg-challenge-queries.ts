import type { Challenge, ChallengeResult } from '../../core/types.ts';
import type { Sql } from './pg-sql.ts';
import { toChallenge, type Row } from './rows.ts';
import type { EndedFilter, ParticipantRow, Queries } from './types.ts';

/** The participants of challenge c, in the same query: one round trip for a list of challenges. */
export const PARTICIPANTS = `(select coalesce(json_agg(json_build_array(p.member_id, p.declined) order by p.position), '[]')
   from participants p where p.challenge_id = c.id) as participant_list`;

/** Rows selected with PARTICIPANTS, as challenges with their participants in invitation order. */
export const challenges = (rows: Row[]): Challenge[] =>
  rows.map((r) =>
    toChallenge(
      r,
      (r.participant_list as [string, boolean][]).map(([memberId, declined]) => ({ memberId, declined })),
    ),
  );

export const OPEN_CHALLENGES = `select c.*, ${PARTICIPANTS} from challenges c
  where c.pack_id = $1 and c.status in ('scheduled', 'active') order by c.end_at, c.id`;

export const toParticipant = (r: Row): ParticipantRow => ({
  memberId: String(r.member_id),
  count: Number(r.count),
  reachedAt: r.reached_at === null ? null : Number(r.reached_at),
  declined: Boolean(r.declined),
});

/** Challenges, results and counts in PostgreSQL's dialect. */
export function pgChallengeQueries(sql: Sql) {
  return {
    async insertChallenge(c) {
      await sql.changed(
        `insert into challenges (id, pack_id, creator_id, title, stake, metric, format, target, period,
           start_at, end_at, horizon_from, horizon_to, status, created_at, ended_at, result, repeat)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, null, $17)`,
        [
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
        ],
      );
      await sql.changed(
        `insert into participants (challenge_id, member_id, position, declined)
         select $1, m, (n - 1)::integer, d from unnest($2::text[], $3::boolean[]) with ordinality as t(m, d, n)`,
        [c.id, c.participants.map((p) => p.memberId), c.participants.map((p) => p.declined)],
      );
    },
    async getChallenge(challengeId) {
      const rows = await sql.rows(`select c.*, ${PARTICIPANTS} from challenges c where c.id = $1`, [
        challengeId,
      ]);
      return challenges(rows)[0] ?? null;
    },
    async listOpenChallenges(packId) {
      return challenges(await sql.rows(OPEN_CHALLENGES, [packId]));
    },
    async participants(challengeId) {
      const rows = await sql.rows('select * from participants where challenge_id = $1 order by position', [
        challengeId,
      ]);
      return rows.map(toParticipant);
    },
    async setTally(challengeId, row) {
      sql.later(
        'update participants set count = $1, reached_at = $2 where challenge_id = $3 and member_id = $4',
        [row.count, row.reachedAt, challengeId, row.memberId],
      );
    },
    async setDeclined(challengeId, memberId) {
      await sql.changed(
        'update participants set declined = true where challenge_id = $1 and member_id = $2',
        [challengeId, memberId],
      );
    },
    async claimStatus(challengeId, from, to, at) {
      const ended = to === 'ended' || to === 'cancelled';
      const n = await sql.changed(
        `update challenges set status = $1, ended_at = case when $2::boolean then $3::bigint else ended_at end
         where id = $4 and status = any($5::text[])`,
        [to, ended, at, challengeId, from],
      );
      return n === 1;
    },
    async storeResult(challengeId, result) {
      await sql.changed('update challenges set result = $1 where id = $2', [
        JSON.stringify(result),
        challengeId,
      ]);
    },
    async getResult(challengeId) {
      const row = await sql.first('select result from challenges where id = $1', [challengeId]);
      return row?.result ? (JSON.parse(String(row.result)) as ChallengeResult) : null;
    },
    async dueToStart(now) {
      return challenges(
        await sql.rows(
          `select c.*, ${PARTICIPANTS} from challenges c
           where c.status = 'scheduled' and c.start_at <= $1 order by c.start_at`,
          [now],
        ),
      );
    },
    async dueToEnd(now, graceMs, resumedAt) {
      return challenges(
        await sql.rows(
          `select c.*, ${PARTICIPANTS} from challenges c
           where c.status in ('scheduled', 'active') and greatest(c.end_at, $3::bigint) + $1::bigint <= $2
           order by c.end_at`,
          [graceMs, now, resumedAt],
        ),
      );
    },
    async nextDue(graceMs, resumedAt) {
      // greatest() per row, inside min(): no open challenge must still give null.
      const row = await sql.first(
        `select least(
           (select min(start_at) from challenges where status = 'scheduled'),
           (select min(greatest(end_at, $2::bigint)) + $1::bigint from challenges
            where status in ('scheduled', 'active'))) as t`,
        [graceMs, resumedAt],
      );
      return row?.t === null || row?.t === undefined ? null : Number(row.t);
    },

    async unseenResults(memberId) {
      const rows = await sql.rows(
        `select c.id from participants p join challenges c on c.id = p.challenge_id
         left join result_receipts r on r.challenge_id = p.challenge_id and r.member_id = p.member_id
         where p.member_id = $1 and not p.declined and c.status = 'ended' and r.challenge_id is null
         order by c.ended_at, c.id`,
        [memberId],
      );
      return rows.map((r) => String(r.id));
    },
    async markResultsSeen(memberId, challengeIds, at) {
      return sql.changed(
        `insert into result_receipts (challenge_id, member_id, seen_at)
         select p.challenge_id, p.member_id, $1 from participants p join challenges c on c.id = p.challenge_id
         where p.challenge_id = any($2::text[]) and p.member_id = $3 and c.status = 'ended'
         on conflict do nothing`,
        [at, challengeIds, memberId],
      );
    },

    async listEnded(f: EndedFilter) {
      const params: unknown[] = [f.packId];
      const next = (value: unknown): string => `$${params.push(value)}`;
      const where = ['c.pack_id = $1', "c.status = 'ended'"];
      if (f.before) {
        const at = next(f.before.endedAt);
        where.push(`(c.ended_at < ${at} or (c.ended_at = ${at} and c.id < ${next(f.before.id)}))`);
      }
      if (f.metric) where.push(`c.metric = ${next(f.metric)}`);
      if (f.memberId) {
        where.push(
          `exists (select 1 from participants p where p.challenge_id = c.id and p.member_id = ${next(f.memberId)}
             and not p.declined)`,
        );
      }
      const limit = next(f.limit);
      return challenges(
        await sql.rows(
          `select c.*, ${PARTICIPANTS} from challenges c where ${where.join(' and ')}
           order by c.ended_at desc, c.id desc limit ${limit}`,
          params,
        ),
      );
    },
    async resultsBetween(packId, a, b) {
      const rows = await sql.rows(
        `select c.result from challenges c
         join participants pa on pa.challenge_id = c.id and pa.member_id = $1 and not pa.declined
         join participants pb on pb.challenge_id = c.id and pb.member_id = $2 and not pb.declined
         where c.pack_id = $3 and c.status = 'ended' and c.result is not null order by c.ended_at, c.id`,
        [a, b, packId],
      );
      return rows.map((r) => JSON.parse(String(r.result)) as ChallengeResult);
    },
    async listEndedBetween(packId, a, b) {
      return challenges(
        await sql.rows(
          `select c.*, ${PARTICIPANTS} from challenges c
           join participants pa on pa.challenge_id = c.id and pa.member_id = $1 and not pa.declined
           join participants pb on pb.challenge_id = c.id and pb.member_id = $2 and not pb.declined
           where c.pack_id = $3 and c.status = 'ended' order by c.ended_at, c.id`,
          [a, b, packId],
        ),
      );
    },

    async addDailyCount(packId, memberId, metric, day, delta) {
      sql.later(
        `insert into daily_counts (pack_id, member_id, metric, day, count) values ($1, $2, $3, $4, $5)
         on conflict (pack_id, day, member_id, metric)
         do update set count = greatest(0, daily_counts.count + excluded.count)`,
        [packId, memberId, metric, day, delta],
      );
    },
    async dailyCounts(packId, from, to, metric) {
      const rows = await sql.rows(
        `select member_id, metric, day, count from daily_counts
         where pack_id = $1 and day >= $2 and day <= $3 ${metric ? 'and metric = $4' : ''} and count > 0
         order by day, member_id, metric`,
        metric ? [packId, from, to, metric] : [packId, from, to],
      );
      return rows.map((r) => ({
        memberId: String(r.member_id),
        metric: String(r.metric),
        day: String(r.day),
        count: Number(r.count),
      }));
    },
  } satisfies Partial<Queries>;
}

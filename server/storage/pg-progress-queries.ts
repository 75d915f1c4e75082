import type { Sql } from './pg-sql.ts';
import type { Queries } from './types.ts';

/** Day totals by member and daily targets, for streaks, bests and the weekly recap, in PostgreSQL. */
export function pgProgressQueries(sql: Sql) {
  return {
    async memberDailyCounts(packId, memberId, metric) {
      const rows = await sql.rows(
        `select day, count from daily_counts
         where pack_id = $1 and member_id = $2 and metric = $3 and count > 0 order by day`,
        [packId, memberId, metric],
      );
      return rows.map((r) => ({ memberId, metric, day: String(r.day), count: Number(r.count) }));
    },
    async dailyTargets(packId, memberId) {
      const rows = memberId
        ? await sql.rows('select * from daily_targets where pack_id = $1 and member_id = $2', [
            packId,
            memberId,
          ])
        : await sql.rows('select * from daily_targets where pack_id = $1', [packId]);
      return rows.map((r) => ({
        memberId: String(r.member_id),
        metric: String(r.metric),
        target: Number(r.target),
      }));
    },
    async setDailyTarget(packId, memberId, metric, target) {
      await sql.changed(
        `insert into daily_targets (pack_id, member_id, metric, target) values ($1, $2, $3, $4)
         on conflict (pack_id, member_id, metric) do update set target = excluded.target`,
        [packId, memberId, metric, target],
      );
    },
  } satisfies Partial<Queries>;
}

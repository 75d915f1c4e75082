import type { SqliteSql } from './sqlite-queries.ts';
import type { DailyCount, DailyTarget, Queries } from './types.ts';

/** Day totals by member and daily targets, for streaks, bests and the weekly recap, in SQLite. */
export function sqliteProgressQueries(db: SqliteSql) {
  return {
    async memberDailyCounts(packId: string, memberId: string, metric: string): Promise<DailyCount[]> {
      return db
        .all(
          `select day, count from daily_counts
         where pack_id = ? and member_id = ? and metric = ? and count > 0 order by day`,
          packId,
          memberId,
          metric,
        )
        .map((r) => ({ memberId, metric, day: String(r.day), count: Number(r.count) }));
    },
    async dailyTargets(packId: string, memberId?: string): Promise<DailyTarget[]> {
      const rows = memberId
        ? db.all('select * from daily_targets where pack_id = ? and member_id = ?', packId, memberId)
        : db.all('select * from daily_targets where pack_id = ?', packId);
      return rows.map((r) => ({
        memberId: String(r.member_id),
        metric: String(r.metric),
        target: Number(r.target),
      }));
    },
    async setDailyTarget(packId: string, memberId: string, metric: string, target: number): Promise<void> {
      db.run(
        `insert into daily_targets (pack_id, member_id, metric, target) values (?, ?, ?, ?)
       on conflict (pack_id, member_id, metric) do update set target = excluded.target`,
        packId,
        memberId,
        metric,
        target,
      );
    },
  } satisfies Partial<Queries>;
}

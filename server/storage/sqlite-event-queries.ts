import type { Challenge } from '../../core/types.ts';
import { toEvent, toFeedEntry } from './rows.ts';
import type { Param, SqliteSql } from './sqlite-queries.ts';
import { EventIdTaken, type DailyCount, type Queries } from './types.ts';

/** Events, what they counted in, and daily counts in SQLite. */
export function sqliteEventQueries(db: SqliteSql) {
  return {
    appendEvent(e: Parameters<Queries['appendEvent']>[0]): Promise<number> {
      const row = db.get(
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
    },
    /** Every SQLite commit is as durable as `synchronous` makes it. */
    durableCommit(): void {},
    async getEvent(eventId: string) {
      const row = db.get('select * from events where id = ?', eventId);
      return row ? toEvent(row) : null;
    },
    async markRetracted(eventId: string, undoId: string): Promise<boolean> {
      return (
        db.run(
          'update events set retracted_by = ? where id = ? and retracted_by is null',
          undoId,
          eventId,
        ) === 1
      );
    },
    async recentFeed(packId: string, limit: number) {
      return db
        .all('select * from events where pack_id = ? order by seq desc limit ?', packId, limit)
        .map(toFeedEntry)
        .reverse();
    },
    async seedCounted(c: Challenge) {
      const horizon = c.horizon;
      const members = c.participants.map((p) => p.memberId);
      const where = `pack_id = ? and metric = ? and occurred_at >= ? and occurred_at < ? and type = 'log'
        and retracted_by is null ${horizon ? 'and meeting_date >= ? and meeting_date < ?' : ''}
        and member_id in (${members.map(() => '?').join(', ')})`;
      const params = [
        c.packId,
        c.metric,
        c.start,
        c.end,
        ...(horizon ? [horizon.from, horizon.to] : []),
        ...members,
      ] as Param[];
      db.run(
        `insert into counted (event_id, challenge_id) select id, ? from events where ${where} on conflict do nothing`,
        c.id,
        ...params,
      );
      const rows = db.all(
        `select id, member_id, count, occurred_at, received_at from events where ${where} order by seq`,
        ...params,
      );
      return rows.map((r) => ({
        id: String(r.id),
        memberId: String(r.member_id),
        count: Number(r.count),
        occurredAt: Number(r.occurred_at),
        receivedAt: Number(r.received_at),
      }));
    },

    async recordCounted(eventId: string, challengeId: string): Promise<void> {
      db.run(
        'insert into counted (event_id, challenge_id) values (?, ?) on conflict do nothing',
        eventId,
        challengeId,
      );
    },
    async countedIn(eventId: string): Promise<string[]> {
      return db
        .all('select challenge_id from counted where event_id = ?', eventId)
        .map((r) => String(r.challenge_id));
    },

    async addDailyCount(
      packId: string,
      memberId: string,
      metric: string,
      day: string,
      delta: number,
    ): Promise<void> {
      db.run(
        `insert into daily_counts (pack_id, member_id, metric, day, count) values (?, ?, ?, ?, ?)
       on conflict (pack_id, day, member_id, metric) do update set count = max(0, count + excluded.count)`,
        packId,
        memberId,
        metric,
        day,
        delta,
      );
    },
    async dailyCounts(packId: string, from: string, to: string, metric?: string): Promise<DailyCount[]> {
      const rows = db.all(
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
    },
    async exportEvents(packId: string) {
      return db.all('select * from events where pack_id = ? order by seq', packId).map(toEvent);
    },
  } satisfies Partial<Queries>;
}

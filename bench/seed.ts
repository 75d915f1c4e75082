/**
 * Fills a relay's SQLite file with history, fast: one transaction, prepared statements, straight
 * into `events` and `daily_counts`. The relay must not be running on the file.
 */
import { DatabaseSync } from 'node:sqlite';
import { localDateOf } from '../core/time-window.ts';
import { uuidv7 } from '../core/uuid.ts';

export interface SeedMember {
  packId: string;
  memberId: string;
}

const DAY_MS = 24 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;
const METRICS = [
  'call',
  'call',
  'call',
  'call',
  'call',
  'call',
  'call',
  'appointment',
  'appointment',
  'proposal',
];

/**
 * Inserts `count` log events spread round-robin over `members` and evenly over the last `days`
 * days, oldest first (so seq, ids and time rise together, as they do in real use).
 */
export function seedEvents(
  dbPath: string,
  members: SeedMember[],
  count: number,
  days = 60,
  timeZone = 'Europe/Berlin',
): { seconds: number } {
  const started = performance.now();
  const db = new DatabaseSync(dbPath);
  try {
    db.exec('pragma journal_mode = delete');
    db.exec('pragma synchronous = off');
    const insert = db.prepare(
      `insert into events (id, pack_id, member_id, type, metric, count, occurred_at, received_at)
       values (?, ?, ?, 'log', ?, 1, ?, ?)`,
    );
    const daily = db.prepare(
      `insert into daily_counts (pack_id, member_id, metric, day, count) values (?, ?, ?, ?, ?)
       on conflict (pack_id, day, member_id, metric) do update set count = count + excluded.count`,
    );
    const now = Date.now();
    const from = now - days * DAY_MS;
    const step = (days * DAY_MS - 60_000) / Math.max(1, count);
    const dayOfHour = new Map<number, string>();
    const totals = new Map<string, { m: SeedMember; metric: string; day: string; n: number }>();
    db.exec('begin');
    for (let i = 0; i < count; i++) {
      const m = members[i % members.length] as SeedMember;
      const metric = METRICS[i % METRICS.length] as string;
      const at = Math.floor(from + i * step);
      insert.run(uuidv7(at), m.packId, m.memberId, metric, at, at + 50);
      const hour = Math.floor(at / HOUR_MS);
      let day = dayOfHour.get(hour);
      if (day === undefined) {
        day = localDateOf(at, timeZone);
        dayOfHour.set(hour, day);
      }
      const key = `${m.memberId}|${metric}|${day}`;
      const total = totals.get(key);
      if (total) total.n++;
      else totals.set(key, { m, metric, day, n: 1 });
    }
    for (const t of totals.values()) daily.run(t.m.packId, t.m.memberId, t.metric, t.day, t.n);
    db.exec('commit');
    // Back to the relay's own journal mode, with nothing left to replay.
    db.exec('pragma journal_mode = wal');
  } finally {
    db.close();
  }
  return { seconds: (performance.now() - started) / 1000 };
}

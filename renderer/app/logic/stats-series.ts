import { addDays, weekStartDate } from '../../../core/time-window.ts';
import type { CountRow, LocalDate, WeekStart } from '../../../core/types.ts';

export interface Series {
  memberId: string;
  values: number[];
}

export interface Chart {
  /** First local day of each bucket, oldest first. */
  buckets: LocalDate[];
  /** You first, then partners in the order given. */
  series: Series[];
  max: number;
}

/** Every bucket from `from` through `to`, so days without activity show as zero, not as gaps. */
export function bucketsBetween(
  from: LocalDate,
  to: LocalDate,
  bucket: 'day' | 'week',
  weekStart: WeekStart,
): LocalDate[] {
  const buckets: LocalDate[] = [];
  let day = bucket === 'week' ? weekStartDate(from, weekStart) : from;
  const step = bucket === 'week' ? 7 : 1;
  while (day <= to && buckets.length < 800) {
    // The relay names a week by its first day, or by `from` when the range starts mid-week.
    buckets.push(bucket === 'week' && day < from ? from : day);
    day = addDays(day, step);
  }
  return buckets;
}

export function chartOf(
  rows: readonly CountRow[],
  metric: string,
  buckets: readonly LocalDate[],
  memberIds: readonly string[],
): Chart {
  const index = new Map(buckets.map((b, i) => [b, i]));
  const series = memberIds.map((memberId) => ({ memberId, values: buckets.map(() => 0) }));
  const byMember = new Map(series.map((s) => [s.memberId, s]));
  for (const row of rows) {
    if (row.metric !== metric) continue;
    const i = index.get(row.bucket);
    const s = byMember.get(row.memberId);
    if (i === undefined || !s) continue;
    s.values[i] = (s.values[i] ?? 0) + row.count;
  }
  const max = Math.max(0, ...series.flatMap((s) => s.values));
  return { buckets: [...buckets], series, max };
}

/** A short axis label: "26 Nov" for a day bucket, "wk 23 Nov" for a week. */
export function bucketLabel(bucket: LocalDate, kind: 'day' | 'week'): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const [, m, d] = bucket.split('-');
  const label = `${Number(d)} ${months[Number(m) - 1] ?? ''}`;
  return kind === 'week' ? `wk ${label}` : label;
}

/** The words of the streak strip, the Streaks & bests table and the Recap page. */
import type { MetricDef } from '../../../core/metrics.ts';
import { findMetric, metricNoun } from '../../../core/metrics.ts';
import type { LocalDay, MemberRecap, MetricProgress } from '../../../core/progress-types.ts';
import { countOf } from '../../../core/progress-words.ts';

export { beatenBestWords, countOf, weekChangeWords } from '../../../core/progress-words.ts';

export const MAX_DAILY_TARGET = 10_000;

/** "5-day streak"; none yet reads as an invitation rather than a zero. */
export function streakWords(streak: number): string {
  return streak > 0 ? `${streak}-day streak` : 'Streak starts today';
}

/** "3 calls a day". */
export function targetWords(metrics: readonly MetricDef[], metricId: string, target: number): string {
  return `${countOf(metrics, metricId, target)} a day`;
}

/** "2 of 3 today", and what is left: "1 more to keep it going" or "Target met". */
export function todayWords(progress: Pick<MetricProgress, 'today' | 'target' | 'streak'>): {
  count: string;
  left: string;
} {
  const count = `${progress.today} of ${progress.target} today`;
  const missing = progress.target - progress.today;
  if (missing <= 0) return { count, left: 'Target met' };
  // Working days only: a weekend day neither keeps nor breaks a streak, but the count still helps.
  const goal = progress.streak > 0 ? 'to keep it going' : 'to start a streak';
  return { count, left: `${missing} more ${goal}` };
}

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
});
const dayYearFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

function utcNoon(day: LocalDay): Date {
  return new Date(`${day}T12:00:00Z`);
}

/** "Mon 30 Nov": a calendar day as written, whatever zone the viewer is in. */
export function dayLabel(day: LocalDay): string {
  return dayFormat.format(utcNoon(day)).replace(',', '');
}

/** "30 Nov – 6 Dec 2026", "9 – 15 Nov 2026": what both ends share is written once. */
export function weekRangeLabel(start: LocalDay, end: LocalDay): string {
  const [first, last] = [dayYearFormat.format(utcNoon(start)), dayYearFormat.format(utcNoon(end))];
  if (start.slice(0, 7) === end.slice(0, 7)) return `${first.split(' ')[0]} – ${last}`;
  const sameYear = start.slice(0, 4) === end.slice(0, 4);
  return `${sameYear ? first.replace(/ \d{4}$/, '') : first} – ${last}`;
}

/** "4 days", "1 day"; "None" for no run at all. */
export function daysWords(days: number): string {
  return days > 0 ? `${days} ${days === 1 ? 'day' : 'days'}` : 'None';
}

/** "week of 23 Nov". */
export function weekOfLabel(weekStart: LocalDay): string {
  return `week of ${dayLabel(weekStart).replace(/^\w+ /, '')}`;
}

/** The metric's name as a heading: "Calls". */
export function metricLabel(metrics: readonly MetricDef[], metricId: string): string {
  return findMetric(metrics, metricId)?.label ?? metricId;
}

/** "calls" for running text. */
export function metricPlural(metrics: readonly MetricDef[], metricId: string): string {
  const metric = findMetric(metrics, metricId);
  return metric ? metricNoun(metric, 2) : metricId;
}

export type TargetCheck = { ok: true; target: number } | { ok: false; message: string };

/** What the target box accepts: a whole number from 1 to 10,000, said plainly when it is not. */
export function parseTarget(text: string): TargetCheck {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'Enter a daily target, a whole number from 1 to 10000.' };
  if (!/^\d+$/.test(trimmed))
    return { ok: false, message: 'The daily target must be a whole number, like 3.' };
  const target = Number(trimmed);
  if (target < 1 || target > MAX_DAILY_TARGET) {
    return { ok: false, message: `The daily target must be from 1 to ${MAX_DAILY_TARGET}.` };
  }
  return { ok: true, target };
}

/** "3 won, 1 lost, 1 tied"; only what happened, "No challenges ended" when nothing did. */
export function challengeTally(recap: Pick<MemberRecap, 'won' | 'lost' | 'tied'>): string {
  const parts = [
    recap.won > 0 ? `${recap.won} won` : null,
    recap.lost > 0 ? `${recap.lost} lost` : null,
    recap.tied > 0 ? `${recap.tied} tied` : null,
  ].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join(', ') : 'No challenges ended';
}

/** Who counted most of a metric in the week: names' ids and the count; nobody when all had 0. */
export function weekLeaders(
  members: readonly MemberRecap[],
  metricId: string,
): { ids: string[]; count: number } {
  const counts = members.map((m) => ({
    id: m.memberId,
    count: m.counts.find((c) => c.metric === metricId)?.week ?? 0,
  }));
  const top = Math.max(0, ...counts.map((c) => c.count));
  return { ids: top > 0 ? counts.filter((c) => c.count === top).map((c) => c.id) : [], count: top };
}

/**
 * Streaks and personal bests from a member's day totals of one metric. Pure: the relay reads the
 * day totals it keeps as it counts each log, and asks these functions what they add up to.
 *
 * A streak counts working days (Monday to Friday) in a row with the daily target met. A weekend
 * neither extends nor breaks one: selling on a Saturday counts toward the day and the week, but a
 * Friday-to-Monday run is still a run. Today, until it is met, does not break the streak either:
 * at nine in the morning yesterday's streak is still alive.
 */
import type { LocalDay, MetricProgress, PersonalBest } from './progress-types.ts';
import { addDays, dayOfWeek, weekStartDate } from './time-window.ts';
import type { WeekStart } from './types.ts';

export interface DayTotal {
  day: LocalDay;
  count: number;
}

export const DEFAULT_DAILY_TARGET = 1;

export function isWorkingDay(day: LocalDay): boolean {
  const weekday = dayOfWeek(day);
  return weekday >= 1 && weekday <= 5;
}

function previousWorkingDay(day: LocalDay): LocalDay {
  let d = addDays(day, -1);
  while (!isWorkingDay(d)) d = addDays(d, -1);
  return d;
}

function nextWorkingDay(day: LocalDay): LocalDay {
  let d = addDays(day, 1);
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** Sums per day (the input may repeat a day), leaving out days after `today`. */
function byDay(days: readonly DayTotal[], today: LocalDay): Map<LocalDay, number> {
  const totals = new Map<LocalDay, number>();
  for (const { day, count } of days) {
    if (day > today || count <= 0) continue;
    totals.set(day, (totals.get(day) ?? 0) + count);
  }
  return totals;
}

interface Run {
  first: LocalDay;
  last: LocalDay;
  length: number;
}

/** Runs of working days in a row with the target met, oldest first. */
function runsOf(totals: Map<LocalDay, number>, target: number): Run[] {
  const met = [...totals]
    .filter(([day, count]) => count >= target && isWorkingDay(day))
    .map(([day]) => day)
    .sort();
  const runs: Run[] = [];
  for (const day of met) {
    const run = runs.at(-1);
    if (run && nextWorkingDay(run.last) === day) {
      run.last = day;
      run.length += 1;
    } else {
      runs.push({ first: day, last: day, length: 1 });
    }
  }
  return runs;
}

function currentStreak(runs: Run[], totals: Map<LocalDay, number>, target: number, today: LocalDay): number {
  const metToday = isWorkingDay(today) && (totals.get(today) ?? 0) >= target;
  // The run must end today (once met) or on the working day before it.
  const endsBy = metToday ? today : previousWorkingDay(today);
  const run = runs.at(-1);
  return run && run.last === endsBy ? run.length : 0;
}

/** The highest entry; on a tie, the earliest key, as that is when the record was set. */
function highest(totals: Map<LocalDay, number>): { count: number; key: LocalDay } | null {
  let best: { count: number; key: LocalDay } | null = null;
  for (const [key, count] of totals) {
    if (!best || count > best.count || (count === best.count && key < best.key)) best = { count, key };
  }
  return best;
}

function weekTotals(totals: Map<LocalDay, number>, weekStart: WeekStart): Map<LocalDay, number> {
  const weeks = new Map<LocalDay, number>();
  for (const [day, count] of totals) {
    const week = weekStartDate(day, weekStart);
    weeks.set(week, (weeks.get(week) ?? 0) + count);
  }
  return weeks;
}

export interface ProgressInput {
  metric: string;
  days: readonly DayTotal[];
  target: number;
  today: LocalDay;
  weekStart: WeekStart;
}

/** Where a member stands on one metric today; days after `today` are not looked at. */
export function metricProgress({ metric, days, target, today, weekStart }: ProgressInput): MetricProgress {
  const totals = byDay(days, today);
  const runs = runsOf(totals, target);
  const bestDay = highest(totals);
  const bestWeek = highest(weekTotals(totals, weekStart));
  return {
    metric,
    target,
    today: totals.get(today) ?? 0,
    streak: currentStreak(runs, totals, target, today),
    bestStreak: Math.max(0, ...runs.map((r) => r.length)),
    bestDay: bestDay && { count: bestDay.count, day: bestDay.key },
    bestWeek: bestWeek && { count: bestWeek.count, weekStart: bestWeek.key },
  };
}

/**
 * The entry that now holds the record, if it just went past the best of all the others. Only a
 * crossing counts: the sixth call of a record day beats the old record once, and the seventh does
 * not beat it again. A tie with the old record is not beaten.
 */
function crossing(
  before: Map<LocalDay, number>,
  after: Map<LocalDay, number>,
): { count: number; previous: number } | null {
  const top = highest(after);
  if (!top) return null;
  let previous = 0;
  for (const [key, count] of before) if (key !== top.key) previous = Math.max(previous, count);
  const was = before.get(top.key) ?? 0;
  // No previous record of at least 1: the first day (or week) ever logged beats nothing, and
  // a "new best" on every member's first log would make the word mean nothing.
  if (previous < 1 || top.count <= previous || was > previous) return null;
  return { count: top.count, previous };
}

/** The best run that does not overlap `span`, and the best one inside it. */
function runsAround(runs: Run[], span: Run): { others: number; inside: number } {
  let others = 0;
  let inside = 0;
  for (const run of runs) {
    if (run.last < span.first || run.first > span.last) others = Math.max(others, run.length);
    else inside = Math.max(inside, run.length);
  }
  return { others, inside };
}

export interface BestsInput {
  memberId: string;
  metric: string;
  /** The day totals after the log (or batch of logs). */
  days: readonly DayTotal[];
  /** What the log added, per day: the totals before it are `days` minus these. */
  added: readonly DayTotal[];
  target: number;
  today: LocalDay;
  weekStart: WeekStart;
}

/** The records (best day, best week, best streak) that a log just beat. */
export function beatenBests(input: BestsInput): PersonalBest[] {
  const after = byDay(input.days, input.today);
  const before = new Map(after);
  for (const { day, count } of input.added) {
    const left = (before.get(day) ?? 0) - count;
    if (left > 0) before.set(day, left);
    else before.delete(day);
  }
  const bests: PersonalBest[] = [];
  const add = (kind: PersonalBest['kind'], beaten: { count: number; previous: number } | null) => {
    if (beaten) bests.push({ memberId: input.memberId, metric: input.metric, kind, ...beaten });
  };
  add('day', crossing(before, after));
  add('week', crossing(weekTotals(before, input.weekStart), weekTotals(after, input.weekStart)));
  const runsAfter = runsOf(after, input.target);
  const longest = runsAfter.reduce<Run | null>((a, r) => (!a || r.length > a.length ? r : a), null);
  if (longest) {
    // Runs change shape (a log on a gap joins two), so they are compared by the days they cover.
    const { others, inside } = runsAround(runsOf(before, input.target), longest);
    if (others >= 1 && longest.length > others && inside <= others) {
      bests.push({
        memberId: input.memberId,
        metric: input.metric,
        kind: 'streak',
        count: longest.length,
        previous: others,
      });
    }
  }
  return bests;
}

/**
 * Sentences about streaks, records and weeks that both the window and the desktop
 * notifications say, so a rep reads the same words in both places.
 */
import { findMetric, metricNoun } from './metrics.ts';
import type { MetricDef } from './metrics.ts';
import type { PersonalBest } from './progress-types.ts';

/** "14 calls", "1 call"; a metric the pack no longer has is named by its id. */
export function countOf(metrics: readonly MetricDef[], metricId: string, count: number): string {
  const metric = findMetric(metrics, metricId);
  return `${count} ${metric ? metricNoun(metric, count) : metricId}`;
}

/** "42 calls, up 8 on the week before"; "same as" and "down" read as such, a first week says so. */
export function weekChangeWords(
  metrics: readonly MetricDef[],
  metricId: string,
  week: number,
  previousWeek: number,
): string {
  const counted = countOf(metrics, metricId, week);
  // Up from nothing is not a trend: the rep simply started.
  if (previousWeek === 0)
    return week === 0 ? `${counted}, as the week before` : `${counted}, none the week before`;
  const change = week - previousWeek;
  if (change === 0) return `${counted}, the same as the week before`;
  return `${counted}, ${change > 0 ? 'up' : 'down'} ${Math.abs(change)} on the week before`;
}

/**
 * "New best: 14 calls in a day (was 12)", "New best streak: 6 days of calls (was 5)". A first
 * record has nothing to compare with, so it leaves the "was" out.
 */
export function beatenBestWords(metrics: readonly MetricDef[], best: PersonalBest): string {
  const was = best.previous > 0 ? ` (was ${best.previous})` : '';
  if (best.kind === 'streak') {
    const metric = findMetric(metrics, best.metric);
    const noun = metric ? metricNoun(metric, 2) : best.metric;
    return `New best streak: ${best.count} ${best.count === 1 ? 'day' : 'days'} of ${noun}${was}`;
  }
  return `New best: ${countOf(metrics, best.metric, best.count)} in a ${best.kind}${was}`;
}

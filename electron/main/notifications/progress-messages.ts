/**
 * The texts of the progress notifications: a personal best beaten and the weekly recap. Pure
 * functions, like messages.ts; each id says what happened, so each is shown once.
 */
import { findMetric, metricNoun } from '../../../core/metrics.ts';
import type { BeatenBest, WeeklyRecap } from '../../../core/progress-types.ts';
import { beatenBestWords, weekChangeWords } from '../../../core/progress-words.ts';
import { oneLine } from '../../../core/safe-text.ts';
import { localDateOf } from '../../../core/time-window.ts';
import type { NotificationRequest } from '../ports.ts';
import type { MessageContext } from './messages.ts';

const nameOf = (ctx: MessageContext, memberId: string) =>
  memberId === ctx.youId ? 'you' : oneLine(ctx.names(memberId));

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function plural(ctx: MessageContext, metricId: string): string {
  const metric = findMetric(ctx.metrics, metricId);
  return metric ? metricNoun(metric, 2) : metricId;
}

/**
 * A record you beat. One per record and day: each further log that day beats it again, and a
 * notification per call would be noise; the window shows the count as it climbs.
 */
export function personalBestMessage(ctx: MessageContext, best: BeatenBest): NotificationRequest | null {
  if (best.memberId !== ctx.youId) return null;
  return {
    id: `best:${best.metric}:${best.kind}:${localDateOf(best.at, ctx.timeZone)}`,
    title: oneLine(beatenBestWords(ctx.metrics, best)),
    body: 'Every streak and record is on the Stats page.',
    route: '/stats',
  };
}

const RECAP_LINES = 3;
const weekOf = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' });

/**
 * Last week against the week before, for you, and who counted most. Null for a week in which
 * nobody in the pack logged or finished anything: a new pack has no news yet.
 */
export function weeklyRecapMessage(ctx: MessageContext, recap: WeeklyRecap): NotificationRequest | null {
  const you = recap.members.find((m) => m.memberId === ctx.youId);
  const active = recap.members.some(
    (m) => m.challenges.length > 0 || m.counts.some((c) => c.week > 0 || c.previousWeek > 0),
  );
  if (!you || !active) return null;
  const order = (metric: string) => {
    const i = ctx.metrics.findIndex((m) => m.id === metric);
    return i < 0 ? ctx.metrics.length : i;
  };
  const counted = you.counts
    .filter((c) => c.week > 0 || c.previousWeek > 0)
    .sort((a, b) => order(a.metric) - order(b.metric));
  const lines = counted
    .slice(0, RECAP_LINES)
    .map((c) => weekChangeWords(ctx.metrics, c.metric, c.week, c.previousWeek));
  if (lines.length === 0) lines.push('You logged nothing that week');
  const first = counted[0]?.metric;
  if (first) {
    const top = Math.max(...recap.members.map((m) => m.counts.find((c) => c.metric === first)?.week ?? 0));
    const leaders = recap.members.filter(
      (m) => (m.counts.find((c) => c.metric === first)?.week ?? 0) === top,
    );
    if (top > 0 && leaders.length === 1 && leaders[0]) {
      lines.push(`${capital(nameOf(ctx, leaders[0].memberId))} had the most ${plural(ctx, first)} (${top})`);
    }
  }
  const decided = [
    you.won > 0 ? `${you.won} won` : null,
    you.lost > 0 ? `${you.lost} lost` : null,
    you.tied > 0 ? `${you.tied} tied` : null,
  ].filter(Boolean);
  if (decided.length > 0) lines.push(`Challenges: ${decided.join(', ')}`);
  return {
    id: `recap:${recap.weekStart}`,
    title: `Your week of ${weekOf.format(new Date(`${recap.weekStart}T12:00:00Z`))}`,
    body: lines.map(oneLine).join('\n'),
    route: `/recap/${recap.weekStart}`,
  };
}

import { formatInstant } from '../../../core/format.ts';
import { findMetric, metricNoun } from '../../../core/metrics.ts';
import type { MetricDef } from '../../../core/metrics.ts';
import { addDays, localDateOf } from '../../../core/time-window.ts';
import type { ChallengeView, Standing } from '../../../core/types.ts';

/** The tray line should fit a tooltip and a menu item without wrapping or being cut. */
export const SCORE_LINE_TARGET = 60;

/**
 * A wall-clock moment as short as it stays unambiguous: "17:00" today, "Fri 17:00" within the
 * coming week, "4 Dec" further out (the hour matters little a week ahead).
 */
export function shortWhen(instant: number, now: number, timeZone: string): string {
  const [weekday, day, month, time] = formatInstant(instant, timeZone).split(' ');
  const date = localDateOf(instant, timeZone);
  const today = localDateOf(now, timeZone);
  if (date === today) return `${time}`;
  if (date > today && date < addDays(today, 7)) return `${weekday} ${time}`;
  return `${day} ${month}`;
}

/**
 * The short head of the line, made from the metric and format rather than the title: titles are
 * free text and often long, and the full title is one click away in the menu.
 */
export function challengeHead(challenge: ChallengeView, metrics: readonly MetricDef[]): string {
  const metric = findMetric(metrics, challenge.metric);
  const plural = metric ? metricNoun(metric, 2) : challenge.metric;
  const target = challenge.target;
  if (challenge.format === 'race' && target !== null) {
    return `Race to ${target} ${metric ? metricNoun(metric, target) : challenge.metric}`;
  }
  if (challenge.format === 'goal' && target !== null) return `Goal ${target} ${plural}`;
  const capital = plural.charAt(0).toUpperCase() + plural.slice(1);
  switch (challenge.period.kind) {
    case 'today':
      return `${capital} today`;
    case 'this-week':
      return `${capital} this week`;
    case 'this-quarter':
      return `${capital} this quarter`;
    default:
      return capital;
  }
}

/**
 * Whom to set against you: the best placed of the others. When you lead that is the nearest
 * rival, otherwise the leader, which is the one figure that tells where you stand.
 */
export function rivalOf(standings: readonly Standing[], youId: string): Standing | undefined {
  return standings
    .filter((s) => s.memberId !== youId)
    .reduce<Standing | undefined>((best, s) => (!best || s.count > best.count ? s : best), undefined);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

/**
 * "Calls this week: you 23, Sam 27, ends Fri 17:00"; a race leaves out the end (the target is
 * the finish line); a scheduled challenge says when it starts. With more than two in it, only
 * you and your rival (see rivalOf) are named.
 */
export function scoreLine(
  challenge: ChallengeView,
  youId: string,
  names: (memberId: string) => string,
  metrics: readonly MetricDef[],
  timeZone: string,
  now: number,
): string {
  const head = challengeHead(challenge, metrics);
  if (now < challenge.start) return `${head}: starts ${shortWhen(challenge.start, now, timeZone)}`;

  const you = challenge.standings.find((s) => s.memberId === youId);
  const rival = rivalOf(challenge.standings, youId);
  const end = challenge.format === 'race' ? '' : `, ends ${shortWhen(challenge.end, now, timeZone)}`;
  const build = (nameLength: number, headLength: number) => {
    const people: string[] = [];
    if (you) people.push(`you ${you.count}`);
    if (rival) people.push(`${clip(names(rival.memberId), nameLength)} ${rival.count}`);
    // You are not in it (someone else's challenge): show its top two instead.
    if (!you) {
      const second = challenge.standings.find((s) => s !== rival);
      if (second) people.push(`${clip(names(second.memberId), nameLength)} ${second.count}`);
    }
    const score = people.length > 0 ? people.join(', ') : 'no scores yet';
    return `${clip(head, headLength)}: ${score}${end}`;
  };
  // Long names and long custom metric labels give way first, the numbers never.
  for (const [nameLength, headLength] of [
    [60, 60],
    [12, 60],
    [12, 24],
  ] as const) {
    const line = build(nameLength, headLength);
    if (line.length <= SCORE_LINE_TARGET) return line;
  }
  return build(8, 18);
}

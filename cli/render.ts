import { describeResult, formatInstant, formatTimeLeft } from '../core/format.ts';
import { findMetric, metricNoun } from '../core/metrics.ts';
import type { MetricDef } from '../core/metrics.ts';
import { oneLine } from '../core/safe-text.ts';
import type { ChallengeView, FeedEntry, Member, Standing } from '../core/types.ts';

/** What every renderer needs to turn ids into words. */
export interface Scene {
  youId: string;
  members: readonly Member[];
  metrics: readonly MetricDef[];
  timeZone: string;
}

/**
 * Every text that people typed (names, titles, stakes, notes, labels) goes through this before it
 * is printed: the relay refuses line breaks and control characters, but rows an older relay stored
 * may hold them, and a line break would print a line that no one wrote.
 */
export const shown = oneLine;

export function nameOf(scene: Scene, memberId: string): string {
  if (memberId === scene.youId) return 'you';
  const member = scene.members.find((m) => m.id === memberId);
  return member ? shown(member.displayName) : 'a former member';
}

/** "3 calls", "1 forward appointment"; a metric the pack no longer lists keeps its id. */
export function quantity(scene: Pick<Scene, 'metrics'>, metricId: string, count: number): string {
  const metric = findMetric(scene.metrics, metricId);
  return `${count} ${metric ? shown(metricNoun(metric, count)) : metricId}`;
}

/** "a forward appointment", "an appointment": a metric named in a sentence, by its label. */
export function oneOf(metric: MetricDef): string {
  const noun = shown(metricNoun(metric, 1));
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** "calls", "forward appointments": what a metric counts, by its label. */
export function manyOf(metric: MetricDef): string {
  return shown(metricNoun(metric, 2));
}

function plural(scene: Scene, metricId: string): string {
  const metric = findMetric(scene.metrics, metricId);
  return metric ? shown(metricNoun(metric, 2)) : metricId;
}

export function shortId(id: string): string {
  return id.replaceAll('-', '').slice(0, 8);
}

/** "you 23, Sam 27": you first (it is your score you look for), then the field by rank. */
export function scoreLine(scene: Scene, standings: readonly Standing[]): string {
  const sorted = [...standings].sort(
    (a, b) => Number(b.memberId === scene.youId) - Number(a.memberId === scene.youId) || a.rank - b.rank,
  );
  return sorted.map((s) => `${nameOf(scene, s.memberId)} ${s.count}`).join(', ');
}

export function standingsLine(scene: Scene, challenge: ChallengeView): string {
  return `${shown(challenge.title)}: ${scoreLine(scene, challenge.standings)}`;
}

export function whenLine(scene: Scene, challenge: ChallengeView, now: number): string {
  if (challenge.status === 'scheduled') {
    return `starts in ${formatTimeLeft(challenge.start - now)} (${formatInstant(challenge.start, scene.timeZone)})`;
  }
  return `ends in ${formatTimeLeft(challenge.end - now)} (${formatInstant(challenge.end, scene.timeZone)})`;
}

/** A challenge as a few lines: title, id, timing, stake, then one line per participant by rank. */
export function challengeBlock(scene: Scene, challenge: ChallengeView, now: number): string[] {
  const lines = [`${shown(challenge.title)}  [${shortId(challenge.id)}]  ${whenLine(scene, challenge, now)}`];
  if (challenge.stake) lines.push(`  stake: ${shown(challenge.stake)}`);
  const declined = challenge.participants.filter((p) => p.declined).map((p) => nameOf(scene, p.memberId));
  for (const s of challenge.standings) {
    const reached = s.reachedAt !== null && challenge.format !== 'most' ? '  (reached the target)' : '';
    lines.push(`  ${String(s.rank).padStart(2)}. ${nameOf(scene, s.memberId)}  ${s.count}${reached}`);
  }
  if (declined.length > 0) lines.push(`  declined: ${declined.join(', ')}`);
  return lines;
}

export function resultLine(scene: Scene, challenge: ChallengeView): string {
  if (!challenge.result) return `${shown(challenge.title)}: cancelled`;
  const names = (id: string) => nameOf(scene, id);
  const text = describeResult(
    challenge.result,
    scene.youId,
    names,
    plural(scene, challenge.metric),
    challenge.format,
  );
  return `${shown(challenge.title)}: ${text}`;
}

export function feedLine(scene: Scene, entry: FeedEntry): string {
  const who = entry.memberId === scene.youId ? 'You' : nameOf(scene, entry.memberId);
  const when = formatInstant(entry.occurredAt, scene.timeZone);
  const what = quantity(scene, entry.metric, entry.count);
  const meeting = entry.meetingDate ? ` (meeting on ${shown(entry.meetingDate)})` : '';
  const note = entry.note ? `: ${shown(entry.note)}` : '';
  const verb = entry.type === 'undo' ? 'took back' : 'logged';
  return `${when}  ${who} ${verb} ${what}${meeting}${note}`;
}

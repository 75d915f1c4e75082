import { isNoResult } from '../../../core/outcome.ts';
import type { ChallengeView, Member } from '../../../core/types.ts';
import { nameOf } from './standings.ts';

/** Something the whole floor should notice, shown large over the board for a few seconds. */
export interface Moment {
  /** Stable, so the same moment seen twice (a repeated push) is queued once. */
  id: string;
  kind: 'overtake' | 'result';
  text: string;
}

/** What the board knew at one moment: open challenges and the ones it saw end. */
export interface MomentView {
  challenges: readonly ChallengeView[];
  ended: readonly ChallengeView[];
  members: readonly Member[];
}

export const MOMENT_MS = 6_000;
/** More than this waiting and the oldest are dropped: a burst should not hold the board for minutes. */
export const MOMENT_QUEUE_MAX = 4;

function counts(challenge: ChallengeView): Map<string, number> {
  const byMember = new Map(challenge.standings.map((s) => [s.memberId, s.count]));
  return new Map(
    challenge.participants.filter((p) => !p.declined).map((p) => [p.memberId, byMember.get(p.memberId) ?? 0]),
  );
}

function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * Who passed whom: a member strictly behind before and strictly ahead now. Reaching a tie is not
 * passing, nor is the first log of a challenge at 0 to 0. When one log passes several, the one
 * worth telling is the best placed of them.
 */
function overtakes(before: ChallengeView, after: ChallengeView, members: readonly Member[]): Moment[] {
  const was = counts(before);
  const now = counts(after);
  const out: Moment[] = [];
  for (const [mover, count] of now) {
    const old = was.get(mover) ?? 0;
    if (count <= old) continue;
    const passed = [...now]
      .filter(([other, otherNow]) => other !== mover && (was.get(other) ?? 0) > old && otherNow < count)
      .sort((a, b) => b[1] - a[1]);
    const top = passed[0];
    if (!top) continue;
    const [rival] = top;
    out.push({
      id: `overtake:${after.id}:${mover}:${rival}:${count}`,
      kind: 'overtake',
      text: `${nameOf(members, mover, null)} passes ${nameOf(members, rival, null)} in ${after.title}`,
    });
  }
  return out;
}

/** "Priya wins Most calls this week 41 to 38"; null when there is nothing to celebrate. */
export function resultWords(challenge: ChallengeView, members: readonly Member[]): string | null {
  const result = challenge.result;
  if (!result || isNoResult(result)) return null;
  const name = (id: string) => nameOf(members, id, null);
  const countOf = (id: string) => result.standings.find((s) => s.memberId === id)?.count ?? 0;
  const winners = result.winners;
  const title = challenge.title;
  if (challenge.format === 'goal') {
    if (winners.length === 0) return `Nobody reached the goal in ${title}`;
    return `${joinNames(winners.map(name))} ${winners.length === 1 ? 'reaches' : 'reach'} the goal in ${title}`;
  }
  const first = winners[0];
  if (first === undefined) return `${title} ends with no winner`;
  if (result.tie) return `${joinNames(winners.map(name))} tie ${title} at ${countOf(first)}`;
  if (challenge.format === 'race' && result.reason === 'target')
    return `${name(first)} wins ${title}, first to ${challenge.target ?? countOf(first)}`;
  const runnerUp = result.standings.find((s) => s.memberId !== first);
  if (!runnerUp) return `${name(first)} wins ${title} with ${countOf(first)}`;
  return `${name(first)} wins ${title} ${countOf(first)} to ${runnerUp.count}`;
}

/** The moments between two consecutive board states, results first (they matter most). */
export function boardMoments(before: MomentView, after: MomentView): Moment[] {
  const seenEnded = new Set(before.ended.map((c) => c.id));
  const results = after.ended
    .filter((c) => !seenEnded.has(c.id))
    .flatMap((c): Moment[] => {
      const text = resultWords(c, after.members);
      return text ? [{ id: `result:${c.id}`, kind: 'result', text }] : [];
    });
  const previous = new Map(before.challenges.map((c) => [c.id, c]));
  const passes = after.challenges.flatMap((c) => {
    const old = previous.get(c.id);
    return old ? overtakes(old, c, after.members) : [];
  });
  return [...results, ...passes];
}

/** The queue with `fresh` added: each moment once, the newest kept when it is too long. */
export function enqueueMoments(queue: readonly Moment[], fresh: readonly Moment[]): Moment[] {
  const ids = new Set(queue.map((m) => m.id));
  const added = [...queue];
  for (const moment of fresh) {
    if (ids.has(moment.id)) continue;
    ids.add(moment.id);
    added.push(moment);
  }
  // The one on screen (the head) stays; the oldest waiting ones give way.
  if (added.length <= MOMENT_QUEUE_MAX) return added;
  return [added[0] as Moment, ...added.slice(added.length - (MOMENT_QUEUE_MAX - 1))];
}

import { formatInstant } from './format.ts';
import { addDays, localDateOf } from './time-window.ts';
import type { ChallengeFormat, ChallengeView, EpochMs } from './types.ts';

/** Where one participant would finish if they kept the rate they have had so far. */
export interface PaceEntry {
  memberId: string;
  count: number;
  /** The count at the end of the window at this rate (the final count once it has ended). */
  projected: number;
  /** Race and goal: the target is already reached. */
  reached: boolean;
  /**
   * Race: when the target would be reached at this rate. Null when it is already reached, when
   * there is no rate yet (nothing logged) or when that moment falls after the end.
   */
  reachesAt: EpochMs | null;
  /** Goal: projected >= target. Null for the other formats. */
  onTrack: boolean | null;
}

export interface ChallengePace {
  challengeId: string;
  format: ChallengeFormat;
  target: number | null;
  /** The window has closed (by the clock or the relay): the projections are the final counts. */
  ended: boolean;
  /** Best projection first; equal ones by member id, so the order never flips between renders. */
  entries: PaceEntry[];
}

/**
 * Each participant's (not declined) projected finish: count / elapsed * whole length. Null before
 * any of the window has passed (a rate over no time says nothing) and for an empty window.
 */
export function paceOf(challenge: ChallengeView, now: EpochMs): ChallengePace | null {
  const length = challenge.end - challenge.start;
  const closedAt =
    challenge.status === 'ended' || challenge.status === 'cancelled'
      ? Math.min(challenge.endedAt ?? challenge.end, challenge.end)
      : challenge.end;
  const until = Math.min(now, closedAt);
  const elapsed = until - challenge.start;
  if (!(length > 0) || !(elapsed > 0)) return null;
  const ended = until >= closedAt;
  const target = challenge.format === 'most' ? null : challenge.target;

  const counts = new Map(challenge.standings.map((s) => [s.memberId, s.count]));
  const entries = challenge.participants
    .filter((p) => !p.declined)
    .map((p): PaceEntry => {
      const count = counts.get(p.memberId) ?? 0;
      // Once it has ended the rate no longer matters: what they have is what they finish with.
      const projected = ended ? count : Math.round((count / elapsed) * length);
      const reached = target !== null && count >= target;
      let reachesAt: EpochMs | null = null;
      if (challenge.format === 'race' && target !== null && !reached && !ended && count > 0) {
        const at = challenge.start + Math.round((target / count) * elapsed);
        reachesAt = at < challenge.end ? at : null;
      }
      const onTrack = challenge.format === 'goal' && target !== null ? projected >= target : null;
      return { memberId: p.memberId, count, projected, reached, reachesAt, onTrack };
    })
    .sort((a, b) => b.count - a.count || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  return { challengeId: challenge.id, format: challenge.format, target, ended, entries };
}

export interface PaceWordsOptions {
  /** Whose pace to speak of; null (a floor board) speaks of the leader instead. */
  youId: string | null;
  names: (memberId: string) => string;
  /** The pack's zone: a projected moment is named on its wall clock. */
  timeZone: string;
}

/** "at 15:40" today, "on Thu" within the coming week, "on 4 Dec" further out. */
export function paceWhen(instant: EpochMs, now: EpochMs, timeZone: string): string {
  const [weekday, day, month, time] = formatInstant(instant, timeZone).split(' ');
  const date = localDateOf(instant, timeZone);
  const today = localDateOf(now, timeZone);
  if (date === today) return `at ${time}`;
  if (date < addDays(today, 7)) return `on ${weekday}`;
  return `on ${day} ${month}`;
}

/** Ten minutes, or a twentieth of the window if longer: a rate over less than that says little. */
const MIN_ELAPSED_MS = 10 * 60_000;
const MIN_ELAPSED_SHARE = 0.05;

/**
 * Too little of the window has passed for a projection to mean anything: three calls in the
 * first minutes of a week would read "on pace for 900".
 */
export function tooEarly(challenge: ChallengeView, now: EpochMs): boolean {
  const length = challenge.end - challenge.start;
  return now - challenge.start < Math.max(MIN_ELAPSED_MS, length * MIN_ELAPSED_SHARE);
}

/**
 * Short English for the pace, or null when there is none to tell (not started, too early, ended):
 * "on pace for 41, Sam 38", "on pace to reach 20 on Thu", "on track for the goal, on pace for 24".
 * Without you in it, the same is said of the leader ("Sam on pace for 41, Kim 38").
 */
export function paceWords(challenge: ChallengeView, now: EpochMs, options: PaceWordsOptions): string | null {
  const pace = paceOf(challenge, now);
  if (!pace || pace.ended || tooEarly(challenge, now)) return null;
  const you = pace.entries.find((e) => e.memberId === options.youId);
  // Goals are personal: on a board the useful figure is how many are on track.
  if (!you && pace.format === 'goal' && pace.target !== null) {
    const onTrack = pace.entries.filter((e) => e.onTrack).length;
    return `${onTrack} of ${pace.entries.length} on track for the goal`;
  }
  const subject = you ?? pace.entries[0];
  if (!subject) return null;
  const who = you ? '' : `${options.names(subject.memberId)} `;
  const target = pace.target;

  if (pace.format === 'race' && target !== null) {
    if (subject.reached) return `${who}reached ${target}`;
    if (subject.reachesAt === null) return `${who}on pace for ${subject.projected} of ${target}`;
    return `${who}on pace to reach ${target} ${paceWhen(subject.reachesAt, now, options.timeZone)}`;
  }
  if (pace.format === 'goal' && target !== null) {
    // Once reached, what they have says more than where the rate would take them.
    if (subject.reached) return `reached the goal (${subject.count} of ${target})`;
    return subject.onTrack
      ? `on track for the goal, on pace for ${subject.projected}`
      : `behind pace for the goal of ${target}, on pace for ${subject.projected}`;
  }
  // Set against the best placed of the others: the one figure that says whether you will win.
  const rival = pace.entries.find((e) => e !== subject);
  // "on pace for 0, Sam 0" says nothing that "no score yet" does not.
  if (subject.count === 0 && (rival?.count ?? 0) === 0) return null;
  const rivalPart = rival ? `, ${options.names(rival.memberId)} ${rival.projected}` : '';
  return `${who}on pace for ${subject.projected}${rivalPart}`;
}

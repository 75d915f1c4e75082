import type { ChallengeView, EpochMs } from './types.ts';

/** You are in it and have not declined. */
export function takesPart(challenge: ChallengeView, youId: string): boolean {
  return challenge.participants.some((p) => p.memberId === youId && !p.declined);
}

/** Running now by the clock: the relay may not have flipped a scheduled one to active yet. */
export function isLive(challenge: ChallengeView, now: EpochMs): boolean {
  const open = challenge.status === 'active' || challenge.status === 'scheduled';
  return open && challenge.start <= now && now < challenge.end;
}

const byThenId = (key: (c: ChallengeView) => number) => (a: ChallengeView, b: ChallengeView) =>
  key(a) - key(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The challenges you take part in and have not declined, the one that matters most first:
 * 1. live ones (start <= now < end, not ended or cancelled), the one ending soonest first, since
 *    its score is about to become a result;
 * 2. then scheduled ones still to come, the one starting soonest first.
 * Ended, cancelled and past-their-end ones are left out. Ties go to the earlier start, then the
 * id, so the order never flips between two equal choices.
 */
export function rankFeatured(
  challenges: readonly ChallengeView[],
  youId: string,
  now: EpochMs,
): ChallengeView[] {
  const mine = challenges.filter((c) => takesPart(c, youId));
  const live = mine
    .filter((c) => isLive(c, now))
    .sort((a, b) => a.end - b.end || byThenId((c) => c.start)(a, b));
  const upcoming = mine
    .filter((c) => c.status === 'scheduled' && now < c.start)
    .sort(byThenId((c) => c.start));
  return [...live, ...upcoming];
}

/** The one challenge the tray features: the first of rankFeatured, or null. */
export function pickFeaturedChallenge(
  challenges: readonly ChallengeView[],
  youId: string,
  now: EpochMs,
): ChallengeView | null {
  return rankFeatured(challenges, youId, now)[0] ?? null;
}

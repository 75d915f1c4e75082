import { outcomeOf, type Outcome } from '../../../core/outcome.ts';
import type { ChallengeView } from '../../../core/types.ts';

export type { Outcome };

export interface HistoryFilter {
  metric: string | null;
  partnerId: string | null;
  outcome: Outcome | null;
}

export const NO_FILTER: HistoryFilter = { metric: null, partnerId: null, outcome: null };

function tookPart(challenge: ChallengeView, memberId: string): boolean {
  return challenge.participants.some((p) => p.memberId === memberId && !p.declined);
}

/** How an ended challenge went for one member; null when they did not take part. */
export function outcomeFor(challenge: ChallengeView, memberId: string): Outcome | null {
  const result = challenge.result;
  if (!result || !tookPart(challenge, memberId)) return null;
  return outcomeOf(result, memberId);
}

export function matchesFilter(challenge: ChallengeView, filter: HistoryFilter, youId: string): boolean {
  if (filter.metric && challenge.metric !== filter.metric) return false;
  if (filter.partnerId && !tookPart(challenge, filter.partnerId)) return false;
  if (filter.outcome && outcomeFor(challenge, youId) !== filter.outcome) return false;
  return true;
}

/** The filters the relay applies itself (metric, partner); the outcome is checked here. */
export function serverFilter(filter: HistoryFilter): { metric?: string; memberId?: string } {
  return {
    ...(filter.metric ? { metric: filter.metric } : {}),
    ...(filter.partnerId ? { memberId: filter.partnerId } : {}),
  };
}

export interface Streak {
  count: number;
  /** True when every loaded challenge was a win and older ones are not loaded: "at least". */
  open: boolean;
}

/** Wins in a row, from the newest ended challenge back, counting only those the member took part in. */
export function winStreak(
  newestFirst: readonly ChallengeView[],
  memberId: string,
  complete: boolean,
): Streak {
  let count = 0;
  for (const challenge of newestFirst) {
    const outcome = outcomeFor(challenge, memberId);
    // A challenge nobody scored in was neither won nor lost: it neither extends nor ends a streak.
    if (outcome === null || outcome === 'no-result') continue;
    if (outcome !== 'won') return { count, open: false };
    count++;
  }
  return { count, open: !complete };
}

/** "3 wins in a row", "3+ wins in a row", "no current streak". */
export function streakLabel(streak: Streak): string {
  if (streak.count === 0) return 'no current streak';
  const plus = streak.open ? '+' : '';
  return `${streak.count}${plus} ${streak.count === 1 && !streak.open ? 'win' : 'wins'} in a row`;
}

/** "Alex 12 · Sam 9": every final score, best first, as the relay ranked them. */
export function scoreLine(challenge: ChallengeView, names: (memberId: string) => string): string {
  const result = challenge.result;
  if (!result) return '';
  return result.standings.map((s) => `${names(s.memberId)} ${s.count}`).join(' · ');
}

import type { BeatenBest, PersonalBest } from '../core/progress-types.ts';

/** The records a moment or a notification may still show; older ones have had their moment. */
export const BESTS_KEPT = 5;

/** The list with the new records appended (newest last), the last BESTS_KEPT of them kept. */
export function appendBests(
  kept: readonly BeatenBest[],
  bests: readonly PersonalBest[],
  at: number,
): BeatenBest[] {
  return [...kept, ...bests.map((best) => ({ ...best, at }))].slice(-BESTS_KEPT);
}

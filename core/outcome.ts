import type { ChallengeResult } from './types.ts';

/** How an ended challenge went for one member who took part in it. */
export type Outcome = 'won' | 'lost' | 'tied' | 'no-result';

/**
 * A challenge nobody scored in has no result: not a win, not a loss, not a tie. Every final
 * count at zero says nothing about who sold better, so History, head to head, the result line,
 * the CLI and the notification all read it from here rather than each deciding on its own (a
 * 0 to 0 once showed as lost in History and as a tie head to head).
 */
export function isNoResult(result: ChallengeResult): boolean {
  return result.winners.length === 0 && result.standings.every((s) => s.count === 0);
}

/** The member's outcome; call it only for a member who took part. */
export function outcomeOf(result: ChallengeResult, memberId: string): Outcome {
  if (isNoResult(result)) return 'no-result';
  if (!result.winners.includes(memberId)) return 'lost';
  return result.tie ? 'tied' : 'won';
}

/** "Won", "Lost", "Tied", "No result": the words a screen shows for an outcome. */
export function outcomeLabel(outcome: Outcome): string {
  return OUTCOME_LABELS[outcome];
}

const OUTCOME_LABELS: Record<Outcome, string> = {
  won: 'Won',
  lost: 'Lost',
  tied: 'Tied',
  'no-result': 'No result',
};

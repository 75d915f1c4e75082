import { rankStandings } from '../core/tally.ts';
import type { Challenge, ChallengeView } from '../core/types.ts';
import type { ParticipantRow, Queries } from './storage/types.ts';

/** A challenge as clients see it: live standings of those who did not decline, and its result. */
export function toView(
  challenge: Challenge,
  rows: ParticipantRow[],
  result: ChallengeView['result'],
): ChallengeView {
  const counting = rows.filter((r) => !r.declined);
  return { ...challenge, standings: rankStandings(counting, challenge.format), result };
}

export async function loadView(q: Queries, challenge: Challenge): Promise<ChallengeView> {
  const rows = await q.participants(challenge.id);
  const result = challenge.status === 'ended' ? await q.getResult(challenge.id) : null;
  return toView(challenge, rows, result);
}

export async function loadViewById(q: Queries, challengeId: string): Promise<ChallengeView | null> {
  const challenge = await q.getChallenge(challengeId);
  return challenge ? loadView(q, challenge) : null;
}

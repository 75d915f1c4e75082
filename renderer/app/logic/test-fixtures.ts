import type { ChallengeView, Member, Standing } from '../../../core/types.ts';

/** A member of pack 'p' for tests, active, joined at the epoch. */
export const member = (id: string, displayName: string): Member => ({
  id,
  packId: 'p',
  displayName,
  role: 'member',
  joinedAt: 0,
  active: true,
});

/** An ended challenge for tests: `counts` maps member ids to final counts. */
export function endedChallenge(
  id: string,
  counts: Record<string, number>,
  over: Partial<ChallengeView> = {},
): ChallengeView {
  const standings: Standing[] = Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([memberId, count]) => ({ memberId, count, rank: 1, reachedAt: null }));
  const top = standings[0]?.count ?? 0;
  const winners = standings.filter((s) => s.count === top && top > 0).map((s) => s.memberId);
  const runnerUp = standings.find((s) => s.count < top)?.count ?? top;
  return challengeView({
    id,
    participants: Object.keys(counts).map((memberId) => ({ memberId, declined: false })),
    status: 'ended',
    endedAt: 1000,
    standings,
    result: {
      challengeId: id,
      reason: 'time',
      winners,
      tie: winners.length > 1,
      standings,
      margin: winners.length > 1 ? 0 : top - runnerUp,
      endedAt: 1000,
    },
    ...over,
  });
}

/** An active "most calls this week" among a, b and c; `over` changes what a test is about. */
export function challengeView(over: Partial<ChallengeView> = {}): ChallengeView {
  return {
    id: 'x',
    packId: 'p',
    creatorId: 'a',
    title: 'Most calls this week',
    stake: null,
    metric: 'call',
    format: 'most',
    target: null,
    period: { kind: 'this-week' },
    start: 0,
    end: 1000,
    horizon: null,
    participants: ['a', 'b', 'c'].map((memberId) => ({ memberId, declined: false })),
    status: 'active',
    createdAt: 0,
    endedAt: null,
    repeat: null,
    standings: [],
    result: null,
    ...over,
  };
}

/**
 * Small builders for domain data in desktop tests: a member or a challenge with sensible defaults
 * and only the fields a test cares about spelled out.
 */
import type { ChallengeView, Member, Standing } from '../../../core/types.ts';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function member(id: string, displayName = id.charAt(0).toUpperCase() + id.slice(1)): Member {
  return { id, packId: 'pack', displayName, role: 'member', joinedAt: 0, active: true };
}

/** Standings from [memberId, count] pairs, ranked by count (shared counts share a rank). */
export function standings(...counts: [string, number][]): Standing[] {
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  return sorted.map(([memberId, count]) => ({
    memberId,
    count,
    rank: sorted.findIndex(([, c]) => c === count) + 1,
    reachedAt: null,
  }));
}

export interface ChallengeSpec extends Partial<ChallengeView> {
  /** Shorthand for participants and standings at once. */
  scores?: [string, number][];
  declined?: string[];
}

export function challenge(spec: ChallengeSpec = {}): ChallengeView {
  const { scores = [], declined = [], ...rest } = spec;
  const start = rest.start ?? Date.parse('2026-11-23T00:00:00Z');
  return {
    id: 'c1',
    packId: 'pack',
    repeat: null,
    creatorId: 'sam',
    title: 'Most calls this week',
    stake: null,
    metric: 'call',
    format: 'most',
    target: null,
    period: { kind: 'this-week' },
    start,
    end: start + 7 * DAY,
    horizon: null,
    participants: [
      ...scores.map(([memberId]) => ({ memberId, declined: false })),
      ...declined.map((memberId) => ({ memberId, declined: true })),
    ],
    status: 'active',
    createdAt: start - DAY,
    endedAt: null,
    standings: standings(...scores),
    result: null,
    ...rest,
  };
}

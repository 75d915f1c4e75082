import { describe, expect, it } from 'vitest';
import { decideResult } from './tally.ts';
import { isNoResult, outcomeLabel, outcomeOf, type Outcome } from './outcome.ts';
import type { Challenge, ChallengeFormat } from './types.ts';

function challenge(format: ChallengeFormat, target: number | null): Challenge {
  return {
    id: 'c1',
    packId: 'p',
    creatorId: 'a',
    title: 'T',
    stake: null,
    metric: 'call',
    format,
    target,
    period: { kind: 'this-week' },
    start: 0,
    end: 1000,
    horizon: null,
    participants: ['a', 'b'].map((memberId) => ({ memberId, declined: false })),
    status: 'active',
    createdAt: 0,
    endedAt: null,
    repeat: null,
  };
}

describe('outcomeOf a decided result', () => {
  it.each<[string, ChallengeFormat, number | null, Record<string, number>, Outcome, Outcome, boolean]>([
    ['0 to 0 most', 'most', null, { a: 0, b: 0 }, 'no-result', 'no-result', true],
    ['nobody logged at all', 'most', null, {}, 'no-result', 'no-result', true],
    ['0 to 0 race', 'race', 5, { a: 0, b: 0 }, 'no-result', 'no-result', true],
    ['0 to 0 goal', 'goal', 5, { a: 0, b: 0 }, 'no-result', 'no-result', true],
    ['1 to 0 most', 'most', null, { a: 1, b: 0 }, 'won', 'lost', false],
    ['2 to 2 most', 'most', null, { a: 2, b: 2 }, 'tied', 'tied', false],
    ['a race nobody finished is lost by both', 'race', 5, { a: 3, b: 1 }, 'lost', 'lost', false],
    ['a goal one made', 'goal', 2, { a: 3, b: 1 }, 'won', 'lost', false],
  ])('%s', (_, format, target, counts, forA, forB, none) => {
    const rows = Object.entries(counts).map(([memberId, count]) => ({
      memberId,
      count,
      reachedAt: target !== null && count >= target ? 10 : null,
    }));
    const result = decideResult(challenge(format, target), rows, 1000, 'time');
    expect(isNoResult(result)).toBe(none);
    expect(outcomeOf(result, 'a')).toBe(forA);
    expect(outcomeOf(result, 'b')).toBe(forB);
    // A no-result is never dressed up as a shared win or a tie.
    if (none) expect({ winners: result.winners, tie: result.tie }).toEqual({ winners: [], tie: false });
  });

  it.each<[Outcome, string]>([
    ['won', 'Won'],
    ['lost', 'Lost'],
    ['tied', 'Tied'],
    ['no-result', 'No result'],
  ])('%s reads "%s"', (outcome, words) => {
    expect(outcomeLabel(outcome)).toBe(words);
  });
});

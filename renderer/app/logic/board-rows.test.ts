import { describe, expect, it } from 'vitest';
import type { Member } from '../../../core/types.ts';
import { boardRows } from './board-rows.ts';
import { challengeView } from './test-fixtures.ts';

const members: Member[] = ['Alex', 'Sam', 'Kim'].map((displayName, i) => ({
  id: 'abc'[i] ?? '',
  packId: 'p',
  displayName,
  role: 'member',
  joinedAt: i,
  active: true,
}));

const standing = (counts: Record<string, number>) =>
  Object.entries(counts).map(([memberId, count]) => ({ memberId, count, rank: 0, reachedAt: null }));

const rows = (counts: Record<string, number>, over = {}) =>
  boardRows(challengeView({ standings: standing(counts), ...over }), members).map((r) => [
    r.rank,
    r.name,
    r.count,
    r.gap,
    r.leader,
  ]);

describe('floor board rows', () => {
  it.each([
    [
      { a: 25, b: 3, c: 22 },
      [
        [1, 'Alex', 25, '+3', true],
        [2, 'Kim', 22, '3 behind', false],
        [3, 'Sam', 3, '22 behind', false],
      ],
    ],
    [
      { a: 4, b: 4, c: 1 },
      [
        [1, 'Alex', 4, 'tied', true],
        [1, 'Sam', 4, 'tied', true],
        [3, 'Kim', 1, '3 behind', false],
      ],
    ],
    [
      {},
      [
        [1, 'Alex', 0, '', false],
        [1, 'Kim', 0, '', false],
        [1, 'Sam', 0, '', false],
      ],
    ],
  ])('%j reads %j', (counts, expected) => {
    expect(rows(counts)).toEqual(expected);
  });

  it('counts a goal down to the target for each member', () => {
    expect(rows({ a: 10, b: 7, c: 0 }, { format: 'goal', target: 10 })).toEqual([
      [1, 'Alex', 10, 'done', true],
      [2, 'Sam', 7, '3 to go', false],
      [3, 'Kim', 0, '10 to go', false],
    ]);
  });

  it('marks the member who reached a race target as done', () => {
    expect(rows({ a: 10, b: 7 }, { format: 'race', target: 10 })[0]).toEqual([1, 'Alex', 10, 'done', true]);
  });
});

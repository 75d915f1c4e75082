import { describe, expect, it } from 'vitest';
import type { PersonalBest } from '../core/progress-types.ts';
import { BESTS_KEPT, appendBests } from './bests.ts';

const best = (count: number): PersonalBest => ({
  memberId: 'm',
  metric: 'call',
  kind: 'day',
  count,
  previous: count - 1,
});

describe('appendBests', () => {
  it('appends newest last with the time of the acknowledgement', () => {
    const first = appendBests([], [best(3)], 1000);
    expect(appendBests(first, [best(4)], 2000)).toEqual([
      { ...best(3), at: 1000 },
      { ...best(4), at: 2000 },
    ]);
  });

  it('keeps only the last five, dropping the oldest', () => {
    let kept = appendBests([], [best(2), best(3), best(4)], 1);
    kept = appendBests(kept, [best(5), best(6), best(7)], 2);
    expect(kept).toHaveLength(BESTS_KEPT);
    expect(kept.map((b) => b.count)).toEqual([3, 4, 5, 6, 7]);
  });
});

import { describe, expect, it } from 'vitest';
import { BUILT_IN_METRICS } from './metrics.ts';
import type { PersonalBest } from './progress-types.ts';
import { beatenBestWords, countOf, weekChangeWords } from './progress-words.ts';

const metrics = BUILT_IN_METRICS;

describe('progress words', () => {
  it('counts with the right noun, and names a metric the pack dropped by its id', () => {
    expect([countOf(metrics, 'call', 1), countOf(metrics, 'call', 14), countOf(metrics, 'gone', 2)]).toEqual([
      '1 call',
      '14 calls',
      '2 gone',
    ]);
  });

  it.each([
    [42, 34, '42 calls, up 8 on the week before'],
    [30, 34, '30 calls, down 4 on the week before'],
    [34, 34, '34 calls, the same as the week before'],
    [5, 0, '5 calls, none the week before'],
    [0, 0, '0 calls, as the week before'],
    [1, 2, '1 call, down 1 on the week before'],
  ])('%i against %i reads "%s"', (week, previous, words) => {
    expect(weekChangeWords(metrics, 'call', week, previous)).toBe(words);
  });

  it.each<[PersonalBest, string]>([
    [
      { memberId: 'a', metric: 'call', kind: 'day', count: 14, previous: 12 },
      'New best: 14 calls in a day (was 12)',
    ],
    [
      { memberId: 'a', metric: 'appointment', kind: 'week', count: 6, previous: 5 },
      'New best: 6 appointments in a week (was 5)',
    ],
    [{ memberId: 'a', metric: 'call', kind: 'day', count: 1, previous: 0 }, 'New best: 1 call in a day'],
    [
      { memberId: 'a', metric: 'call', kind: 'streak', count: 6, previous: 5 },
      'New best streak: 6 days of calls (was 5)',
    ],
  ])('a beaten record reads "%s"', (best, words) => {
    expect(beatenBestWords(metrics, best)).toBe(words);
  });
});

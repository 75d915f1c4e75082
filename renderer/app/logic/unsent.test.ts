import { describe, expect, it } from 'vitest';
import { forgetProblem, unsentWords } from './unsent.ts';

describe('unsentWords', () => {
  it.each([
    [1, '1 log has not reached the relay yet'],
    [3, '3 logs have not reached the relay yet'],
  ])('%i', (count, words) => expect(unsentWords(count)).toBe(words));
});

describe('forgetProblem', () => {
  it.each<[string, number, number, string | null]>([
    ['nothing unsent', 0, 0, null],
    [
      'unsent logs the user did not agree to lose',
      3,
      0,
      '3 logs have not reached the relay yet: wait until they are sent, or choose to forget them',
    ],
    ['exactly the logs the user agreed to lose', 3, 3, null],
    ['fewer than agreed (some were sent meanwhile)', 1, 3, null],
    [
      'one more than agreed (made in another tab)',
      4,
      3,
      '4 logs have not reached the relay yet: wait until they are sent, or choose to forget them',
    ],
  ])('%s', (_case, unsent, agreed, expected) => expect(forgetProblem(unsent, agreed)).toBe(expected));
});

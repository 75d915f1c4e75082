import { describe, expect, it } from 'vitest';
import { BUILT_IN_METRICS } from '../../../core/metrics.ts';
import {
  challengeTally,
  dayLabel,
  daysWords,
  parseTarget,
  streakWords,
  targetWords,
  todayWords,
  weekLeaders,
  weekOfLabel,
  weekRangeLabel,
} from './progress-lines.ts';

const metrics = [
  ...BUILT_IN_METRICS,
  { id: 'demo', label: 'Product demos', needsMeetingDate: false, builtIn: false },
];

describe('streak and target words', () => {
  it.each([
    [5, '5-day streak'],
    [1, '1-day streak'],
    [0, 'Streak starts today'],
  ])('a streak of %i reads "%s"', (streak, words) => {
    expect(streakWords(streak)).toBe(words);
  });

  it.each([
    ['call', 3, '3 calls a day'],
    ['call', 1, '1 call a day'],
    ['demo', 2, '2 product demos a day'],
    ['gone', 4, '4 gone a day'],
  ])('a target of %s %i reads "%s"', (metric, target, words) => {
    expect(targetWords(metrics, metric, target)).toBe(words);
  });

  it.each([
    [{ today: 2, target: 3, streak: 4 }, '2 of 3 today', '1 more to keep it going'],
    [{ today: 0, target: 3, streak: 0 }, '0 of 3 today', '3 more to start a streak'],
    [{ today: 3, target: 3, streak: 5 }, '3 of 3 today', 'Target met'],
    [{ today: 9, target: 3, streak: 5 }, '9 of 3 today', 'Target met'],
  ])('today %o', (progress, count, left) => {
    expect(todayWords(progress)).toEqual({ count, left });
  });
});

describe('bests', () => {
  it('counts days in a run, and names the week of a record', () => {
    expect([daysWords(9), daysWords(1), daysWords(0)]).toEqual(['9 days', '1 day', 'None']);
    expect(weekOfLabel('2026-11-23')).toBe('week of 23 Nov');
  });
});

describe('the recap', () => {
  it('writes days and weeks as calendar dates, in any viewer zone', () => {
    expect(dayLabel('2026-11-30')).toBe('Mon 30 Nov');
    expect(weekRangeLabel('2026-11-30', '2026-12-06')).toBe('30 Nov – 6 Dec 2026');
    expect(weekRangeLabel('2026-12-28', '2027-01-03')).toBe('28 Dec 2026 – 3 Jan 2027');
    expect(weekRangeLabel('2026-11-09', '2026-11-15')).toBe('9 – 15 Nov 2026');
  });

  it.each([
    [{ won: 3, lost: 1, tied: 0 }, '3 won, 1 lost'],
    [{ won: 0, lost: 0, tied: 2 }, '2 tied'],
    [{ won: 0, lost: 0, tied: 0 }, 'No challenges ended'],
  ])('challenges %o read "%s"', (tally, words) => {
    expect(challengeTally(tally)).toBe(words);
  });

  it('finds who led a metric, ties included, and nobody in a silent week', () => {
    const member = (memberId: string, week: number) => ({
      memberId,
      counts: [{ metric: 'call', week, previousWeek: 0 }],
      challenges: [],
      won: 0,
      lost: 0,
      tied: 0,
      streaks: [],
    });
    expect(weekLeaders([member('a', 4), member('b', 9)], 'call')).toEqual({ ids: ['b'], count: 9 });
    expect(weekLeaders([member('a', 9), member('b', 9)], 'call')).toEqual({ ids: ['a', 'b'], count: 9 });
    expect(weekLeaders([member('a', 0), member('b', 0)], 'call')).toEqual({ ids: [], count: 0 });
    expect(weekLeaders([member('a', 3)], 'appointment')).toEqual({ ids: [], count: 0 });
  });
});

describe('the daily target box', () => {
  it.each([
    ['3', 3],
    [' 10000 ', 10_000],
    ['1', 1],
  ])('accepts %s', (text, target) => {
    expect(parseTarget(text)).toEqual({ ok: true, target });
  });

  it.each([
    ['', 'Enter a daily target, a whole number from 1 to 10000.'],
    ['0', 'The daily target must be from 1 to 10000.'],
    ['10001', 'The daily target must be from 1 to 10000.'],
    ['2.5', 'The daily target must be a whole number, like 3.'],
    ['-3', 'The daily target must be a whole number, like 3.'],
    ['three', 'The daily target must be a whole number, like 3.'],
  ])('refuses "%s" saying why', (text, message) => {
    expect(parseTarget(text)).toEqual({ ok: false, message });
  });
});

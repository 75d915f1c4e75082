import { describe, expect, it } from 'vitest';
import { beatenBests, metricProgress, type DayTotal } from './streaks.ts';
import { localDateOf } from './time-window.ts';
import type { WeekStart } from './types.ts';

// 2026-03-02 is a Monday; 03-07 and 03-08 are the weekend; 03-09 the next Monday.
const days = (entries: Record<string, number>): DayTotal[] =>
  Object.entries(entries).map(([day, count]) => ({ day, count }));

const progress = (entries: Record<string, number>, today: string, target = 1, weekStart: WeekStart = 1) =>
  metricProgress({ metric: 'call', days: days(entries), target, today, weekStart });

describe('metricProgress: the streak', () => {
  it.each<[string, Record<string, number>, string, number, number]>([
    ['nothing logged', {}, '2026-03-04', 0, 0],
    ['met today only', { '2026-03-04': 1 }, '2026-03-04', 1, 1],
    [
      'Monday to Wednesday, today met',
      { '2026-03-02': 2, '2026-03-03': 1, '2026-03-04': 1 },
      '2026-03-04',
      3,
      3,
    ],
    ['today not met yet does not break it', { '2026-03-02': 1, '2026-03-03': 1 }, '2026-03-04', 2, 2],
    ['a missed working day breaks it', { '2026-03-02': 1, '2026-03-04': 1 }, '2026-03-05', 1, 1],
    ['yesterday missed: no streak today', { '2026-03-02': 1 }, '2026-03-04', 0, 1],
    [
      'a weekend neither breaks nor extends',
      { '2026-03-05': 1, '2026-03-06': 1, '2026-03-09': 1 },
      '2026-03-09',
      3,
      3,
    ],
    [
      'weekend logs do not count toward it',
      { '2026-03-06': 1, '2026-03-07': 5, '2026-03-08': 5 },
      '2026-03-08',
      1,
      1,
    ],
    ['on a Sunday, Friday still holds it', { '2026-03-05': 1, '2026-03-06': 1 }, '2026-03-08', 2, 2],
    ['Monday not met yet: Friday still holds it', { '2026-03-06': 1 }, '2026-03-09', 1, 1],
    ['days after today are ignored', { '2026-03-02': 1, '2026-03-03': 1 }, '2026-03-02', 1, 1],
    [
      'the best run stays when the current one is shorter',
      { '2026-03-02': 1, '2026-03-03': 1, '2026-03-04': 1, '2026-03-06': 1 },
      '2026-03-06',
      1,
      3,
    ],
  ])('%s', (_, entries, today, streak, bestStreak) => {
    const p = progress(entries, today);
    expect(p.streak).toBe(streak);
    expect(p.bestStreak).toBe(bestStreak);
  });

  it('counts only days that meet the target', () => {
    const p = progress({ '2026-03-02': 5, '2026-03-03': 4, '2026-03-04': 6 }, '2026-03-04', 5);
    expect(p).toMatchObject({ target: 5, today: 6, streak: 1, bestStreak: 1 });
  });
});

describe('metricProgress: best day and best week', () => {
  it('has none before the first log', () => {
    expect(progress({}, '2026-03-04')).toMatchObject({ today: 0, bestDay: null, bestWeek: null });
  });

  it('names the earliest day of a tied best, and the week with the most', () => {
    const p = progress({ '2026-03-02': 4, '2026-03-03': 4, '2026-03-09': 3, '2026-03-10': 3 }, '2026-03-10');
    expect(p.bestDay).toEqual({ count: 4, day: '2026-03-02' });
    expect(p.bestWeek).toEqual({ count: 8, weekStart: '2026-03-02' });
    expect(p.today).toBe(3);
  });

  it('cuts weeks at the pack week start: Sunday weeks put a Sunday with the days after it', () => {
    const entries = { '2026-03-06': 2, '2026-03-08': 5, '2026-03-09': 1 };
    expect(progress(entries, '2026-03-09', 1, 1).bestWeek).toEqual({ count: 7, weekStart: '2026-03-02' });
    expect(progress(entries, '2026-03-09', 1, 0).bestWeek).toEqual({ count: 6, weekStart: '2026-03-08' });
  });
});

describe('metricProgress across time zones', () => {
  // 2026-03-09 20:30 UTC: still Monday in Los Angeles, already Tuesday in Auckland.
  const now = Date.UTC(2026, 2, 9, 20, 30);
  it.each([
    ['America/Los_Angeles', '2026-03-09', 1],
    ['Pacific/Auckland', '2026-03-10', 0],
  ])('%s: today is %s, streak %i', (zone, today, streak) => {
    // The relay keeps day totals by the pack's local day: the Friday was met, Monday was not.
    expect(localDateOf(now, zone)).toBe(today);
    expect(progress({ '2026-03-06': 1 }, localDateOf(now, zone)).streak).toBe(streak);
  });
});

describe('beatenBests', () => {
  const beat = (
    after: Record<string, number>,
    added: Record<string, number>,
    today: string,
    target = 1,
    weekStart: WeekStart = 1,
  ) =>
    beatenBests({
      memberId: 'm',
      metric: 'call',
      days: days(after),
      added: days(added),
      target,
      today,
      weekStart,
    }).map((b) => `${b.kind} ${b.previous}->${b.count}`);

  it.each<[string, Record<string, number>, Record<string, number>, string, string[]]>([
    // The first day ever beats nothing: every first log would be a "best".
    ['the first log ever', { '2026-03-02': 1 }, { '2026-03-02': 1 }, '2026-03-02', []],
    [
      'more than the best day, in a week that is not the best',
      { '2026-03-02': 3, '2026-03-03': 2, '2026-03-09': 4 },
      { '2026-03-09': 1 },
      '2026-03-09',
      ['day 3->4'],
    ],
    [
      'a tie with the best day is not a best',
      { '2026-03-02': 3, '2026-03-09': 3 },
      { '2026-03-09': 1 },
      '2026-03-09',
      [],
    ],
    [
      'a record day beats it once, not again with every log',
      { '2026-03-02': 3, '2026-03-09': 5 },
      { '2026-03-09': 1 },
      '2026-03-09',
      [],
    ],
    [
      'a day and a week at once',
      { '2026-03-02': 3, '2026-03-09': 4 },
      { '2026-03-09': 1 },
      '2026-03-09',
      ['day 3->4', 'week 3->4'],
    ],
    [
      'a longer streak than ever, once it passes the old one',
      { '2026-03-02': 1, '2026-03-03': 1, '2026-03-05': 1, '2026-03-06': 1, '2026-03-09': 1 },
      { '2026-03-09': 1 },
      '2026-03-09',
      ['streak 2->3'],
    ],
    [
      'extending a record streak further beats nothing new',
      { '2026-03-02': 1, '2026-03-04': 1, '2026-03-05': 1, '2026-03-06': 1 },
      { '2026-03-06': 1 },
      '2026-03-06',
      [],
    ],
    [
      'a log on a gap that joins two runs',
      { '2026-03-02': 1, '2026-03-03': 1, '2026-03-10': 1, '2026-03-11': 1, '2026-03-12': 1 },
      { '2026-03-11': 1 },
      '2026-03-12',
      ['week 2->3', 'streak 2->3'],
    ],
  ])('%s', (_, after, added, today, expected) => {
    expect(beat(after, added, today)).toEqual(expected);
  });

  it('counts streaks against the target: below it the streak does not move', () => {
    const after = { '2026-03-02': 3, '2026-03-04': 3, '2026-03-05': 2 };
    expect(beat(after, { '2026-03-05': 1 }, '2026-03-05', 3)).toEqual([]);
    expect(beat({ ...after, '2026-03-05': 3 }, { '2026-03-05': 1 }, '2026-03-05', 3)).toEqual([
      'streak 1->2',
    ]);
  });

  it('reports a week beaten under Sunday weeks that Monday weeks would not see', () => {
    // Sun 03-08 + Mon 03-09 are one Sunday week (2+2=4 > 3) but split across two Monday weeks.
    const after = { '2026-03-02': 3, '2026-03-08': 2, '2026-03-09': 2 };
    expect(beat(after, { '2026-03-09': 1 }, '2026-03-09', 1, 0)).toEqual(['week 3->4']);
    expect(beat(after, { '2026-03-09': 1 }, '2026-03-09', 1, 1)).toEqual([]);
  });
});

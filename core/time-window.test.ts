import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  horizonFor,
  isValidLocalDate,
  localDateOf,
  parseHorizonArg,
  parsePeriodArg,
  startOfLocalDay,
  weekStartDate,
  windowFor,
} from './time-window.ts';
import type { PeriodSpec, WeekStart } from './types.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;

describe('startOfLocalDay', () => {
  it.each([
    // zone, date, first instant, why it is interesting
    ['America/New_York', '2026-03-08', '2026-03-08T05:00:00.000Z'], // spring forward later that day
    ['America/New_York', '2026-03-09', '2026-03-09T04:00:00.000Z'],
    ['America/New_York', '2026-11-01', '2026-11-01T04:00:00.000Z'], // fall back later that day
    ['America/New_York', '2026-11-02', '2026-11-02T05:00:00.000Z'],
    ['Europe/Berlin', '2026-03-29', '2026-03-28T23:00:00.000Z'],
    ['Europe/Berlin', '2026-03-30', '2026-03-29T22:00:00.000Z'],
    ['Europe/Berlin', '2026-10-25', '2026-10-24T22:00:00.000Z'],
    ['Europe/Berlin', '2026-10-26', '2026-10-25T23:00:00.000Z'],
    ['Australia/Sydney', '2026-04-05', '2026-04-04T13:00:00.000Z'], // southern autumn: fall back
    ['Australia/Sydney', '2026-04-06', '2026-04-05T14:00:00.000Z'],
    ['Australia/Sydney', '2026-10-04', '2026-10-03T14:00:00.000Z'], // southern spring
    ['Australia/Sydney', '2026-10-05', '2026-10-04T13:00:00.000Z'],
    ['America/Sao_Paulo', '2018-11-04', '2018-11-04T03:00:00.000Z'], // midnight skipped: 01:00 -02
    ['America/Sao_Paulo', '2018-11-05', '2018-11-05T02:00:00.000Z'],
    ['America/Sao_Paulo', '2019-02-16', '2019-02-16T02:00:00.000Z'], // 23:00 happens twice
    ['America/Sao_Paulo', '2019-02-17', '2019-02-17T03:00:00.000Z'],
    ['America/Havana', '2026-03-08', '2026-03-08T05:00:00.000Z'], // 00:00 jumps to 01:00
    ['America/Havana', '2026-11-01', '2026-11-01T04:00:00.000Z'], // 01:00 back to 00:00: first midnight
    ['America/Havana', '2026-11-02', '2026-11-02T05:00:00.000Z'],
    ['America/Santiago', '2026-04-05', '2026-04-05T04:00:00.000Z'],
    ['America/Santiago', '2026-09-06', '2026-09-06T04:00:00.000Z'], // midnight skipped
    ['America/Santiago', '2026-09-07', '2026-09-07T03:00:00.000Z'],
    ['Asia/Kolkata', '2026-03-01', '2026-02-28T18:30:00.000Z'],
    ['Pacific/Chatham', '2026-07-01', '2026-06-30T11:15:00.000Z'], // +12:45
    ['Pacific/Chatham', '2026-01-01', '2025-12-31T10:15:00.000Z'], // +13:45
    ['Pacific/Apia', '2011-12-30', '2011-12-30T10:00:00.000Z'], // a day that never happened
    ['UTC', '2026-01-01', '2026-01-01T00:00:00.000Z'],
  ])('%s %s starts at %s', (zone, date, expected) => {
    const start = startOfLocalDay(date, zone);
    expect(iso(start)).toBe(expected);
    expect(localDateOf(start - 1, zone) < date).toBe(true);
  });

  it.each([
    ['America/New_York', '2026-03-08', 23],
    ['America/New_York', '2026-11-01', 25],
    ['Australia/Sydney', '2026-04-05', 25],
    ['Australia/Sydney', '2026-10-04', 23],
    ['America/Havana', '2026-03-08', 23],
    ['America/Havana', '2026-11-01', 25],
    ['America/Santiago', '2026-09-06', 23],
    ['Europe/Berlin', '2026-06-15', 24],
  ])('%s %s lasts %i hours', (zone, date, hours) => {
    expect(startOfLocalDay(addDays(date, 1), zone) - startOfLocalDay(date, zone)).toBe(hours * HOUR);
  });
});

describe('localDateOf', () => {
  it.each([
    ['2026-02-28T18:29:59.999Z', 'Asia/Kolkata', '2026-02-28'],
    ['2026-02-28T18:30:00.000Z', 'Asia/Kolkata', '2026-03-01'],
    ['2026-06-30T11:15:00.000Z', 'Pacific/Chatham', '2026-07-01'],
    ['2026-12-31T23:30:00.000Z', 'Europe/Berlin', '2027-01-01'],
    ['2026-01-01T03:00:00.000Z', 'America/New_York', '2025-12-31'],
  ])('%s in %s is %s', (instant, zone, expected) => {
    expect(localDateOf(at(instant), zone)).toBe(expected);
  });
});

describe('calendar arithmetic', () => {
  it.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-01-01', 365, '2027-01-01'],
  ])('addDays(%s, %i) = %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-11-15', 3, '2027-02-15'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-01-15', -1, '2025-12-15'],
    ['2026-10-01', 24, '2028-10-01'],
  ])('addMonths(%s, %i) = %s', (date, n, expected) => {
    expect(addMonths(date, n)).toBe(expected);
  });

  it.each([
    // 2026-03-04 is a Wednesday, 2026-03-01 a Sunday, 2026-03-07 a Saturday.
    ['2026-03-04', 0, '2026-03-01'],
    ['2026-03-04', 1, '2026-03-02'],
    ['2026-03-04', 6, '2026-02-28'],
    ['2026-03-01', 0, '2026-03-01'],
    ['2026-03-01', 1, '2026-02-23'],
    ['2026-03-07', 6, '2026-03-07'],
    ['2027-01-01', 1, '2026-12-28'],
  ] as [string, WeekStart, string][])('weekStartDate(%s, %i) = %s', (date, weekStart, expected) => {
    expect(weekStartDate(date, weekStart)).toBe(expected);
  });

  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['2026-02-29', false],
    ['1900-02-29', false],
    ['2026-02-30', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-1-01', false],
    ['not a date', false],
  ])('isValidLocalDate(%s) = %s', (date, expected) => {
    expect(isValidLocalDate(date)).toBe(expected);
  });
});

describe('windowFor', () => {
  const check = (period: PeriodSpec, now: string, zone: string, weekStart: WeekStart) => {
    const window = windowFor(period, at(now), zone, weekStart);
    return [iso(window.start), iso(window.end), (window.end - window.start) / HOUR];
  };

  it.each([
    ['America/New_York', '2026-03-08T16:00Z', '2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z', 23],
    ['Australia/Sydney', '2026-04-05T02:00Z', '2026-04-04T13:00:00.000Z', '2026-04-05T14:00:00.000Z', 25],
    ['America/Santiago', '2026-09-06T15:00Z', '2026-09-06T04:00:00.000Z', '2026-09-07T03:00:00.000Z', 23],
    ['America/Havana', '2026-11-01T12:00Z', '2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z', 25],
    ['Europe/Berlin', '2026-12-31T22:30Z', '2026-12-30T23:00:00.000Z', '2026-12-31T23:00:00.000Z', 24],
  ])('today in %s at %s', (zone, now, start, end, hours) => {
    expect(check({ kind: 'today' }, now, zone, 1)).toEqual([start, end, hours]);
  });

  it.each<[string, string, WeekStart, string, string, number]>([
    // Spring forward and fall back inside the week: 167 and 169 hours.
    ['America/New_York', '2026-03-04T17:00Z', 1, '2026-03-02T05:00:00.000Z', '2026-03-09T04:00:00.000Z', 167],
    ['America/New_York', '2026-10-28T16:00Z', 1, '2026-10-26T04:00:00.000Z', '2026-11-02T05:00:00.000Z', 169],
    ['Europe/Berlin', '2026-03-25T12:00Z', 1, '2026-03-22T23:00:00.000Z', '2026-03-29T22:00:00.000Z', 167],
    ['Australia/Sydney', '2026-04-08T01:00Z', 0, '2026-04-04T13:00:00.000Z', '2026-04-11T14:00:00.000Z', 169],
    ['America/Havana', '2026-03-10T12:00Z', 0, '2026-03-08T05:00:00.000Z', '2026-03-15T04:00:00.000Z', 167],
    // Wednesday 2026-03-04 with each week start.
    ['UTC', '2026-03-04T12:00Z', 0, '2026-03-01T00:00:00.000Z', '2026-03-08T00:00:00.000Z', 168],
    ['UTC', '2026-03-04T12:00Z', 1, '2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z', 168],
    ['UTC', '2026-03-04T12:00Z', 6, '2026-02-28T00:00:00.000Z', '2026-03-07T00:00:00.000Z', 168],
    ['Asia/Kolkata', '2026-12-31T12:00Z', 1, '2026-12-27T18:30:00.000Z', '2027-01-03T18:30:00.000Z', 168],
  ])('this week in %s at %s (week starts on day %i)', (zone, now, weekStart, start, end, hours) => {
    expect(check({ kind: 'this-week' }, now, zone, weekStart)).toEqual([start, end, hours]);
  });

  it.each([
    ['Q1', 'Europe/Berlin', '2026-02-15T12:00Z', '2025-12-31T23:00:00.000Z', '2026-03-31T22:00:00.000Z'],
    [
      'Q2, last second',
      'Europe/Berlin',
      '2026-06-30T21:59:59Z',
      '2026-03-31T22:00:00.000Z',
      '2026-06-30T22:00:00.000Z',
    ],
    [
      'Q3, first instant',
      'Europe/Berlin',
      '2026-06-30T22:00Z',
      '2026-06-30T22:00:00.000Z',
      '2026-09-30T22:00:00.000Z',
    ],
    [
      'Q4 at 23:30 local on 31 Dec',
      'Europe/Berlin',
      '2026-12-31T22:30Z',
      '2026-09-30T22:00:00.000Z',
      '2026-12-31T23:00:00.000Z',
    ],
    [
      'Q1 half an hour later',
      'Europe/Berlin',
      '2026-12-31T23:30Z',
      '2026-12-31T23:00:00.000Z',
      '2027-03-31T22:00:00.000Z',
    ],
    [
      'Q2 south of the equator',
      'Australia/Sydney',
      '2026-05-01T00:00Z',
      '2026-03-31T13:00:00.000Z',
      '2026-06-30T14:00:00.000Z',
    ],
  ])('this quarter: %s (%s)', (_name, zone, now, start, end) => {
    expect(check({ kind: 'this-quarter' }, now, zone, 1).slice(0, 2)).toEqual([start, end]);
  });

  it.each([
    [
      'Europe/Berlin',
      '2026-03-01',
      '2026-03-31',
      '2026-02-28T23:00:00.000Z',
      '2026-03-31T22:00:00.000Z',
      743,
    ],
    ['Europe/Berlin', '2026-10-25', '2026-10-25', '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z', 25],
    [
      'Pacific/Chatham',
      '2026-12-31',
      '2027-01-01',
      '2026-12-30T10:15:00.000Z',
      '2027-01-01T10:15:00.000Z',
      48,
    ],
  ])('range in %s from %s to %s', (zone, from, to, start, end, hours) => {
    expect(check({ kind: 'range', from, to }, '2026-01-01T00:00Z', zone, 1)).toEqual([start, end, hours]);
  });

  it('takes instants as given', () => {
    const period = {
      kind: 'instants',
      start: at('2026-03-04T15:00Z'),
      end: at('2026-03-04T16:00Z'),
    } as const;
    expect(check(period, '2026-03-01T00:00Z', 'America/Havana', 1)).toEqual([
      '2026-03-04T15:00:00.000Z',
      '2026-03-04T16:00:00.000Z',
      1,
    ]);
  });
});

describe('horizonFor', () => {
  it.each([
    [
      'a Monday week, 3 months',
      'America/New_York',
      '2026-03-02T05:00:00Z',
      '2026-03-09T04:00:00Z',
      3,
      '2026-03-02',
      '2026-06-09',
    ],
    [
      'Q4, 12 months',
      'Europe/Berlin',
      '2026-09-30T22:00:00Z',
      '2026-12-31T23:00:00Z',
      12,
      '2026-10-01',
      '2028-01-01',
    ],
    [
      'a window closing on the 31st',
      'America/New_York',
      '2026-01-01T05:00:00Z',
      '2026-01-31T05:00:00Z',
      1,
      '2026-01-01',
      '2026-03-01',
    ],
  ])('%s (%s)', (_name, zone, start, end, months, from, to) => {
    expect(horizonFor({ start: at(start), end: at(end) }, months, zone)).toEqual({ from, to });
  });
});

describe('argument parsing', () => {
  it.each<[string, PeriodSpec | null]>([
    ['today', { kind: 'today' }],
    ['this-week', { kind: 'this-week' }],
    [' This-Quarter ', { kind: 'this-quarter' }],
    ['2026-03-01..2026-03-31', { kind: 'range', from: '2026-03-01', to: '2026-03-31' }],
    ['2026-03-01..2026-03-01', { kind: 'range', from: '2026-03-01', to: '2026-03-01' }],
    ['2026-03-31..2026-03-01', null],
    ['2026-02-01..2026-02-30', null],
    ['2026-03-01...2026-03-31', null],
    ['2026-03-01', null],
    ['week', null],
    ['', null],
  ])('parsePeriodArg(%j)', (arg, expected) => {
    expect(parsePeriodArg(arg)).toEqual(expected);
  });

  it.each<[string, number | null]>([
    ['3mo', 3],
    ['3m', 3],
    ['3', 3],
    ['12mo', 12],
    ['24', 24],
    ['0', null],
    ['25mo', null],
    ['3 months', null],
    ['-3', null],
    ['1.5', null],
    ['mo', null],
  ])('parseHorizonArg(%j) = %j', (arg, expected) => {
    expect(parseHorizonArg(arg)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { forwardWarning, shortDate } from './forward-check.ts';
import type { HorizonChallenge } from './forward-check.ts';

// Wednesday 4 March 2026, noon in UTC: a week from Monday 2 Mar to Monday 9 Mar.
const NOW = Date.parse('2026-03-04T12:00:00Z');
const WEEK = { start: Date.parse('2026-03-02T00:00:00Z'), end: Date.parse('2026-03-09T00:00:00Z') };

function forward(overrides: Partial<HorizonChallenge> = {}): HorizonChallenge {
  return {
    title: 'Most forward appointments',
    metric: 'forward_appointment',
    status: 'active',
    ...WEEK,
    // Meetings from 2 Mar through 7 Mar count (the exclusive end is 8 Mar).
    horizon: { from: '2026-03-02', to: '2026-03-08' },
    participants: [
      { memberId: 'ann', declined: false },
      { memberId: 'bob', declined: false },
    ],
    ...overrides,
  };
}

const check = (meetingDate: string, challenges: HorizonChallenge[], youId: string | null = 'ann') =>
  forwardWarning({
    metric: 'forward_appointment',
    meetingDate,
    now: NOW,
    timeZone: 'UTC',
    youId,
    challenges,
  });

const BEYOND =
  'This meeting date is outside every running challenge: Most forward appointments counts meetings ' +
  'up to 7 Mar. It will be logged but count in none.';

describe('forwardWarning', () => {
  it.each<[string, string, HorizonChallenge[], string | null]>([
    ['inside the horizon', '2026-03-06', [forward()], null],
    ['the horizon’s last day', '2026-03-07', [forward()], null],
    ['today', '2026-03-04', [forward()], null],
    ['the day after the horizon', '2026-03-08', [forward()], BEYOND],
    ['a year later', '2027-03-08', [forward()], BEYOND],
    [
      'before the horizon and in the past',
      '2026-03-01',
      [forward()],
      'This meeting date has passed and is outside every running challenge: Most forward appointments ' +
        'counts meetings from 2 Mar to 7 Mar. It will be logged but count in none.',
    ],
    [
      'in the past but inside the horizon',
      '2026-03-03',
      [forward()],
      'This meeting date (3 Mar) has passed: a forward appointment is for a meeting still to come. ' +
        'It will be logged and still count in Most forward appointments.',
    ],
    [
      'in the past with no running challenge',
      '2026-02-20',
      [],
      'This meeting date (20 Feb) has passed: a forward appointment is for a meeting still to come. ' +
        'It will be logged.',
    ],
    ['far ahead with no running challenge', '2026-09-01', [], null],
    ['beyond one horizon but inside another', '2026-05-01', [forward(), forward({ horizon: null })], null],
    [
      'beyond two horizons: both are named',
      '2026-08-01',
      [forward(), forward({ title: 'Q2 bookings', horizon: { from: '2026-03-02', to: '2026-07-01' } })],
      'This meeting date is outside every running challenge: Most forward appointments counts meetings ' +
        'up to 7 Mar; Q2 bookings counts meetings up to 30 Jun. It will be logged but count in none.',
    ],
    ['a challenge on another metric', '2026-08-01', [forward({ metric: 'call', horizon: null })], null],
    ['a challenge that has not started', '2026-08-01', [forward({ status: 'scheduled' })], null],
    ['a challenge whose window is over', '2026-08-01', [forward({ end: NOW })], null],
    [
      'a challenge you declined',
      '2026-08-01',
      [forward({ participants: [{ memberId: 'ann', declined: true }] })],
      null,
    ],
  ])('%s', (_case, date, challenges, expected) => {
    expect(check(date, challenges)).toBe(expected);
  });

  it('checks every running challenge when the member is not known yet', () => {
    expect(check('2026-03-08', [forward()], null)).toBe(BEYOND);
  });

  it('reads "today" in the pack’s zone, not UTC', () => {
    // 23:30 on 3 Mar in New York is already 4 Mar in UTC: 3 Mar is still today there.
    const late = Date.parse('2026-03-04T04:30:00Z');
    const inNewYork = (meetingDate: string) =>
      forwardWarning({
        metric: 'forward_appointment',
        meetingDate,
        now: late,
        timeZone: 'America/New_York',
        youId: 'ann',
        challenges: [],
      });
    expect(inNewYork('2026-03-03')).toBeNull();
    expect(inNewYork('2026-03-02')).toMatch(/has passed/);
  });
});

describe('shortDate', () => {
  it.each([
    ['2026-03-07', '2026-01-01', '7 Mar'],
    ['2026-12-31', '2026-06-01', '31 Dec'],
    ['2027-01-05', '2026-12-30', '5 Jan 2027'],
  ])('%s seen on %s reads %s', (date, today, expected) => {
    expect(shortDate(date, today)).toBe(expected);
  });
});

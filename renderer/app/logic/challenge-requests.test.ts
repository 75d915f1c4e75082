import { describe, expect, it } from 'vitest';
import { windowFor } from '../../../core/time-window.ts';
import {
  buildCustomRequest,
  horizonMonthsOf,
  instantFromWallClock,
  rematchPeriod,
  rematchRequest,
  TEMPLATES,
} from './challenge-requests.ts';
import type { CustomForm } from './challenge-requests.ts';
import { endedChallenge } from './test-fixtures.ts';

const NOW = Date.UTC(2026, 10, 26, 14, 0); // Thu 26 Nov 2026, 15:00 in Berlin
const TZ = 'Europe/Berlin';

describe('templates', () => {
  it('offers the four classics and a power hour', () => {
    expect(TEMPLATES.map((t) => t.build(NOW))).toEqual([
      { metric: 'call', format: 'most', period: { kind: 'this-week' } },
      { metric: 'appointment', format: 'most', period: { kind: 'this-week' } },
      { metric: 'proposal', format: 'most', period: { kind: 'this-quarter' } },
      { metric: 'forward_appointment', format: 'most', period: { kind: 'this-week' }, horizonMonths: 3 },
      { metric: 'call', format: 'most', period: { kind: 'instants', start: NOW, end: NOW + 3_600_000 } },
    ]);
  });
});

describe('rematch', () => {
  it.each([
    [{ kind: 'this-week' as const }, { kind: 'this-week' }],
    [
      { kind: 'range' as const, from: '2026-01-05', to: '2026-01-09' },
      { kind: 'range', from: '2026-11-26', to: '2026-11-30' },
    ],
    [
      { kind: 'instants' as const, start: 0, end: 3_600_000 },
      { kind: 'instants', start: NOW, end: NOW + 3_600_000 },
    ],
  ])('%j becomes %j', (period, expected) => {
    expect(rematchPeriod(period, NOW, TZ)).toEqual(expected);
  });

  it('keeps metric, format, target, partners who played, stake and the weekly repeat', () => {
    const old = endedChallenge(
      '1',
      { a: 10, b: 7 },
      {
        format: 'race',
        target: 10,
        stake: 'Coffee',
        repeat: 'weekly',
        participants: [
          { memberId: 'a', declined: false },
          { memberId: 'b', declined: false },
          { memberId: 'c', declined: true },
        ],
      },
    );
    expect(rematchRequest(old, NOW, TZ)).toEqual({
      metric: 'call',
      format: 'race',
      target: 10,
      period: { kind: 'this-week' },
      memberIds: ['a', 'b'],
      stake: 'Coffee',
      repeat: 'weekly',
    });
  });

  it('finds the horizon in months that the relay turned into dates', () => {
    const window = windowFor({ kind: 'this-week' }, NOW, TZ, 1);
    const old = endedChallenge(
      '1',
      { a: 1, b: 0 },
      { ...window, horizon: { from: '2026-11-23', to: '2027-03-01' } },
    );
    expect(horizonMonthsOf(old, TZ)).toBe(3);
  });
});

const form: CustomForm = {
  metric: 'call',
  format: 'most',
  target: '',
  period: 'this-week',
  from: '',
  to: '',
  memberIds: ['b'],
  stake: '',
  repeatWeekly: false,
};

describe('custom form', () => {
  it('builds the request with the creator among the partners', () => {
    expect(buildCustomRequest({ ...form, stake: ' Lunch ', repeatWeekly: true }, 'a', TZ)).toEqual({
      ok: true,
      request: {
        metric: 'call',
        format: 'most',
        period: { kind: 'this-week' },
        memberIds: ['a', 'b'],
        stake: 'Lunch',
        repeat: 'weekly',
      },
    });
  });

  it.each([
    [{ format: 'race' as const, target: 'x' }, 'target'],
    [{ format: 'goal' as const, target: '0' }, 'target'],
    [{ period: 'custom' as const, from: '2026-12-01', to: '' }, 'period'],
    [{ period: 'custom' as const, from: '2026-12-05', to: '2026-12-01' }, 'period'],
    [{ memberIds: [] }, 'memberIds'],
    [{ period: 'times' as const, from: '2026-12-01T10:00', to: '2026-12-01T09:00' }, 'period'],
    [{ period: 'times' as const, from: '2026-12-01T10:00', to: 'soon' }, 'period'],
  ])('refuses %j at the %s field', (change, field) => {
    const built = buildCustomRequest({ ...form, ...change }, 'a', TZ);
    expect(built.ok ? null : built.field).toBe(field);
  });

  it('lets a goal be personal, and drops a weekly repeat outside this week', () => {
    const built = buildCustomRequest(
      { ...form, format: 'goal', target: '20', memberIds: [], period: 'today', repeatWeekly: true },
      'a',
      TZ,
    );
    expect(built).toEqual({
      ok: true,
      request: { metric: 'call', format: 'goal', target: 20, period: { kind: 'today' }, memberIds: ['a'] },
    });
  });
});

describe('wall-clock times in the pack zone', () => {
  it.each([
    ['2026-11-26T15:00', 'Europe/Berlin', Date.UTC(2026, 10, 26, 14, 0)],
    ['2026-07-01T09:30:15', 'Europe/Berlin', Date.UTC(2026, 6, 1, 7, 30, 15)],
    ['2026-03-29T03:30', 'Europe/Berlin', Date.UTC(2026, 2, 29, 1, 30)],
    ['2026-11-26T15:00', 'America/New_York', Date.UTC(2026, 10, 26, 20, 0)],
  ])('%s in %s', (value, zone, instant) => {
    expect(instantFromWallClock(value, zone)).toBe(instant);
  });

  it('builds an instants period from start and end times', () => {
    const built = buildCustomRequest(
      { ...form, period: 'times', from: '2026-11-26T15:00', to: '2026-11-26T15:00:03' },
      'a',
      TZ,
    );
    expect(built.ok && built.request.period).toEqual({
      kind: 'instants',
      start: Date.UTC(2026, 10, 26, 14, 0),
      end: Date.UTC(2026, 10, 26, 14, 0, 3),
    });
  });
});

import { describe, expect, it } from 'vitest';
import { windowFor } from '../../../core/time-window.ts';
import {
  buildCustomRequest,
  horizonMonthsOf,
  instantFromWallClock,
  rematchRequest,
  runningTwin,
  TEMPLATES,
} from './challenge-requests.ts';
import type { CreateRequest, CustomForm } from './challenge-requests.ts';
import { buildChallenge } from '../../../core/challenge-rules.ts';
import { BUILT_IN_METRICS } from '../../../core/metrics.ts';
import type { ChallengeView, Member, Pack, PeriodSpec } from '../../../core/types.ts';
import { challengeView, endedChallenge } from './test-fixtures.ts';

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

describe('a template label says what it makes', () => {
  const phrases: Record<PeriodSpec['kind'], string> = {
    today: 'today',
    'this-week': 'this week',
    'this-quarter': 'this quarter',
    range: 'from',
    instants: 'next hour',
  };
  it.each(TEMPLATES.map((t) => [t.label, t] as const))('%s', (label, template) => {
    const request = template.build(NOW);
    expect(label).toContain(phrases[request.period.kind]);
    // Only a period that starts at the click may be called "now" or "the next" anything.
    const startsNow = request.period.kind === 'instants' && request.period.start === NOW;
    expect(/\b(now|next hour)\b/.test(label)).toBe(startsNow);
    if (request.horizonMonths !== undefined) {
      expect(label).toContain(`for meetings in the next ${request.horizonMonths} months`);
    }
  });
});

describe('a template clicked again while its challenge runs', () => {
  const members: Member[] = ['a', 'b', 'c'].map((id) => ({
    id,
    packId: 'p',
    displayName: id,
    role: 'member',
    joinedAt: 0,
    active: true,
  }));
  const callsWeek: CreateRequest = { metric: 'call', format: 'most', period: { kind: 'this-week' } };
  const twinOf = (request: CreateRequest, running: Partial<ChallengeView>) =>
    runningTwin(request, [challengeView({ id: 'run', ...running })], members, 'a', TZ)?.id ?? null;

  it.each<[string, CreateRequest, Partial<ChallengeView>, string | null]>([
    ['the same template while it runs', callsWeek, {}, 'run'],
    ['the same template once it is scheduled', callsWeek, { status: 'scheduled' }, 'run'],
    ['the same template after it ended', callsWeek, { status: 'ended' }, null],
    ['another metric', { ...callsWeek, metric: 'appointment' }, {}, null],
    ['another period', { ...callsWeek, period: { kind: 'this-quarter' } }, {}, null],
    ['with a horizon', { ...callsWeek, horizonMonths: 3 }, {}, null],
    [
      'the running one was with fewer partners',
      callsWeek,
      { participants: ['a', 'b'].map((memberId) => ({ memberId, declined: false })) },
      null,
    ],
    [
      'a partner declined the running one',
      callsWeek,
      { participants: ['a', 'b', 'c'].map((memberId) => ({ memberId, declined: memberId === 'c' })) },
      null,
    ],
    [
      'a second power hour a minute later',
      { ...callsWeek, period: { kind: 'instants', start: NOW + 60_000, end: NOW + 3_660_000 } },
      { period: { kind: 'instants', start: NOW, end: NOW + 3_600_000 } },
      'run',
    ],
  ])('%s', (_, request, running, expected) => {
    expect(twinOf(request, running)).toBe(expected);
  });
});

describe('rematch', () => {
  const DAY = 86_400_000;
  const pack: Pack = { id: 'p', name: 'Hunters', timeZone: TZ, weekStart: 1, ownerId: 'a', createdAt: 0 };
  const members: Member[] = ['a', 'b'].map((id) => ({
    id,
    packId: 'p',
    displayName: id,
    role: 'member',
    joinedAt: 0,
    active: true,
  }));
  /** The challenge the relay makes of the rematch, as the Live screen then shows it. */
  const relayMakes = (old: ChallengeView) => {
    const built = buildChallenge(rematchRequest(old, NOW, TZ), {
      id: 'r',
      now: NOW,
      pack,
      members,
      metrics: [...BUILT_IN_METRICS],
      creatorId: 'a',
    });
    if (!built.ok) throw new Error(built.error.message);
    return built.challenge;
  };

  it.each<[string, PeriodSpec, number, string]>([
    ['Race to 3 appointments today', { kind: 'today' }, DAY, 'Race to 3 appointments, 1-day sprint'],
    ['this week', { kind: 'this-week' }, 7 * DAY, 'Race to 3 appointments, 7-day sprint'],
    [
      'a range',
      { kind: 'range', from: '2026-01-05', to: '2026-01-09' },
      5 * DAY,
      'Race to 3 appointments, 5-day sprint',
    ],
    [
      'a power hour',
      { kind: 'instants', start: 0, end: 3_600_000 },
      3_600_000,
      'Race to 3 appointments, power hour',
    ],
  ])('of %s starts now, counts nothing from before, and runs as long', (_, period, length, title) => {
    // Sam won the original at 11:00 with 3 appointments logged that morning.
    const start = Date.UTC(2026, 10, 25, 23, 0);
    const old = endedChallenge(
      '1',
      { b: 3, a: 0 },
      { metric: 'appointment', format: 'race', target: 3, period, start, end: start + length },
    );
    const rematch = relayMakes(old);
    expect([rematch.start, rematch.end, rematch.status, rematch.title]).toEqual([
      NOW,
      NOW + length,
      'active',
      title,
    ]);
  });

  it('keeps metric, format, target, partners who played and stake, not the weekly repeat', () => {
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
      period: { kind: 'instants', start: NOW, end: NOW + 1000 },
      memberIds: ['a', 'b'],
      stake: 'Coffee',
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

import { describe, expect, it } from 'vitest';
import { buildChallenge, challengeTitle } from './challenge-rules.ts';
import type { ChallengeContext } from './challenge-rules.ts';
import { BUILT_IN_METRICS } from './metrics.ts';
import type { MetricDef } from './metrics.ts';
import type { ErrorCode } from './errors.ts';
import type { ParsedRequestOf } from './protocol.ts';
import type { ChallengeFormat, Member, PeriodSpec } from './types.ts';

type CreateInput = ParsedRequestOf<'challenge:create'>;

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

const ANN = '00000000-0000-4000-8000-00000000000a';
const BOB = '00000000-0000-4000-8000-00000000000b';
const CAT = '00000000-0000-4000-8000-00000000000c';
const GONE = '00000000-0000-4000-8000-00000000000d';
const STRANGER = '00000000-0000-4000-8000-00000000000e';

const member = (id: string, packId = 'p1', active = true): Member => ({
  id,
  packId,
  displayName: id.slice(-1),
  role: id === ANN ? 'owner' : 'member',
  joinedAt: 0,
  active,
});

// Wednesday 2026-03-04 12:00 in New York, the week before the spring-forward Sunday.
const NOW = at('2026-03-04T17:00:00Z');

function context(overrides: Partial<ChallengeContext> = {}): ChallengeContext {
  return {
    id: 'c1',
    now: NOW,
    pack: {
      id: 'p1',
      name: 'Wolves',
      timeZone: 'America/New_York',
      weekStart: 1,
      ownerId: ANN,
      createdAt: 0,
    },
    members: [member(ANN), member(BOB), member(CAT), member(GONE, 'p1', false), member(STRANGER, 'p2')],
    metrics: [...BUILT_IN_METRICS],
    creatorId: ANN,
    ...overrides,
  };
}

const input = (overrides: Partial<CreateInput> = {}): CreateInput => ({
  metric: 'call',
  format: 'most',
  period: { kind: 'this-week' },
  ...overrides,
});

describe('buildChallenge rejects', () => {
  it.each<[string, CreateInput, ChallengeContext, ErrorCode, string]>([
    ['a metric the pack lacks', input({ metric: 'demo' }), context(), 'unknown_metric', 'demo'],
    ['a race without a target', input({ format: 'race' }), context(), 'bad_request', 'needs a target'],
    ['a goal without a target', input({ format: 'goal' }), context(), 'bad_request', 'needs a target'],
    ['a most with a target', input({ target: 5 }), context(), 'bad_request', 'no target'],
    ['a horizon on calls', input({ horizonMonths: 3 }), context(), 'bad_request', 'no meeting date'],
    [
      'a member of another pack',
      input({ memberIds: [BOB, STRANGER] }),
      context(),
      'unknown_member',
      STRANGER,
    ],
    ['a member who left', input({ memberIds: [GONE] }), context(), 'unknown_member', GONE],
    ['a most against yourself', input({ memberIds: [ANN] }), context(), 'bad_request', 'at least 2'],
    [
      'a race in a pack of one',
      input({ format: 'race', target: 10 }),
      context({ members: [member(ANN)] }),
      'bad_request',
      'at least 2',
    ],
    [
      'a range that is not a calendar date',
      input({ period: { kind: 'range', from: '2026-02-01', to: '2026-02-30' } }),
      context(),
      'bad_request',
      '2026-02-30',
    ],
    [
      'a reversed range',
      input({ period: { kind: 'range', from: '2026-03-10', to: '2026-03-05' } }),
      context(),
      'bad_request',
      'must not end before',
    ],
    [
      'an empty instants window',
      input({ period: { kind: 'instants', start: NOW + 1000, end: NOW + 1000 } }),
      context(),
      'bad_request',
      'end after it starts',
    ],
    [
      'a range that has already ended',
      input({ period: { kind: 'range', from: '2026-03-01', to: '2026-03-03' } }),
      context(),
      'bad_request',
      'already ended',
    ],
    [
      'instants ending exactly now',
      input({ period: { kind: 'instants', start: NOW - 3_600_000, end: NOW } }),
      context(),
      'bad_request',
      'already ended',
    ],
    [
      'a range longer than 366 days',
      input({ period: { kind: 'range', from: '2026-03-01', to: '2027-03-02' } }),
      context(),
      'bad_request',
      '366 days',
    ],
  ])('%s', (_name, request, ctx, code, messagePart) => {
    const result = buildChallenge(request, ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message).toContain(messagePart);
  });
});

describe('buildChallenge builds', () => {
  it('a whole-pack "most" this week, without anyone who left or belongs elsewhere', () => {
    expect(buildChallenge(input(), context())).toEqual({
      ok: true,
      challenge: {
        id: 'c1',
        packId: 'p1',
        creatorId: ANN,
        title: 'Most calls this week',
        stake: null,
        metric: 'call',
        format: 'most',
        target: null,
        period: { kind: 'this-week' },
        start: at('2026-03-02T05:00:00Z'),
        end: at('2026-03-09T04:00:00Z'),
        horizon: null,
        participants: [
          { memberId: ANN, declined: false },
          { memberId: BOB, declined: false },
          { memberId: CAT, declined: false },
        ],
        status: 'active',
        createdAt: NOW,
        endedAt: null,
        repeat: null,
      },
    });
  });

  it('a forward-appointment race with a horizon, named members, own title and stake', () => {
    const result = buildChallenge(
      input({
        metric: 'forward_appointment',
        format: 'race',
        target: 5,
        horizonMonths: 3,
        memberIds: [BOB, ANN, BOB],
        title: '  Loser buys lunch  ',
        stake: 'lunch',
      }),
      context(),
    );
    if (!result.ok) throw new Error(result.error.message);
    const c = result.challenge;
    expect(c.horizon).toEqual({ from: '2026-03-02', to: '2026-06-09' });
    expect(c.participants.map((p) => p.memberId)).toEqual([ANN, BOB]);
    expect([c.title, c.stake, c.target]).toEqual(['Loser buys lunch', 'lunch', 5]);
  });

  it.each<[string, PeriodSpec, string, string, 'active' | 'scheduled']>([
    [
      'a future range is scheduled',
      { kind: 'range', from: '2026-03-09', to: '2026-03-13' },
      '2026-03-09T04:00:00.000Z',
      '2026-03-14T04:00:00.000Z',
      'scheduled',
    ],
    [
      'a range that began is active',
      { kind: 'range', from: '2026-03-01', to: '2026-03-04' },
      '2026-03-01T05:00:00.000Z',
      '2026-03-05T05:00:00.000Z',
      'active',
    ],
    ['today is active', { kind: 'today' }, '2026-03-04T05:00:00.000Z', '2026-03-05T05:00:00.000Z', 'active'],
    [
      'this quarter is active',
      { kind: 'this-quarter' },
      '2026-01-01T05:00:00.000Z',
      '2026-04-01T04:00:00.000Z',
      'active',
    ],
    [
      'a 366-day range is allowed',
      { kind: 'range', from: '2026-03-01', to: '2027-03-01' },
      '2026-03-01T05:00:00.000Z',
      '2027-03-02T05:00:00.000Z',
      'active',
    ],
  ])('%s', (_name, period, start, end, status) => {
    const result = buildChallenge(input({ format: 'goal', target: 20, memberIds: [BOB], period }), context());
    if (!result.ok) throw new Error(result.error.message);
    expect([iso(result.challenge.start), iso(result.challenge.end), result.challenge.status]).toEqual([
      start,
      end,
      status,
    ]);
  });

  it('a personal goal for the creator alone', () => {
    const result = buildChallenge(input({ format: 'goal', target: 20 }), context({ members: [member(ANN)] }));
    expect(result.ok && result.challenge.participants).toEqual([{ memberId: ANN, declined: false }]);
  });
});

describe('challengeTitle', () => {
  const custom: MetricDef = { id: 'demo', label: 'Demos', needsMeetingDate: false, builtIn: false };
  const metric = (id: string): MetricDef => BUILT_IN_METRICS.find((m) => m.id === id) ?? custom;
  const hour = { kind: 'instants', start: NOW, end: NOW + 3_600_000 } as const;
  it.each<[string, MetricDef, ChallengeFormat, number | null, PeriodSpec, number | undefined]>([
    ['Most calls this week', metric('call'), 'most', null, { kind: 'this-week' }, undefined],
    ['Race to 50 calls today', metric('call'), 'race', 50, { kind: 'today' }, undefined],
    ['Race to 1 call today', metric('call'), 'race', 1, { kind: 'today' }, undefined],
    [
      'Goal: 20 appointments this quarter',
      metric('appointment'),
      'goal',
      20,
      { kind: 'this-quarter' },
      undefined,
    ],
    [
      'Most forward appointments this week (meetings in the next 3 months)',
      metric('forward_appointment'),
      'most',
      null,
      { kind: 'this-week' },
      3,
    ],
    [
      'Most forward appointments today (meetings in the next month)',
      metric('forward_appointment'),
      'most',
      null,
      { kind: 'today' },
      1,
    ],
    [
      'Most proposal presentations 2026-03-01 to 2026-03-31',
      metric('proposal'),
      'most',
      null,
      { kind: 'range', from: '2026-03-01', to: '2026-03-31' },
      undefined,
    ],
    [
      'Most calls on 2026-03-06',
      metric('call'),
      'most',
      null,
      { kind: 'range', from: '2026-03-06', to: '2026-03-06' },
      undefined,
    ],
    ['Most calls, power hour', metric('call'), 'most', null, hour, undefined],
    ['Most calls, 20-second sprint', metric('call'), 'most', null, { ...hour, end: NOW + 20_000 }, undefined],
    [
      'Most calls, 90-minute sprint',
      metric('call'),
      'most',
      null,
      { ...hour, end: NOW + 90 * 60_000 },
      undefined,
    ],
    ['Goal: 3 demos today', custom, 'goal', 3, { kind: 'today' }, undefined],
  ])('%s', (expected, m, format, target, period, horizon) => {
    expect(challengeTitle(m, format, target, period, horizon)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import {
  activeParticipants,
  applyDelta,
  decideResult,
  eventCountsFor,
  raceFinished,
  rankStandings,
} from './tally.ts';
import type { TallyEvent, TallyRow } from './tally.ts';
import type { Challenge, ChallengeFormat } from './types.ts';

const at = (iso: string) => Date.parse(iso);
const START = at('2026-03-02T05:00:00Z');
const END = at('2026-03-09T04:00:00Z');
const ENDED = END;

function challenge(overrides: Partial<Challenge> = {}): Challenge {
  return {
    id: 'c1',
    packId: 'p1',
    creatorId: 'ann',
    repeat: null,
    title: 'Most calls this week',
    stake: null,
    metric: 'call',
    format: 'most',
    target: null,
    period: { kind: 'this-week' },
    start: START,
    end: END,
    horizon: null,
    participants: [
      { memberId: 'ann', declined: false },
      { memberId: 'bob', declined: false },
      { memberId: 'cat', declined: false },
      { memberId: 'dan', declined: true },
    ],
    status: 'active',
    createdAt: START,
    endedAt: null,
    ...overrides,
  };
}

const row = (memberId: string, count: number, reachedAt: number | null = null): TallyRow => ({
  memberId,
  count,
  reachedAt,
});

describe('eventCountsFor', () => {
  const base: TallyEvent = {
    memberId: 'ann',
    metric: 'call',
    occurredAt: START + 1000,
    meetingDate: undefined,
  };
  const forward = challenge({
    metric: 'forward_appointment',
    horizon: { from: '2026-03-02', to: '2026-06-09' },
  });
  const fwd = (meetingDate: string | null | undefined): TallyEvent => ({
    ...base,
    metric: 'forward_appointment',
    meetingDate,
  });

  it.each<[string, Challenge, TallyEvent, boolean]>([
    ['a participant’s call inside the window', challenge(), base, true],
    ['another metric', challenge(), { ...base, metric: 'appointment' }, false],
    ['someone outside the challenge', challenge(), { ...base, memberId: 'eve' }, false],
    ['a participant who declined', challenge(), { ...base, memberId: 'dan' }, false],
    ['the first instant of the window', challenge(), { ...base, occurredAt: START }, true],
    ['the last millisecond of the window', challenge(), { ...base, occurredAt: END - 1 }, true],
    ['just before the window', challenge(), { ...base, occurredAt: START - 1 }, false],
    ['at the exclusive end', challenge(), { ...base, occurredAt: END }, false],
    ['an ended challenge still counts late events', challenge({ status: 'ended' }), base, true],
    ['a meeting inside the horizon', forward, fwd('2026-04-15'), true],
    ['a meeting on the first horizon day', forward, fwd('2026-03-02'), true],
    ['a meeting on the last horizon day', forward, fwd('2026-06-08'), true],
    ['a meeting on the exclusive horizon end', forward, fwd('2026-06-09'), false],
    ['a meeting before the horizon', forward, fwd('2026-03-01'), false],
    ['a forward appointment without a meeting date (null)', forward, fwd(null), false],
    ['a forward appointment without a meeting date (undefined)', forward, fwd(undefined), false],
  ])('%s → %s', (_name, c, event, expected) => {
    expect(eventCountsFor(c, event)).toBe(expected);
  });
});

describe('applyDelta', () => {
  const T1 = at('2026-03-03T10:00:00Z');
  const T2 = at('2026-03-04T10:00:00Z');
  it.each<[string, TallyRow, number, number | null, TallyRow]>([
    ['a log without a target', row('ann', 4), 2, null, row('ann', 6)],
    ['reaching the target records when', row('ann', 9), 1, 10, row('ann', 10, T2)],
    ['jumping past the target records when', row('ann', 8), 5, 10, row('ann', 13, T2)],
    ['staying past the target keeps the first time', row('ann', 10, T1), 3, 10, row('ann', 13, T1)],
    ['still short of the target', row('ann', 5), 3, 10, row('ann', 8)],
    ['an undo that stays at the target keeps it', row('ann', 12, T1), -2, 10, row('ann', 10, T1)],
    ['an undo below the target clears it', row('ann', 10, T1), -1, 10, row('ann', 9)],
    ['an undo of more than the count stops at 0', row('ann', 2), -5, null, row('ann', 0)],
    ['an undo on an empty row stays at 0', row('ann', 0), -1, 3, row('ann', 0)],
    ['reaching again after an undo records the new time', row('ann', 9), 1, 10, row('ann', 10, T2)],
  ])('%s', (_name, before, delta, target, expected) => {
    const snapshot = { ...before };
    expect(applyDelta(before, delta, T2, target)).toEqual(expected);
    expect(before).toEqual(snapshot);
  });
});

describe('rankStandings', () => {
  const T1 = at('2026-03-03T10:00:00Z');
  const T2 = at('2026-03-04T10:00:00Z');
  it.each<[string, TallyRow[], ChallengeFormat, [string, number, number][]]>([
    [
      'competition ranks in most',
      [row('cat', 3), row('bob', 7), row('ann', 7), row('dan', 1)],
      'most',
      [
        ['ann', 7, 1],
        ['bob', 7, 1],
        ['cat', 3, 3],
        ['dan', 1, 4],
      ],
    ],
    [
      'race: same count, earlier reachedAt ranks first',
      [row('ann', 10, T2), row('bob', 10, T1), row('cat', 4)],
      'race',
      [
        ['bob', 10, 1],
        ['ann', 10, 2],
        ['cat', 4, 3],
      ],
    ],
    [
      'race: nobody reached yet, equal counts share',
      [row('bob', 4), row('ann', 4), row('cat', 6)],
      'race',
      [
        ['cat', 6, 1],
        ['ann', 4, 2],
        ['bob', 4, 2],
      ],
    ],
    [
      'race: a reached target beats the same count without one',
      [row('ann', 10), row('bob', 10, T1)],
      'race',
      [
        ['bob', 10, 1],
        ['ann', 10, 2],
      ],
    ],
    [
      'goal ignores reachedAt when ranking',
      [row('bob', 10, T1), row('ann', 10, T2)],
      'goal',
      [
        ['ann', 10, 1],
        ['bob', 10, 1],
      ],
    ],
    ['no rows', [], 'most', []],
  ])('%s', (_name, rows, format, expected) => {
    expect(rankStandings(rows, format).map((s) => [s.memberId, s.count, s.rank])).toEqual(expected);
  });
});

describe('decideResult', () => {
  const T1 = at('2026-03-03T10:00:00Z');
  const T2 = at('2026-03-04T10:00:00Z');
  const race = challenge({ format: 'race', target: 10 });
  const goal = challenge({ format: 'goal', target: 20 });

  it.each<[string, Challenge, TallyRow[], string[], boolean, number]>([
    ['most: clear winner', challenge(), [row('ann', 27), row('bob', 23), row('cat', 5)], ['ann'], false, 4],
    [
      'most: two-way tie',
      challenge(),
      [row('ann', 12), row('bob', 12), row('cat', 5)],
      ['ann', 'bob'],
      true,
      0,
    ],
    [
      'most: three-way tie',
      challenge(),
      [row('ann', 8), row('bob', 8), row('cat', 8)],
      ['ann', 'bob', 'cat'],
      true,
      0,
    ],
    ['most: nobody scored', challenge(), [], [], false, 0],
    ['most: only one member logged', challenge(), [row('bob', 6)], ['bob'], false, 6],
    [
      'most: a declined member’s higher count is ignored',
      challenge(),
      [row('dan', 50), row('ann', 10), row('bob', 7)],
      ['ann'],
      false,
      3,
    ],
    [
      'most: alone after everyone else declined',
      challenge({
        participants: [
          { memberId: 'ann', declined: false },
          { memberId: 'bob', declined: true },
        ],
      }),
      [row('ann', 9), row('bob', 30)],
      ['ann'],
      false,
      9,
    ],
    [
      'race: first to reach wins',
      race,
      [row('ann', 10, T2), row('bob', 10, T1), row('cat', 3)],
      ['bob'],
      false,
      0,
    ],
    [
      'race: winner leads the field',
      race,
      [row('ann', 10, T1), row('bob', 6), row('cat', 3)],
      ['ann'],
      false,
      4,
    ],
    [
      'race: a late finisher with more does not win',
      race,
      [row('ann', 10, T1), row('bob', 12, T2)],
      ['ann'],
      false,
      0,
    ],
    ['race: nobody reached the target', race, [row('ann', 9), row('bob', 4)], [], false, 0],
    [
      'race: same millisecond shares the win',
      race,
      [row('ann', 10, T1), row('bob', 10, T1)],
      ['ann', 'bob'],
      true,
      0,
    ],
    [
      'goal: several winners',
      goal,
      [row('ann', 26), row('bob', 20), row('cat', 19)],
      ['ann', 'bob'],
      false,
      6,
    ],
    ['goal: nobody made it', goal, [row('ann', 19), row('bob', 3)], [], false, 0],
  ])('%s', (_name, c, rows, winners, tie, margin) => {
    const result = decideResult(c, rows, ENDED, 'time');
    expect({ winners: result.winners, tie: result.tie, margin: result.margin }).toEqual({
      winners,
      tie,
      margin,
    });
    expect(result.standings.some((s) => s.memberId === 'dan')).toBe(false);
  });

  it('lists every remaining participant in the standings, with zero for those who never logged', () => {
    const result = decideResult(race, [row('dan', 40), row('bob', 10, T1)], ENDED, 'target');
    expect(result).toEqual({
      challengeId: 'c1',
      reason: 'target',
      winners: ['bob'],
      tie: false,
      margin: 10,
      endedAt: ENDED,
      standings: [
        { memberId: 'bob', count: 10, rank: 1, reachedAt: T1 },
        { memberId: 'ann', count: 0, rank: 2, reachedAt: null },
        { memberId: 'cat', count: 0, rank: 2, reachedAt: null },
      ],
    });
  });
});

describe('raceFinished', () => {
  const race = challenge({ format: 'race', target: 10 });
  it.each<[string, Challenge, TallyRow[], boolean]>([
    ['someone reached the target', race, [row('ann', 10), row('bob', 3)], true],
    ['nobody reached it yet', race, [row('ann', 9), row('bob', 3)], false],
    ['only a declined member reached it', race, [row('dan', 15), row('ann', 2)], false],
    ['a most challenge never finishes early', challenge(), [row('ann', 1000)], false],
    ['a goal never finishes early', challenge({ format: 'goal', target: 10 }), [row('ann', 10)], false],
  ])('%s → %s', (_name, c, rows, expected) => {
    expect(raceFinished(c, rows)).toBe(expected);
  });
});

describe('activeParticipants', () => {
  it('leaves out members who declined', () => {
    expect(activeParticipants(challenge())).toEqual(['ann', 'bob', 'cat']);
  });
});

import { describe, expect, it } from 'vitest';
import { paceOf, paceWords } from './pace.ts';
import { windowFor } from './time-window.ts';
import type { ChallengeView, WeekStart } from './types.ts';

const H = 3_600_000;
const D = 24 * H;
// Wednesday 25 Nov 2026, 11:00 in Berlin, 05:00 in New York.
const NOW = Date.parse('2026-11-25T10:00:00Z');

function view(counts: Record<string, number>, over: Partial<ChallengeView> = {}): ChallengeView {
  return {
    id: 'c1',
    packId: 'p',
    creatorId: 'me',
    title: 'Most calls',
    stake: null,
    metric: 'call',
    format: 'most',
    target: null,
    period: { kind: 'instants', start: NOW - D, end: NOW + D },
    start: NOW - D,
    end: NOW + D,
    horizon: null,
    participants: Object.keys(counts).map((memberId) => ({ memberId, declined: false })),
    status: 'active',
    createdAt: NOW - D,
    endedAt: null,
    repeat: null,
    standings: Object.entries(counts)
      .filter(([, count]) => count > 0)
      .map(([memberId, count]) => ({ memberId, count, rank: 1, reachedAt: null })),
    result: null,
    ...over,
  };
}

const names = (id: string) => ({ me: 'Alex', sam: 'Sam', kim: 'Kim', lee: 'Lee' })[id] ?? id;
const words = (c: ChallengeView, now = NOW, youId: string | null = 'me', timeZone = 'Europe/Berlin') =>
  paceWords(c, now, { youId, names, timeZone });
const projections = (c: ChallengeView, now = NOW) =>
  paceOf(c, now)?.entries.map((e) => [e.memberId, e.projected]) ?? null;

describe('paceOf: projected final counts', () => {
  it.each<[string, ChallengeView, number, [string, number][] | null]>([
    [
      'half way: double the count',
      view({ me: 20, sam: 19 }),
      NOW,
      [
        ['me', 40],
        ['sam', 38],
      ],
    ],
    [
      'a third of the way: three times, rounded',
      view({ me: 7, sam: 1 }, { start: NOW - H, end: NOW + 2 * H }),
      NOW,
      [
        ['me', 21],
        ['sam', 3],
      ],
    ],
    ['rounds to the nearest', view({ me: 1 }, { start: NOW - 3 * H, end: NOW + 4 * H }), NOW, [['me', 2]]],
    [
      'nothing logged projects 0, listed last',
      view({ me: 0, sam: 4 }),
      NOW,
      [
        ['sam', 8],
        ['me', 0],
      ],
    ],
    [
      'ties in member-id order',
      view({ sam: 5, kim: 5, me: 5 }),
      NOW,
      [
        ['kim', 10],
        ['me', 10],
        ['sam', 10],
      ],
    ],
    ['zero elapsed: none', view({ me: 3 }), NOW - D, null],
    ['before the start: none', view({ me: 3 }), NOW - 2 * D, null],
    ['an empty window: none', view({ me: 3 }, { start: NOW, end: NOW }), NOW + H, null],
    [
      'ended by the clock: the final counts',
      view({ me: 9, sam: 4 }),
      NOW + 5 * D,
      [
        ['me', 9],
        ['sam', 4],
      ],
    ],
    [
      'a race the relay ended early: the final counts',
      view({ me: 20, sam: 4 }, { format: 'race', target: 20, status: 'ended', endedAt: NOW - H }),
      NOW,
      [
        ['me', 20],
        ['sam', 4],
      ],
    ],
  ])('%s', (_, challenge, now, expected) => {
    expect(projections(challenge, now)).toEqual(expected);
  });

  it('leaves out who declined and counts who has no standing yet', () => {
    const c = view(
      { me: 2, sam: 6 },
      { participants: ['me', 'sam', 'kim'].map((memberId) => ({ memberId, declined: memberId === 'sam' })) },
    );
    expect(projections(c)).toEqual([
      ['me', 4],
      ['kim', 0],
    ]);
  });

  it('says when it has ended', () => {
    expect(paceOf(view({ me: 1 }), NOW)?.ended).toBe(false);
    expect(paceOf(view({ me: 1 }), NOW + D)?.ended).toBe(true);
    expect(paceOf(view({ me: 1 }, { status: 'cancelled', endedAt: NOW - H }), NOW)?.ended).toBe(true);
  });

  // The same Wednesday is day 3 of a Monday week but day 4 of a Sunday week, so the same count
  // projects differently: the pack's week start is part of the rate.
  it.each<[string, WeekStart, number]>([
    ['Monday', 1, 28],
    ['Sunday', 0, 20],
  ])('a this-week challenge in a %s week', (_, weekStart, expected) => {
    const window = windowFor({ kind: 'this-week' }, NOW, 'Europe/Berlin', weekStart);
    const c = view({ me: 10 }, { period: { kind: 'this-week' }, ...window });
    // 10 calls by Wednesday 11:00: 59 hours into a Monday week, 83 into a Sunday week.
    expect(paceOf(c, NOW)?.entries[0]?.projected).toBe(expected);
  });
});

describe('paceOf: races and goals', () => {
  const race = (counts: Record<string, number>, over: Partial<ChallengeView> = {}) =>
    view(counts, { format: 'race', target: 20, ...over });

  it('projects when a race target is reached, or why not', () => {
    const pace = paceOf(race({ me: 10, sam: 4, kim: 20, lee: 0 }, { start: NOW - H, end: NOW + 9 * H }), NOW);
    const byId = Object.fromEntries(pace?.entries.map((e) => [e.memberId, e]) ?? []);
    // 10 in an hour: 20 after two hours.
    expect(byId.me).toMatchObject({ reached: false, reachesAt: NOW + H });
    // 4 an hour: 20 after five hours, still inside the ten.
    expect(byId.sam).toMatchObject({ reached: false, reachesAt: NOW + 4 * H });
    expect(byId.kim).toMatchObject({ reached: true, reachesAt: null });
    // No rate yet: never at this rate.
    expect(byId.lee).toMatchObject({ reached: false, reachesAt: null, projected: 0 });
  });

  it('a race target reached only after the end is never', () => {
    const pace = paceOf(race({ me: 1 }), NOW);
    expect(pace?.entries[0]).toMatchObject({ projected: 2, reachesAt: null, reached: false });
  });

  it.each<[number, boolean]>([
    [10, true],
    [9, false],
    [12, true],
  ])('a goal of 20, %d half way: on track %s', (count, onTrack) => {
    const pace = paceOf(view({ me: count }, { format: 'goal', target: 20 }), NOW);
    expect(pace?.entries[0]?.onTrack).toBe(onTrack);
  });

  it('a most challenge has neither', () => {
    expect(paceOf(view({ me: 3 }), NOW)?.entries[0]).toMatchObject({
      onTrack: null,
      reachesAt: null,
      reached: false,
    });
  });
});

describe('paceWords', () => {
  // A race started 17 hours ago: 10 of 20 so far reaches 20 at 03:00 UTC on Thursday 26 Nov.
  const race = (me: number, over: Partial<ChallengeView> = {}) =>
    view({ me, sam: 3 }, { format: 'race', target: 20, start: NOW - 17 * H, end: NOW + 6 * D, ...over });
  const goal = (counts: Record<string, number>) => view(counts, { format: 'goal', target: 20 });

  it.each<[string, ChallengeView, string | null, string, string | null]>([
    [
      'most: you and your nearest rival',
      view({ me: 20, sam: 19, kim: 2 }),
      'me',
      'Europe/Berlin',
      'on pace for 40, Sam 38',
    ],
    [
      'most: behind, set against the leader',
      view({ me: 5, sam: 19, kim: 8 }),
      'me',
      'Europe/Berlin',
      'on pace for 10, Sam 38',
    ],
    ['most: a tie', view({ me: 7, sam: 7 }), 'me', 'Europe/Berlin', 'on pace for 14, Sam 14'],
    ['most: nobody scored yet', view({ me: 0, sam: 0 }), 'me', 'Europe/Berlin', null],
    ['most: alone in it', view({ me: 7 }), 'me', 'Europe/Berlin', 'on pace for 14'],
    [
      'most on a board: the leader',
      view({ kim: 20, sam: 19 }),
      null,
      'Europe/Berlin',
      'Kim on pace for 40, Sam 38',
    ],
    ['race: a day name in the pack zone', race(10), 'me', 'Europe/Berlin', 'on pace to reach 20 on Thu'],
    [
      'race: the same moment is still today in New York',
      race(10),
      'me',
      'America/New_York',
      'on pace to reach 20 at 22:00',
    ],
    ['race: reached', race(20), 'me', 'Europe/Berlin', 'reached 20'],
    [
      'race: not before the end at this rate',
      race(5, { end: NOW + 7 * H }),
      'me',
      'Europe/Berlin',
      'on pace for 7 of 20',
    ],
    ['race: nothing logged yet', race(0), 'me', 'Europe/Berlin', 'on pace for 0 of 20'],
    [
      'race: more than a week out, a date',
      race(5, { start: NOW - 6 * D, end: NOW + 80 * D }),
      'me',
      'Europe/Berlin',
      'on pace to reach 20 on 13 Dec',
    ],
    ['race on a board: the leader', race(10), null, 'Europe/Berlin', 'Alex on pace to reach 20 on Thu'],
    ['goal: on track', goal({ me: 12 }), 'me', 'Europe/Berlin', 'on track for the goal, on pace for 24'],
    [
      'goal: behind',
      goal({ me: 7 }),
      'me',
      'Europe/Berlin',
      'behind pace for the goal of 20, on pace for 14',
    ],
    ['goal: reached', goal({ me: 22 }), 'me', 'Europe/Berlin', 'reached the goal (22 of 20)'],
    [
      'a week once a twentieth of it has passed',
      view({ me: 3, sam: 1 }, { start: NOW - 9 * H, end: NOW + 7 * D - 9 * H }),
      'me',
      'Europe/Berlin',
      'on pace for 56, Sam 19',
    ],
    [
      'goal on a board: how many are on track',
      goal({ me: 12, sam: 3, kim: 10 }),
      null,
      'Europe/Berlin',
      '2 of 3 on track for the goal',
    ],
  ])('%s', (_, challenge, youId, zone, expected) => {
    expect(words(challenge, NOW, youId, zone)).toBe(expected);
  });

  it.each<[string, ChallengeView, number]>([
    ['not started', view({ me: 3 }, { start: NOW + H }), NOW],
    ['zero elapsed', view({ me: 3 }), NOW - D],
    ['ended by the clock', view({ me: 3 }), NOW + D],
    ['ended by the relay', race(20, { status: 'ended', endedAt: NOW - H }), NOW],
    // Three calls in the first minutes of a week are not a pace of hundreds.
    [
      'under a twentieth of a week has passed',
      view({ me: 3 }, { start: NOW - 8 * H, end: NOW + 7 * D - 8 * H }),
      NOW,
    ],
    [
      'under ten minutes of a one-hour sprint',
      view({ me: 3 }, { start: NOW - 9 * 60_000, end: NOW + H }),
      NOW,
    ],
  ])('says nothing when %s', (_, challenge, now) => {
    expect(words(challenge, now)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { BUILT_IN_METRICS } from '../../../core/metrics.ts';
import type { BeatenBest } from '../../../core/progress-types.ts';
import type { ChallengeView } from '../../../core/types.ts';
import type { AppView } from '../services.ts';
import { momentsBetween } from './moments.ts';
import { challengeView, endedChallenge, member } from './test-fixtures.ts';

const members = [member('a', 'Alex'), member('b', 'Sam'), member('c', 'Kim')];

/** The app as Alex ('a') sees it, online unless a test says otherwise. */
function view(over: Partial<AppView> = {}): AppView {
  return {
    connection: { state: 'online', queued: 0, relayUrl: null },
    you: members[0] ?? null,
    pack: null,
    members,
    metrics: [...BUILT_IN_METRICS],
    challenges: [],
    feed: [],
    inviteCode: null,
    hotkeys: null,
    hosting: null,
    results: [],
    bests: [],
    ...over,
  };
}

const running = (counts: Record<string, number>, over: Partial<ChallengeView> = {}): ChallengeView =>
  challengeView({
    standings: Object.entries(counts).map(([memberId, count]) => ({
      memberId,
      count,
      rank: 0,
      reachedAt: null,
    })),
    ...over,
  });

const best = (over: Partial<BeatenBest> = {}): BeatenBest => ({
  memberId: 'a',
  metric: 'call',
  kind: 'day',
  count: 14,
  previous: 12,
  at: 5000,
  ...over,
});

const texts = (prev: AppView | null, next: AppView) => momentsBetween(prev, next).map((m) => m.text);

describe('the moment of winning', () => {
  it.each([
    ['a win by three', { a: 41, b: 38 }, {}, ['You won Most calls this week, 41 to 38']],
    ['a shared win', { a: 7, b: 7, c: 2 }, {}, ['You shared the win in Most calls this week, tied at 7']],
    ['a loss', { a: 3, b: 9 }, {}, []],
    ['nobody scored', { a: 0, b: 0 }, {}, []],
    [
      'a goal reached',
      { a: 12, b: 10 },
      { format: 'goal' as const },
      ['You reached the goal in Most calls this week with 12 calls'],
    ],
    ['a challenge you sat out', { b: 5, c: 2 }, {}, []],
  ])('%s', (_name, counts, over, expected) => {
    const ended = endedChallenge('w', counts, over);
    expect(texts(view(), view({ results: [ended] }))).toEqual(expected);
  });

  it('a result already shown is not played again when another arrives', () => {
    const first = endedChallenge('w1', { a: 5, b: 1 });
    const second = endedChallenge('w2', { a: 3, b: 2 }, { title: 'Sprint' });
    expect(texts(view({ results: [first] }), view({ results: [first, second] }))).toEqual([
      'You won Sprint, 3 to 2',
    ]);
  });

  it('a result that arrives while catching up after a reload plays nothing', () => {
    const ended = endedChallenge('w', { a: 5, b: 1 });
    const connecting = view({ connection: { state: 'connecting', queued: 0, relayUrl: null } });
    expect(texts(connecting, view({ results: [ended] }))).toEqual([]);
    expect(texts(view(), { ...connecting, results: [ended] })).toEqual([]);
  });

  it('the first state of a page plays nothing, however good it looks', () => {
    const ended = endedChallenge('w', { a: 5, b: 1 });
    expect(texts(null, view({ results: [ended], bests: [best()] }))).toEqual([]);
  });

  it('another membership in the same page plays nothing', () => {
    const ended = endedChallenge('w', { a: 5, b: 1 });
    expect(texts(view({ you: members[1] ?? null }), view({ results: [ended] }))).toEqual([]);
  });
});

describe('overtakes', () => {
  it.each([
    [
      'passing the leader takes the lead',
      { a: 4, b: 5 },
      { a: 6, b: 5 },
      ['You passed Sam and took the lead in Most calls this week, 6 to 5'],
    ],
    [
      'breaking a tie takes the lead',
      { a: 5, b: 5 },
      { a: 6, b: 5 },
      ['You took the lead in Most calls this week, 6 to 5'],
    ],
    [
      'the first call of all takes the lead',
      {},
      { a: 1 },
      ['You took the lead in Most calls this week, 1 to 0'],
    ],
    [
      'passing one of two ahead',
      { a: 2, b: 3, c: 9 },
      { a: 4, b: 3, c: 9 },
      ['You passed Sam in Most calls this week, 4 to 3'],
    ],
    [
      'passing two at once',
      { a: 2, b: 3, c: 3 },
      { a: 4, b: 3, c: 3 },
      ['You passed Sam and Kim and took the lead in Most calls this week, 4 to 3'],
    ],
    ['drawing level is no pass', { a: 4, b: 5 }, { a: 5, b: 5 }, []],
    ['adding to a lead is no news', { a: 6, b: 5 }, { a: 7, b: 5 }, []],
    ['a partner dropping behind by an undo is not your moment', { a: 4, b: 5 }, { a: 4, b: 3 }, []],
  ])('%s', (_name, was, now, expected) => {
    expect(texts(view({ challenges: [running(was)] }), view({ challenges: [running(now)] }))).toEqual(
      expected,
    );
  });

  it('a goal has no overtakes, and neither does a challenge you declined', () => {
    const goal = { format: 'goal' as const, target: 10 };
    expect(
      texts(
        view({ challenges: [running({ a: 4, b: 5 }, goal)] }),
        view({ challenges: [running({ a: 6, b: 5 }, goal)] }),
      ),
    ).toEqual([]);
    const declined = {
      participants: [
        { memberId: 'a', declined: true },
        { memberId: 'b', declined: false },
      ],
    };
    expect(
      texts(
        view({ challenges: [running({ a: 4, b: 5 }, declined)] }),
        view({ challenges: [running({ a: 6, b: 5 }, declined)] }),
      ),
    ).toEqual([]);
  });

  it('a fresh snapshot after reconnecting is not an overtake', () => {
    const connecting = view({
      connection: { state: 'connecting', queued: 0, relayUrl: null },
      challenges: [running({ a: 4, b: 5 })],
    });
    expect(texts(connecting, view({ challenges: [running({ a: 6, b: 5 })] }))).toEqual([]);
  });
});

describe('personal bests', () => {
  it.each([
    ['a best day', best(), ['Your best day ever: 14 calls (was 12)']],
    ['a first record, which beats nothing', best({ kind: 'week', count: 1, previous: 0 }), []],
    [
      'a best week of appointments',
      best({ kind: 'week', count: 3, previous: 2, metric: 'appointment' }),
      ['Your best week ever: 3 appointments (was 2)'],
    ],
    [
      'a streak',
      best({ kind: 'streak', count: 6, previous: 5 }),
      ['Your longest streak: 6 working days in a row with your calls target met (was 5)'],
    ],
    ["a partner's best", best({ memberId: 'b' }), []],
  ])('%s', (_name, beaten, expected) => {
    expect(texts(view(), view({ bests: [beaten] }))).toEqual(expected);
  });

  it('a best kept from before is not played again', () => {
    const old = best({ at: 1000 });
    expect(texts(view({ bests: [old] }), view({ bests: [old, best({ count: 15, previous: 14 })] }))).toEqual([
      'Your best day ever: 15 calls (was 14)',
    ]);
  });
});

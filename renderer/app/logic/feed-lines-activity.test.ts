import { describe, expect, it } from 'vitest';
import type { PendingLog } from '../../../core/app-api.ts';
import { BUILT_IN_METRICS } from '../../../core/metrics.ts';
import type { Cheer, FeedEntry, Member } from '../../../core/types.ts';
import { activity, BURST_GAP_MS, burstLine, joinLine, spanWords, waitingLine } from './feed-lines.ts';
import type { ActivityItem, ActivitySources } from './feed-lines.ts';

const MIN = 60_000;
const T0 = 1_000_000_000_000;
const members: Member[] = [
  { id: 'a', packId: 'p', displayName: 'Alex', role: 'owner', joinedAt: T0 - 10 * MIN, active: true },
  { id: 'b', packId: 'p', displayName: 'Priya', role: 'member', joinedAt: T0 - 5 * MIN, active: true },
];

let seq = 0;
const log = (memberId: string, at: number, over: Partial<FeedEntry> = {}): FeedEntry => {
  seq += 1;
  return {
    seq,
    eventId: `e${seq}`,
    memberId,
    type: 'log',
    metric: 'call',
    count: 1,
    occurredAt: T0 + at,
    meetingDate: null,
    note: null,
    retracts: null,
    ...over,
  };
};
const undo = (memberId: string, at: number, retracts: string): FeedEntry =>
  log(memberId, at, { type: 'undo', metric: '', count: 0, retracts });

function sources(over: Partial<ActivitySources>): ActivitySources {
  return { feed: [], cheers: [], members: [], packCreatedAt: null, pending: [], youId: 'a', ...over };
}

/** What each line of Pack activity says, newest first, as the Feed writes it. */
function lines(items: ActivityItem[]): string[] {
  return items.map((item) => {
    if (item.kind === 'burst') return burstLine(item.burst, members, BUILT_IN_METRICS, 'a');
    if (item.kind === 'waiting') return `${waitingLine(item.burst, BUILT_IN_METRICS)} (waiting)`;
    if (item.kind === 'join') return joinLine(item.member, item.founder, 'a');
    if (item.kind === 'cheer') return `cheer ${item.cheer.id}`;
    return item.entry.type === 'undo'
      ? `${item.entry.memberId} took back`
      : `${item.entry.memberId} ${item.entry.count}`;
  });
}

describe('bursts in Pack activity', () => {
  const burstOf = (n: number, memberId = 'b', stepMs = 20_000) =>
    Array.from({ length: n }, (_, i) => log(memberId, i * stepMs));

  it.each<[string, () => FeedEntry[], string[]]>([
    ['five calls in 80 s are one line', () => burstOf(5), ['Priya logged 5 calls in 1 min']],
    ['two calls are already a burst', () => burstOf(2), ['Priya logged 2 calls in under a minute']],
    ['one call stays a plain line', () => burstOf(1), ['b 1']],
    [
      'another member in between splits it',
      () => [log('b', 0), log('b', 10_000), log('a', 20_000), log('b', 30_000), log('b', 40_000)],
      ['Priya logged 2 calls in under a minute', 'a 1', 'Priya logged 2 calls in under a minute'],
    ],
    [
      'another metric splits it',
      () => [log('b', 0), log('b', 10_000), log('b', 20_000, { metric: 'appointment' })],
      ['b 1', 'Priya logged 2 calls in under a minute'],
    ],
    [
      'a gap of exactly the window still joins',
      () => [log('b', 0), log('b', BURST_GAP_MS)],
      ['Priya logged 2 calls in 2 min'],
    ],
    ['a gap over the window splits it', () => [log('b', 0), log('b', BURST_GAP_MS + 1)], ['b 1', 'b 1']],
    [
      'the window runs from the latest log, so a steady burst keeps going',
      () => burstOf(4, 'b', 100_000),
      ['Priya logged 4 calls in 5 min'],
    ],
    [
      'an undo inside a burst is folded in and said',
      () => {
        const [x, y, z] = burstOf(3);
        return [x, y, z, undo('b', 50_000, (z as FeedEntry).eventId), log('b', 60_000)] as FeedEntry[];
      },
      ['Priya logged 4 calls in 1 min, took back 1'],
    ],
    [
      'an undo of an older log ends the burst',
      () => [
        log('b', -10 * MIN, { eventId: 'old' }),
        log('b', 0),
        log('b', 10_000),
        undo('b', 20_000, 'old'),
      ],
      ['b took back', 'Priya logged 2 calls in under a minute', 'b 1'],
    ],
    [
      'a single log and its undo read line by line',
      () => {
        const x = log('b', 0);
        return [x, undo('b', 5_000, x.eventId)];
      },
      ['b took back', 'b 1'],
    ],
    [
      'counts add up (a log of 3 and a log of 2)',
      () => [log('b', 0, { count: 3 }), log('b', 30_000, { count: 2 })],
      ['Priya logged 5 calls in 1 min'],
    ],
  ])('%s', (_, make, expected) => {
    expect(lines(activity(sources({ feed: make() })))).toEqual(expected);
  });

  it('keeps every log of a burst, so a cheer can answer any one of them', () => {
    const feed = burstOf(5);
    const [item] = activity(sources({ feed }));
    expect(item?.kind === 'burst' && item.burst.logs.map((l) => l.eventId)).toEqual(
      feed.map((l) => l.eventId),
    );
  });

  it('says how long a burst took in words', () => {
    expect([spanWords(0, 20_000), spanWords(0, 2 * MIN), spanWords(0, 80 * MIN)]).toEqual([
      'in under a minute',
      'in 2 min',
      'in 1 h',
    ]);
  });
});

describe('joiners in Pack activity', () => {
  it('puts "joined the pack" at its time among the logs, and the founder "started" it', () => {
    const feed = [log('a', -8 * MIN), log('b', -1 * MIN)];
    const items = activity(sources({ feed, members, packCreatedAt: T0 - 10 * MIN }));
    expect(lines(items)).toEqual(['b 1', 'Priya joined the pack', 'a 1', 'You started the pack']);
  });
});

describe('logs waiting to send', () => {
  const pending = (id: string, at: number, over: Partial<PendingLog> = {}): PendingLog => ({
    id,
    type: 'log',
    metric: 'call',
    count: 1,
    at: T0 + at,
    retracts: null,
    ...over,
  });

  it('shows an unsent log as waiting, newest first among the rest', () => {
    const items = activity(sources({ feed: [log('b', 0)], pending: [pending('p1', 30_000)] }));
    expect(lines(items)).toEqual(['You logged a call (waiting)', 'b 1']);
  });

  it('folds unsent logs of one metric into one waiting line', () => {
    const items = activity(sources({ pending: [pending('p1', 0), pending('p2', 5_000)] }));
    expect(lines(items)).toEqual(['You logged 2 calls (waiting)']);
  });

  it('an unsent undo says so', () => {
    const items = activity(
      sources({ pending: [pending('u1', 0, { type: 'undo', metric: '', count: 0, retracts: 'x' })] }),
    );
    expect(lines(items)).toEqual(['You took back a log (waiting)']);
  });

  it('once the relay holds it, the real entry replaces it: no duplicate, nothing lost', () => {
    const stored = log('a', 30_000, { eventId: 'p1' });
    const items = activity(
      sources({ feed: [stored], pending: [pending('p1', 30_000), pending('p2', 40_000)] }),
    );
    expect(lines(items)).toEqual(['You logged a call (waiting)', 'a 1']);
    expect(
      items.filter((i) => i.kind === 'waiting').flatMap((i) => (i.kind === 'waiting' ? i.burst.logs : [])),
    ).toEqual([pending('p2', 40_000)]);
  });
});

describe('activity limit and cheers', () => {
  it('merges cheers by time and keeps only the newest lines', () => {
    const cheer: Cheer = {
      id: 'c1',
      fromId: 'a',
      toId: 'b',
      reaction: 'cheer',
      text: null,
      eventId: null,
      challengeId: null,
      createdAt: T0 + 5 * MIN,
    };
    const feed = [log('b', 0), log('a', 10 * MIN)];
    expect(lines(activity(sources({ feed, cheers: [cheer] }), 2))).toEqual(['a 1', 'cheer c1']);
  });
});

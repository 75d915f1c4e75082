import { describe, expect, it } from 'vitest';
import { BUILT_IN_METRICS } from '../../../core/metrics.ts';
import type { Cheer, FeedEntry, Member } from '../../../core/types.ts';
import { cheerLine, endedAgo, feedLine, relativeTime, timeline } from './feed-lines.ts';

const members: Member[] = [
  { id: 'a', packId: 'p', displayName: 'Alex', role: 'owner', joinedAt: 0, active: true },
  { id: 'b', packId: 'p', displayName: 'Sam', role: 'member', joinedAt: 0, active: true },
];
const entry = (over: Partial<FeedEntry>): FeedEntry => ({
  seq: 1,
  eventId: 'e',
  memberId: 'b',
  type: 'log',
  metric: 'call',
  count: 1,
  occurredAt: 0,
  meetingDate: null,
  note: null,
  retracts: null,
  ...over,
});
const cheer = (over: Partial<Cheer>): Cheer => ({
  id: 'c',
  fromId: 'b',
  toId: 'a',
  reaction: 'cheer',
  text: null,
  eventId: 'e',
  challengeId: null,
  createdAt: 0,
  ...over,
});

describe('feed lines', () => {
  it.each([
    [entry({}), 'a', 'Sam logged a call'],
    [entry({ count: 3 }), 'a', 'Sam logged 3 calls'],
    [entry({ memberId: 'a', metric: 'appointment' }), 'a', 'You logged an appointment'],
    [
      entry({ metric: 'forward_appointment', meetingDate: '2026-12-01' }),
      'a',
      'Sam logged a forward appointment (meeting on 2026-12-01)',
    ],
    [entry({ type: 'undo', retracts: 'x' }), 'a', 'Sam took back a log'],
    [entry({ metric: 'demo' }), 'a', 'Sam logged a demo'],
  ])('%j reads "%s"', (e, you, words) => {
    expect(feedLine(e, members, BUILT_IN_METRICS, you)).toBe(words);
  });

  it.each([
    [cheer({}), 'Sam cheered you'],
    [cheer({ fromId: 'a', toId: 'b', reaction: 'taunt', text: 'catch me' }), 'You taunted Sam: “catch me”'],
  ])('%j reads "%s"', (c, words) => {
    expect(cheerLine(c, members, 'a')).toBe(words);
  });
});

describe('relative time', () => {
  it.each([
    [0, 'just now'],
    [2 * 60_000, '2 min ago'],
    [3 * 3_600_000, '3 h ago'],
    [26 * 3_600_000, 'yesterday'],
    [4 * 86_400_000, '4 days ago'],
  ])('%d ms ago reads "%s"', (ago, words) => {
    expect(relativeTime(1_000_000_000 - ago, 1_000_000_000)).toBe(words);
  });
});

describe('timeline', () => {
  it('merges entries and cheers, newest first', () => {
    const items = timeline(
      [entry({ seq: 1, occurredAt: 10 }), entry({ seq: 2, occurredAt: 30 })],
      [cheer({ createdAt: 20 })],
    );
    expect(items.map((i) => i.key)).toEqual(['e2', 'cc', 'e1']);
  });
});

describe('how long ago a challenge ended', () => {
  const DAY = 86_400_000;
  it.each([
    [0, 'today'],
    [1, 'yesterday'],
    [5, '5 days ago'],
    [20, '2 weeks ago'],
    [100, '3 months ago'],
    [800, '2 years ago'],
  ])('%d days ago reads "%s"', (days, words) => {
    expect(endedAgo(1e12 - days * DAY - 1000, 1e12)).toBe(words);
  });
});

import { describe, expect, it } from 'vitest';
import { BUILT_IN_METRICS } from '../core/metrics.ts';
import type { ChallengeView, FeedEntry, Member, Pack, Snapshot } from '../core/types.ts';
import type { CliContext } from './context.ts';
import { challengeBlock, feedLine, resultLine, standingsLine } from './render.ts';
import type { Scene } from './render.ts';
import { textOutput } from './watch-output.ts';

/**
 * Rows an older relay stored may hold line breaks, terminal escapes and bidi overrides (the relay
 * refuses them now). Whatever they hold, each prints as one line of its own.
 */
const FORGED_LINE = '\n  2. Mal  99';
const NOW = Date.UTC(2026, 2, 4, 12);

const member = (id: string, displayName: string): Member => ({
  id,
  packId: 'p',
  displayName,
  role: 'member',
  joinedAt: 0,
  active: true,
});
const you = member('you', 'Alex');
const sam = member('sam', `Sam${FORGED_LINE}`);
const demo = { id: 'demo', label: 'Demos\r\nAlex: 0', needsMeetingDate: false, builtIn: false };
const scene: Scene = {
  youId: you.id,
  members: [you, sam, member('kim', 'Kim\u001b[2J\u202e')],
  metrics: [...BUILT_IN_METRICS, demo],
  timeZone: 'UTC',
};

const standing = (memberId: string, count: number, rank: number) => ({
  memberId,
  count,
  rank,
  reachedAt: null,
});
const challenge: ChallengeView = {
  id: '2f90c1a2-2ec2-425e-b57b-40753be10ede',
  packId: 'p',
  creatorId: you.id,
  title: `Most calls${FORGED_LINE}`,
  stake: 'coffee\u2028Alex logged 0 calls: I give up',
  metric: 'demo',
  format: 'most',
  target: null,
  period: { kind: 'this-week' },
  start: NOW - 3_600_000,
  end: NOW + 3_600_000,
  horizon: null,
  participants: [you, sam].map((m) => ({ memberId: m.id, declined: false })),
  status: 'active',
  createdAt: NOW - 3_600_000,
  endedAt: null,
  repeat: null,
  standings: [standing('sam', 3, 1), standing('you', 2, 2)],
  result: null,
};
const ended: ChallengeView = {
  ...challenge,
  status: 'ended',
  result: {
    challengeId: challenge.id,
    reason: 'time',
    winners: ['sam'],
    tie: false,
    standings: challenge.standings,
    margin: 1,
    endedAt: NOW,
  },
};
const entry: FeedEntry = {
  seq: 1,
  eventId: 'e',
  memberId: 'sam',
  type: 'log',
  metric: 'call',
  count: 2,
  occurredAt: NOW,
  meetingDate: null,
  note: 'ok\u0085Alex logged 0 calls: I give up',
  retracts: null,
};

/** Nothing that a terminal would take as a new line, a command or a change of direction. */
const UNSAFE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

describe('the text renderers', () => {
  it.each<[string, () => string, string]>([
    [
      'a feed line',
      () => feedLine(scene, entry),
      'Sam   2. Mal  99 logged 2 calls: ok Alex logged 0 calls: I give up',
    ],
    [
      'a standings line',
      () => standingsLine(scene, challenge),
      'Most calls   2. Mal  99: you 2, Sam   2. Mal  99 3',
    ],
    ['a result line', () => resultLine(scene, ended), 'Most calls   2. Mal  99: Sam   2. Mal  99 won'],
    ['a cancelled result line', () => resultLine(scene, challenge), 'Most calls   2. Mal  99: cancelled'],
  ])('print %s as one safe line', (_what, render, shown) => {
    const line = render();
    expect(line).not.toMatch(UNSAFE);
    expect(line).toContain(shown);
  });

  it('print a challenge as its own lines: title, stake, one per participant, and no more', () => {
    const lines = challengeBlock(scene, challenge, NOW);
    expect(lines).toHaveLength(4);
    expect(lines.join('')).not.toMatch(UNSAFE);
    expect(lines[0]).toMatch(/^Most calls {3}2\. Mal {2}99 {2}\[2f90c1a2\]/);
    expect(lines[1]).toBe('  stake: coffee Alex logged 0 calls: I give up');
    expect(lines[2]).toMatch(/^ {3}1\. Sam {3}2\. Mal {2}99 {2}3$/);
  });
});

describe('wolfpack watch, as text', () => {
  it('prints each thing that happens on exactly one line', () => {
    const printed: string[] = [];
    const ctx = { out: (text: string) => printed.push(text), now: () => NOW } as unknown as CliContext;
    const out = textOutput(ctx, () => scene);
    const pack: Pack = {
      id: 'p',
      name: 'Wolves\nYou now own',
      timeZone: 'UTC',
      weekStart: 1,
      ownerId: 'sam',
      createdAt: 0,
    };
    out.watching({ pack, you: { ...you, displayName: 'Alex\r\n' } } as Snapshot);
    out.feed(entry);
    out.standings(challenge);
    out.result(ended);
    for (const change of ['created', 'started', 'cancelled'] as const) out.challenge(change, challenge);
    out.member('joined', sam);
    out.metric(demo);
    out.pack(pack);
    expect(printed).toHaveLength(10);
    for (const line of printed) expect(line).not.toMatch(UNSAFE);
  });
});

describe('a challenge nobody scored in', () => {
  it('prints as no result in `wolfpack history`, as History and the notification say', () => {
    const nil = [standing('sam', 0, 1), standing('you', 0, 1)];
    const nothing: ChallengeView = {
      ...ended,
      standings: nil,
      result: {
        challengeId: ended.id,
        reason: 'time',
        winners: [],
        tie: false,
        margin: 0,
        standings: nil,
        endedAt: NOW,
      },
    };
    expect(resultLine(scene, nothing)).toBe('Most calls   2. Mal  99: No result: nobody scored');
  });
});

import { describe, expect, it } from 'vitest';
import { BUILT_IN_METRICS } from '../../../core/metrics.ts';
import { decideResult } from '../../../core/tally.ts';
import type { ChallengeView, Standing } from '../../../core/types.ts';
import { challenge, member, standings } from '../testing/fixtures.ts';
import {
  challengeEndedMessage,
  challengeStartedMessage,
  cheerMessage,
  detectOvertake,
  invitedMessage,
  overtakenMessages,
  partnerJoinedMessage,
} from './messages.ts';
import type { MessageContext } from './messages.ts';

const members = [member('me', 'Alex'), member('sam'), member('kim')];
const ctx: MessageContext = {
  youId: 'me',
  names: (id) => members.find((m) => m.id === id)?.displayName ?? id,
  metrics: BUILT_IN_METRICS,
  timeZone: 'Europe/Berlin',
};

function ended(scores: [string, number][], over: Partial<ChallengeView> = {}): ChallengeView {
  const c = challenge({ scores, status: 'ended', ...over });
  const rows = scores.map(([memberId, count]) => ({ memberId, count, reachedAt: null }));
  return { ...c, result: decideResult(c, rows, c.end, 'time') };
}

describe('challengeEndedMessage', () => {
  it.each<[string, ChallengeView, string, string]>([
    [
      'won',
      ended([
        ['me', 27],
        ['sam', 23],
      ]),
      'You won: Most calls this week',
      'You won 27 to 23 (+4)',
    ],
    [
      'lost',
      ended([
        ['me', 23],
        ['sam', 27],
      ]),
      'Sam won: Most calls this week',
      'Sam won 27 to 23 (+4)',
    ],
    [
      'tied',
      ended([
        ['me', 25],
        ['sam', 25],
      ]),
      'Tied: Most calls this week',
      'Tied at 25',
    ],
    [
      'others tied above you',
      ended([
        ['me', 2],
        ['sam', 25],
        ['kim', 25],
      ]),
      'Kim and Sam tied: Most calls this week',
      'Kim and Sam tied at 25',
    ],
    [
      'nobody scored',
      ended([
        ['me', 0],
        ['sam', 0],
      ]),
      'No result: Most calls this week',
      'No result: nobody scored',
    ],
    [
      'with a stake',
      ended(
        [
          ['me', 27],
          ['sam', 23],
        ],
        { stake: 'Loser buys lunch' },
      ),
      'You won: Most calls this week',
      'You won 27 to 23 (+4)\nStake: Loser buys lunch',
    ],
    [
      'goal made',
      ended(
        [
          ['me', 12],
          ['sam', 4],
        ],
        { format: 'goal', target: 10, title: 'Goal: 10 calls' },
      ),
      'You made it: Goal: 10 calls',
      'You reached the goal with 12 calls (+2)',
    ],
  ])('%s', (_, c, title, body) => {
    expect(challengeEndedMessage(ctx, c)).toEqual({ id: 'ended:c1', title, body, route: '/history/c1' });
  });

  it('says nothing before there is a result', () => {
    expect(challengeEndedMessage(ctx, challenge({ scores: [['me', 1]] }))).toBeNull();
  });
});

describe('detectOvertake', () => {
  const s = standings;
  it.each<[string, Standing[], Standing[], string[]]>([
    ['Sam passes you', s(['me', 5], ['sam', 5]), s(['me', 5], ['sam', 6]), ['sam']],
    ['Sam catches up only', s(['me', 5], ['sam', 4]), s(['me', 5], ['sam', 5]), []],
    ['Sam was already ahead', s(['me', 5], ['sam', 6]), s(['me', 5], ['sam', 7]), []],
    ['your undo lets Sam past', s(['me', 6], ['sam', 5]), s(['me', 4], ['sam', 5]), ['sam']],
    [
      'two pass you at once',
      s(['me', 5], ['sam', 1], ['kim', 2]),
      s(['me', 5], ['sam', 6], ['kim', 9]),
      ['kim', 'sam'],
    ],
    ['a newcomer with a score', s(['me', 0]), s(['me', 0], ['sam', 1]), ['sam']],
    ['you are not in it', s(['sam', 1]), s(['sam', 3], ['kim', 4]), []],
  ])('%s', (_, before, after, expected) => {
    expect(detectOvertake(before, after, 'me').sort()).toEqual(expected.sort());
  });
});

describe('overtakenMessages', () => {
  it('names the partner and both counts; the id carries their new count', () => {
    const c = challenge({
      scores: [
        ['me', 5],
        ['sam', 6],
      ],
    });
    const [message, ...rest] = overtakenMessages(ctx, c, standings(['me', 5], ['sam', 5]), c.standings);
    expect(rest).toEqual([]);
    expect(message).toEqual({
      id: 'overtaken:c1:sam:6',
      title: 'Sam overtook you',
      body: 'Most calls this week: Sam 6, you 5',
      route: '/live/c1',
    });
  });
});

describe('other messages', () => {
  const c = challenge({
    id: 'c9',
    creatorId: 'sam',
    title: 'Power hour',
    status: 'scheduled',
    start: Date.parse('2026-11-27T15:00:00Z'),
    end: Date.parse('2026-11-27T16:00:00Z'),
    scores: [
      ['sam', 0],
      ['me', 0],
      ['kim', 0],
    ],
  });

  it('a challenge started', () => {
    expect(challengeStartedMessage(ctx, c)).toEqual({
      id: 'started:c9',
      title: 'Started: Power hour',
      body: 'You, Sam and Kim, until Fri 27 Nov 17:00',
      route: '/live/c9',
    });
  });

  it('invited by someone else', () => {
    expect(invitedMessage(ctx, c)).toEqual({
      id: 'invited:c9',
      title: 'Sam challenged you',
      body: 'Power hour, starts Fri 27 Nov 16:00',
      route: '/live/c9',
    });
  });

  it.each<[string, ChallengeView]>([
    ['your own challenge', { ...c, creatorId: 'me' }],
    [
      'one you are not in',
      challenge({
        scores: [
          ['sam', 0],
          ['kim', 0],
        ],
      }),
    ],
    ['one you declined', challenge({ scores: [['sam', 0]], declined: ['me'] })],
  ])('no invitation for %s', (_, challengeView) => {
    expect(invitedMessage(ctx, challengeView)).toBeNull();
  });

  it('a partner joined, but not you', () => {
    expect(partnerJoinedMessage(ctx, member('kim'))).toMatchObject({
      id: 'joined:kim',
      title: 'Kim joined your pack',
    });
    expect(partnerJoinedMessage(ctx, member('me'))).toBeNull();
  });

  it('a cheer, kept short', () => {
    const message = cheerMessage({ id: 'x1', fromName: 'Sam', text: `  ${'go '.repeat(100)}` });
    expect(message.id).toBe('cheer:x1');
    expect(message.title).toBe('Sam cheers you on');
    expect(message.body).toHaveLength(200);
    expect(message.body.endsWith('…')).toBe(true);
  });
});

describe('texts an older relay stored', () => {
  it('are shown as one line in every notification', () => {
    const forgedCtx: MessageContext = {
      ...ctx,
      names: (id) => (id === 'sam' ? 'Sam\nAlex logged 0 calls' : id),
    };
    const c = ended(
      [
        ['me', 2],
        ['sam', 3],
      ],
      { title: 'Calls\nYou won', stake: 'coffee\u202E' },
    );
    const message = challengeEndedMessage(forgedCtx, c);
    if (!message) throw new Error('a result you took part in is announced');
    expect(message.title).toBe('Sam Alex logged 0 calls won: Calls You won');
    // The stake keeps the line of its own that the message gives it, and no more.
    expect(message.body.split('\n')).toHaveLength(2);
    expect(message.body).not.toContain('\u202E');
  });
});

import { describe, expect, it } from 'vitest';
import type { ChallengeView } from '../../../core/types.ts';
import { boardMoments, enqueueMoments, MOMENT_QUEUE_MAX, resultWords } from './board-moments.ts';
import type { Moment, MomentView } from './board-moments.ts';
import { challengeView, endedChallenge, member } from './test-fixtures.ts';

const members = [member('a', 'Priya'), member('b', 'Sam'), member('c', 'Kim')];

const standing = (counts: Record<string, number>) =>
  Object.entries(counts).map(([memberId, count]) => ({ memberId, count, rank: 0, reachedAt: null }));

const calls = (counts: Record<string, number>): ChallengeView =>
  challengeView({ id: 'c1', standings: standing(counts) });

const view = (challenges: ChallengeView[], ended: ChallengeView[] = []): MomentView => ({
  challenges,
  ended,
  members,
});

/** The fixture's result with some fields changed (a race won at the target, a goal not a tie). */
const withResult = (challenge: ChallengeView, patch: object): ChallengeView =>
  challenge.result ? { ...challenge, result: { ...challenge.result, ...patch } } : challenge;

const texts = (before: MomentView, after: MomentView) => boardMoments(before, after).map((m) => m.text);

describe('overtakes on the floor board', () => {
  it.each([
    [{ a: 5, b: 4 }, { a: 5, b: 6 }, ['Sam passes Priya in Most calls this week']],
    // Drawing level is not passing.
    [{ a: 5, b: 4 }, { a: 5, b: 5 }, []],
    // From level to ahead is not passing someone who was ahead.
    [{ a: 5, b: 5 }, { a: 5, b: 6 }, []],
    // The first log of a challenge passes nobody.
    [{}, { b: 1 }, []],
    // Passing two at once names the better placed one.
    [{ a: 5, b: 4, c: 2 }, { a: 5, b: 4, c: 6 }, ['Kim passes Priya in Most calls this week']],
    // Two members passing in one push: both are told.
    [
      { a: 5, b: 4, c: 3 },
      { a: 5, b: 6, c: 7 },
      ['Sam passes Priya in Most calls this week', 'Kim passes Sam in Most calls this week'],
    ],
    // An undo that drops the leader back is no overtake by anyone.
    [{ a: 5, b: 4 }, { a: 3, b: 4 }, []],
  ])('%j then %j: %j', (before, after, expected) => {
    expect(texts(view([calls(before)]), view([calls(after)]))).toEqual(expected);
  });

  it('ignores a member who declined', () => {
    const declined = (counts: Record<string, number>) =>
      challengeView({
        id: 'c1',
        standings: standing(counts),
        participants: [
          { memberId: 'a', declined: false },
          { memberId: 'b', declined: true },
        ],
      });
    expect(texts(view([declined({ a: 1, b: 3 })]), view([declined({ a: 4, b: 3 })]))).toEqual([]);
  });

  it('says nothing about a challenge that just appeared', () => {
    expect(texts(view([]), view([calls({ a: 5, b: 6 })]))).toEqual([]);
  });
});

describe('results on the floor board', () => {
  it('announces a challenge seen to end, once', () => {
    const ended = endedChallenge('c1', { a: 41, b: 38 });
    const after = view([], [ended]);
    expect(texts(view([calls({ a: 40, b: 38 })]), after)).toEqual([
      'Priya wins Most calls this week 41 to 38',
    ]);
    expect(texts(after, after)).toEqual([]);
  });

  it.each([
    [endedChallenge('c1', { a: 7, b: 7 }), 'Priya and Sam tie Most calls this week at 7'],
    [endedChallenge('c1', { a: 0, b: 0 }), null],
    [endedChallenge('c1', { b: 9 }), 'Sam wins Most calls this week with 9'],
    [
      withResult(endedChallenge('c1', { a: 10, b: 8 }, { format: 'race', target: 10, title: 'Race to 10' }), {
        reason: 'target',
      }),
      'Priya wins Race to 10, first to 10',
    ],
    [
      withResult(endedChallenge('c1', { a: 12, b: 12 }, { format: 'goal', target: 10, title: 'Ten each' }), {
        tie: false,
      }),
      'Priya and Sam reach the goal in Ten each',
    ],
    [
      withResult(endedChallenge('c1', { a: 3, b: 2 }, { format: 'goal', target: 10, title: 'Ten each' }), {
        winners: [],
      }),
      'Nobody reached the goal in Ten each',
    ],
  ])('%#: %s', (challenge, words) => {
    expect(resultWords(challenge, members)).toBe(words);
  });

  it('names a member who has since left as a former member', () => {
    expect(resultWords(endedChallenge('c1', { z: 3, a: 1 }), members)).toBe(
      'A former member wins Most calls this week 3 to 1',
    );
  });
});

describe('the moment queue', () => {
  const m = (id: string): Moment => ({ id, kind: 'overtake', text: id });

  it('queues each moment once', () => {
    expect(enqueueMoments([m('x')], [m('x'), m('y')]).map((q) => q.id)).toEqual(['x', 'y']);
  });

  it('keeps the one on screen and the newest when a burst arrives', () => {
    const burst = Array.from({ length: 10 }, (_, i) => m(`n${i}`));
    const queue = enqueueMoments([m('shown')], burst);
    expect(queue).toHaveLength(MOMENT_QUEUE_MAX);
    expect(queue[0]?.id).toBe('shown');
    expect(queue.at(-1)?.id).toBe('n9');
  });
});

import { describe, expect, it } from 'vitest';
import type { ChallengeView, Member } from '../../../core/types.ts';
import {
  everyonePeriod,
  everyoneRequest,
  leadWords,
  leftOutOf,
  missedChallenges,
} from './not-in-challenges.ts';
import { challengeView } from './test-fixtures.ts';

const HOUR = 3_600_000;
const member = (id: string, joinedAt: number): Member => ({
  id,
  packId: 'p',
  displayName: id,
  role: 'member',
  joinedAt,
  active: true,
});
const among = (...ids: string[]) => ids.map((memberId) => ({ memberId, declined: false }));
const sam = member('s', 500);

describe('challenges a newcomer is not in', () => {
  it.each<[string, Partial<ChallengeView>, boolean]>([
    ['made before they joined, without them', { createdAt: 100 }, true],
    ['scheduled before they joined', { createdAt: 100, status: 'scheduled' }, true],
    ['made after they joined, without them (left out on purpose)', { createdAt: 600 }, false],
    ['they are in it', { createdAt: 100, participants: among('a', 's') }, false],
    ['they declined it', { createdAt: 100, participants: [{ memberId: 's', declined: true }] }, false],
    ['it is over', { createdAt: 100, status: 'ended' }, false],
    ['it is a personal goal', { createdAt: 100, format: 'goal', target: 5, participants: among('a') }, false],
    [
      'it is a goal of several',
      { createdAt: 100, format: 'goal', target: 5, participants: among('a', 'b') },
      true,
    ],
  ])('%s: %s', (_, over, missed) => {
    const challenge = challengeView({ participants: among('a', 'b'), ...over });
    expect(missedChallenges(sam, [challenge]).length).toBe(missed ? 1 : 0);
  });

  it('stops offering it once a later one of the same contest includes them', () => {
    const original = challengeView({ id: 'o', createdAt: 100, participants: among('a', 'b') });
    const redone = challengeView({ id: 'r', createdAt: 700, participants: among('a', 'b', 's') });
    const otherMetric = challengeView({
      id: 'm',
      createdAt: 700,
      metric: 'demo',
      participants: among('a', 's'),
    });
    expect(missedChallenges(sam, [original, otherMetric]).map((c) => c.id)).toEqual(['o']);
    expect(missedChallenges(sam, [original, redone])).toEqual([]);
  });

  it('tells the others, per challenge they are in, which newcomers are missing from it', () => {
    const mine = challengeView({ id: 'mine', createdAt: 100, participants: among('a', 'b') });
    const notMine = challengeView({ id: 'theirs', createdAt: 100, participants: among('b', 'c') });
    const redone = challengeView({ id: 'r', createdAt: 900, metric: 'demo', participants: among('a', 'l') });
    const lee = member('l', 800);
    const gone = { ...member('x', 600), active: false };
    const result = leftOutOf([member('a', 0), sam, lee, gone], [mine, notMine, redone], 'a');
    expect(result.map((l) => [l.challenge.id, l.newcomers.map((m) => m.id)])).toEqual([['mine', ['s', 'l']]]);
  });
});

describe('rematch with everyone', () => {
  const now = 10 * HOUR;
  it.each<[string, { start: number; end: number }, { start: number; end: number }]>([
    ['a week with days left ends with it', { start: 0, end: 100 * HOUR }, { start: now, end: 100 * HOUR }],
    [
      'exactly an hour left still ends with it',
      { start: 0, end: now + HOUR },
      { start: now, end: now + HOUR },
    ],
    [
      'under an hour left runs as long as it did',
      { start: 0, end: now + HOUR - 1 },
      { start: now, end: now + 11 * HOUR - 1 },
    ],
    [
      'a power hour half run ends with it',
      { start: now - 0.5 * HOUR, end: now + 0.5 * HOUR },
      { start: now, end: now + 0.5 * HOUR },
    ],
    [
      'a power hour nearly over runs an hour',
      { start: now - 0.9 * HOUR, end: now + 0.1 * HOUR },
      { start: now, end: now + HOUR },
    ],
  ])('%s', (_, window, expected) => {
    expect(everyonePeriod({ ...window, period: { kind: 'this-week' } }, now)).toEqual({
      kind: 'instants',
      ...expected,
    });
  });

  it('keeps the window of one that has not started', () => {
    const period = { kind: 'range', from: '2026-12-14', to: '2026-12-18' } as const;
    expect(everyonePeriod({ start: now + HOUR, end: now + 5 * HOUR, period }, now)).toEqual(period);
  });

  it('asks for the same contest with the whole pack (no member list), titled as such', () => {
    const race = challengeView({ format: 'race', target: 20, stake: 'lunch', start: 0, end: 100 * HOUR });
    expect(everyoneRequest(race, now, 'UTC')).toEqual({
      metric: 'call',
      format: 'race',
      target: 20,
      stake: 'lunch',
      period: { kind: 'instants', start: now, end: 100 * HOUR },
      title: 'Most calls this week (whole pack)',
    });
    expect(everyoneRequest({ ...race, title: 'Sprint (whole pack)' }, now, 'UTC').title).toBe(
      'Sprint (whole pack)',
    );
  });
});

describe('how a missed challenge stands', () => {
  const people = [member('a', 0), { ...member('b', 0), displayName: 'Priya' }];
  const standing = (memberId: string, count: number) => ({ memberId, count, rank: 1, reachedAt: null });
  it.each<[string, ReturnType<typeof standing>[], string]>([
    ['nobody scored', [standing('a', 0)], 'Nobody has scored yet'],
    ['one leads', [standing('b', 12), standing('a', 4)], 'Priya leads with 12'],
    ['you lead', [standing('a', 5), standing('b', 4)], 'You lead with 5'],
    ['a tie', [standing('b', 3), standing('a', 3)], 'You and Priya lead with 3'],
  ])('%s', (_, standings, words) => {
    expect(leadWords(challengeView({ standings }), people, 'a')).toBe(words);
  });
});

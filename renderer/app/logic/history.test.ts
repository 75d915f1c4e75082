import { describe, expect, it } from 'vitest';
import { matchesFilter, NO_FILTER, outcomeFor, serverFilter, streakLabel, winStreak } from './history.ts';
import { endedChallenge } from './test-fixtures.ts';

const won = endedChallenge('1', { a: 5, b: 3 });
const lost = endedChallenge('2', { a: 1, b: 3 });
const tied = endedChallenge('3', { a: 2, b: 2 });
const withoutA = endedChallenge('4', { b: 2, c: 1 }, { metric: 'appointment' });
const nobodyScored = endedChallenge('6', { a: 0, b: 0 });

describe('outcome', () => {
  it.each([
    [won, 'won'],
    [lost, 'lost'],
    [tied, 'tied'],
    [withoutA, null],
    // 0 to 0 was shown as lost for everyone; it is no result.
    [nobodyScored, 'no-result'],
  ])('%#: %s', (challenge, outcome) => {
    expect(outcomeFor(challenge, 'a')).toBe(outcome);
  });

  it('counts a declined participant as not taking part', () => {
    const declined = endedChallenge(
      '5',
      { a: 0, b: 3 },
      {
        participants: [
          { memberId: 'a', declined: true },
          { memberId: 'b', declined: false },
        ],
      },
    );
    expect(outcomeFor(declined, 'a')).toBeNull();
  });
});

describe('filters', () => {
  const all = [won, lost, tied, withoutA, nobodyScored];
  it.each([
    [{ ...NO_FILTER, outcome: 'won' as const }, ['1']],
    [{ ...NO_FILTER, outcome: 'tied' as const }, ['3']],
    [{ ...NO_FILTER, outcome: 'lost' as const }, ['2']],
    [{ ...NO_FILTER, outcome: 'no-result' as const }, ['6']],
    [{ ...NO_FILTER, metric: 'appointment' }, ['4']],
    [{ ...NO_FILTER, partnerId: 'c' }, ['4']],
    [NO_FILTER, ['1', '2', '3', '4', '6']],
  ])('%j keeps %j', (filter, ids) => {
    expect(all.filter((c) => matchesFilter(c, filter, 'a')).map((c) => c.id)).toEqual(ids);
  });

  it('hands metric and partner to the relay, never the outcome', () => {
    expect(serverFilter({ metric: 'call', partnerId: 'b', outcome: 'won' })).toEqual({
      metric: 'call',
      memberId: 'b',
    });
    expect(serverFilter(NO_FILTER)).toEqual({});
  });
});

describe('win streak', () => {
  it('counts wins from the newest back, skipping challenges the member sat out', () => {
    expect(winStreak([won, withoutA, won, lost, won], 'a', true)).toEqual({ count: 2, open: false });
  });

  it('is open ("at least") when every loaded one was a win and more are not loaded', () => {
    expect(winStreak([won, won], 'a', false)).toEqual({ count: 2, open: true });
  });

  it('a 0 to 0 neither ends nor extends a streak', () => {
    expect(winStreak([won, nobodyScored, won, lost], 'a', true)).toEqual({ count: 2, open: false });
  });

  it('a tie ends a streak', () => {
    expect(winStreak([tied, won], 'a', true).count).toBe(0);
  });

  it.each([
    [{ count: 0, open: false }, 'no current streak'],
    [{ count: 1, open: false }, '1 win in a row'],
    [{ count: 3, open: true }, '3+ wins in a row'],
  ])('%j reads "%s"', (streak, words) => {
    expect(streakLabel(streak)).toBe(words);
  });
});

import { describe, expect, it } from 'vitest';
import { challengeView } from './test-fixtures.ts';
import type { Member } from '../../../core/types.ts';
import { AWAY_AFTER_MS, isAway, offlineRaces } from './offline-race.ts';

const you = { id: 'a' } as Member;
const race = challengeView({
  id: 'r',
  title: 'Race to 20 calls',
  format: 'race',
  target: 20,
  start: 0,
  end: 1000,
});

describe('offlineRaces', () => {
  it.each<[string, Parameters<typeof challengeView>[0], string[]]>([
    ['a running race you are in', {}, ['Race to 20 calls']],
    ['a most-wins challenge', { format: 'most', target: null }, []],
    ['a race you declined', { participants: [{ memberId: 'a', declined: true }] }, []],
    ['a race that has not started', { start: 600 }, []],
    ['a race whose window is over', { end: 500 }, []],
    ['a race already won', { status: 'ended' }, []],
  ])('%s', (_case, over, expected) => {
    expect(offlineRaces({ you, challenges: [{ ...race, ...over }] }, 500)).toEqual(expected);
  });
});

describe('isAway', () => {
  it.each<[string, 'offline' | 'connecting' | 'online', number, boolean]>([
    ['online', 'online', 60_000, false],
    ['offline at once', 'offline', 0, true],
    ['connecting just now (a page load)', 'connecting', AWAY_AFTER_MS - 1, false],
    ['connecting for a while', 'connecting', AWAY_AFTER_MS, true],
  ])('%s', (_case, connection, elapsed, expected) => {
    expect(isAway(connection, 1_000, 1_000 + elapsed)).toBe(expected);
  });
});

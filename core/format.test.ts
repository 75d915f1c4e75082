import { describe, expect, it } from 'vitest';
import { describeResult, formatInstant, formatTimeLeft } from './format.ts';
import { metricNoun } from './metrics.ts';
import type { ChallengeFormat, ChallengeResult } from './types.ts';

describe('formatTimeLeft', () => {
  const S = 1000;
  const M = 60 * S;
  const H = 60 * M;
  const D = 24 * H;
  it.each([
    [2 * D + 4 * H + 30 * M, '2d 4h'],
    [1 * D, '1d 0h'],
    [3 * H + 5 * M, '3h 05m'],
    [23 * H + 59 * M + 59 * S, '23h 59m'],
    [12 * M + 30 * S, '12m'],
    [60 * S, '1m'],
    [45 * S, '45s'],
    [1, '1s'],
    [0, 'ended'],
    [-5 * M, 'ended'],
    [Number.NaN, 'ended'],
  ])('%d ms → %s', (ms, expected) => {
    expect(formatTimeLeft(ms)).toBe(expected);
  });
});

describe('formatInstant', () => {
  it.each([
    ['2026-11-27T16:00:00Z', 'Europe/Berlin', 'Fri 27 Nov 17:00'],
    ['2026-11-27T16:00:00Z', 'America/New_York', 'Fri 27 Nov 11:00'],
    ['2026-09-04T18:30:00Z', 'Asia/Kolkata', 'Sat 5 Sep 00:00'],
    ['2026-03-29T01:00:00Z', 'Europe/Berlin', 'Sun 29 Mar 03:00'],
    ['2026-06-30T11:15:00Z', 'Pacific/Chatham', 'Wed 1 Jul 00:00'],
  ])('%s in %s → %s', (instant, zone, expected) => {
    expect(formatInstant(Date.parse(instant), zone)).toBe(expected);
  });
});

describe('describeResult', () => {
  const names = (id: string) => ({ sam: 'Sam', kim: 'Kim', lee: 'Lee' })[id] ?? id;
  const result = (
    winners: string[],
    tie: boolean,
    margin: number,
    counts: [string, number][],
  ): ChallengeResult => ({
    challengeId: 'c1',
    reason: 'time',
    winners,
    tie,
    margin,
    endedAt: 0,
    standings: counts.map(([memberId, count], i) => ({ memberId, count, rank: i + 1, reachedAt: null })),
  });

  it.each<[string, ChallengeResult, ChallengeFormat | undefined, string]>([
    [
      'you won',
      result(['me'], false, 4, [
        ['me', 27],
        ['sam', 23],
      ]),
      'most',
      'You won 27 to 23 (+4)',
    ],
    [
      'someone else won',
      result(['sam'], false, 5, [
        ['sam', 30],
        ['me', 25],
      ]),
      undefined,
      'Sam won 30 to 25 (+5)',
    ],
    ['alone in the standings', result(['me'], false, 6, [['me', 6]]), 'most', 'You won with 6 calls'],
    [
      'tied with everyone',
      result(['me', 'sam'], true, 0, [
        ['me', 12],
        ['sam', 12],
      ]),
      'most',
      'Tied at 12',
    ],
    [
      'a tie that leaves someone out',
      result(['sam', 'me', 'kim'], true, 0, [
        ['sam', 8],
        ['me', 8],
        ['kim', 8],
        ['lee', 2],
      ]),
      'most',
      'You, Sam and Kim tied at 8',
    ],
    [
      'nobody scored',
      result([], false, 0, [
        ['me', 0],
        ['sam', 0],
      ]),
      'most',
      'No result: nobody scored',
    ],
    [
      'a goal nobody scored in',
      result([], false, 0, [
        ['me', 0],
        ['sam', 0],
      ]),
      'goal',
      'No result: nobody scored',
    ],
    [
      'a race nobody finished',
      result([], false, 0, [
        ['sam', 9],
        ['me', 4],
      ]),
      'race',
      'Nobody reached the target; Sam got furthest with 9 calls',
    ],
    [
      'a goal nobody made',
      result([], false, 0, [
        ['me', 19],
        ['sam', 4],
      ]),
      'goal',
      'Nobody reached the goal; You got furthest with 19 calls',
    ],
    [
      'a goal one member made',
      result(['me'], false, 6, [
        ['me', 26],
        ['sam', 12],
      ]),
      'goal',
      'You reached the goal with 26 calls (+6)',
    ],
    [
      'a goal several made, format unknown',
      result(['sam', 'me'], false, 3, [
        ['sam', 23],
        ['me', 20],
      ]),
      undefined,
      'You and Sam reached the goal',
    ],
  ])('%s', (_name, r, format, expected) => {
    expect(describeResult(r, 'me', names, 'calls', format)).toBe(expected);
  });
});

describe('metricNoun', () => {
  it.each([
    ['call', 'Calls', 1, 'call'],
    ['call', 'Calls', 3, 'calls'],
    ['proposal', 'Proposal presentations', 2, 'proposal presentations'],
    ['demo', 'Product demos', 1, 'product demo'],
    ['demo', 'Product demos', 2, 'product demos'],
    ['visit', 'Visit', 2, 'visits'],
    ['process', 'Business process', 1, 'business process'],
  ])('%s (%s) x%d is "%s"', (id, label, count, expected) => {
    expect(metricNoun({ id, label, needsMeetingDate: false, builtIn: false }, count)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { BUILT_IN_METRICS } from '../../../core/metrics.ts';
import type { ChallengeView } from '../../../core/types.ts';
import { DAY, HOUR, challenge, member } from '../testing/fixtures.ts';
import { scoreLine, shortWhen } from './score-line.ts';

const ZONE = 'Europe/Berlin';
// Wednesday 25 Nov 2026, 11:00 in Berlin.
const NOW = Date.parse('2026-11-25T10:00:00Z');
const WEEK_START = Date.parse('2026-11-22T23:00:00Z');
const WEEK_END = WEEK_START + 7 * DAY;
const FRI_1700 = Date.parse('2026-11-27T16:00:00Z');
const members = [member('me', 'Alex'), member('sam'), member('kim'), member('lee')];
const names = (id: string) => members.find((m) => m.id === id)?.displayName ?? id;

describe('shortWhen', () => {
  it.each([
    ['2026-11-25T16:00:00Z', '17:00'],
    ['2026-11-26T08:00:00Z', 'Thu 09:00'],
    ['2026-12-01T22:59:00Z', 'Tue 23:59'],
    ['2026-12-02T08:00:00Z', '2 Dec'],
    ['2026-11-20T08:00:00Z', '20 Nov'],
  ])('%s reads %s', (instant, text) => {
    expect(shortWhen(Date.parse(instant), NOW, ZONE)).toBe(text);
  });
});

describe('scoreLine', () => {
  const line = (c: ChallengeView, now = NOW) => scoreLine(c, 'me', names, BUILT_IN_METRICS, ZONE, now);
  it.each<[string, ChallengeView, string]>([
    [
      'most, two of you',
      challenge({
        period: { kind: 'instants', start: WEEK_START, end: FRI_1700 },
        end: FRI_1700,
        scores: [
          ['me', 23],
          ['sam', 27],
        ],
      }),
      'Calls: you 23, Sam 27, ends Fri 17:00',
    ],
    [
      'this week',
      challenge({
        start: WEEK_START,
        scores: [
          ['me', 23],
          ['sam', 27],
        ],
      }),
      'Calls this week: you 23, Sam 27, ends Mon 00:00',
    ],
    [
      'ending today shows the hour only',
      challenge({
        period: { kind: 'today' },
        start: NOW - HOUR,
        end: NOW + 5 * HOUR,
        scores: [
          ['me', 4],
          ['sam', 2],
        ],
      }),
      'Calls today: you 4, Sam 2, ends 16:00',
    ],
    [
      'ending in weeks shows the date',
      challenge({
        period: { kind: 'this-quarter' },
        start: NOW - DAY,
        end: Date.parse('2026-12-31T23:00:00Z'),
        scores: [
          ['me', 40],
          ['sam', 31],
        ],
      }),
      'Calls this quarter: you 40, Sam 31, ends 1 Jan',
    ],
    [
      'race',
      challenge({
        format: 'race',
        target: 50,
        start: WEEK_START,
        scores: [
          ['me', 23],
          ['sam', 27],
        ],
      }),
      'Race to 50 calls: you 23, Sam 27',
    ],
    [
      'goal',
      challenge({
        format: 'goal',
        target: 10,
        metric: 'appointment',
        start: WEEK_START,
        scores: [
          ['me', 3],
          ['sam', 5],
        ],
      }),
      'Goal 10 appointments: you 3, Sam 5, ends Mon 00:00',
    ],
    [
      'scheduled',
      challenge({
        status: 'scheduled',
        start: WEEK_END + 9 * HOUR,
        end: WEEK_END + 5 * DAY,
        scores: [
          ['me', 0],
          ['sam', 0],
        ],
      }),
      'Calls this week: starts Mon 09:00',
    ],
    [
      'four of you and you lead: the nearest rival',
      challenge({
        start: WEEK_START,
        scores: [
          ['me', 30],
          ['sam', 27],
          ['kim', 12],
          ['lee', 28],
        ],
      }),
      'Calls this week: you 30, Lee 28, ends Mon 00:00',
    ],
    [
      'four of you and you trail: the leader',
      challenge({
        start: WEEK_START,
        scores: [
          ['me', 20],
          ['sam', 27],
          ['kim', 35],
          ['lee', 28],
        ],
      }),
      'Calls this week: you 20, Kim 35, ends Mon 00:00',
    ],
    [
      'alone in it',
      challenge({ start: WEEK_START, scores: [['me', 3]] }),
      'Calls this week: you 3, ends Mon 00:00',
    ],
  ])('%s', (_, c, expected) => {
    expect(line(c)).toBe(expected);
  });

  it('shortens a long name but never the numbers', () => {
    const long = (id: string) => (id === 'sam' ? 'Samantha Alexandra Featherstonehaugh-Smythe' : id);
    const c = challenge({
      start: WEEK_START,
      scores: [
        ['me', 123],
        ['sam', 456],
      ],
    });
    const text = scoreLine(c, 'me', long, BUILT_IN_METRICS, ZONE, NOW);
    expect(text).toBe('Calls this week: you 123, Samantha Al… 456, ends Mon 00:00');
    expect(text.length).toBeLessThanOrEqual(60);
  });
});

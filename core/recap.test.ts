import { describe, expect, it } from 'vitest';
import { lastWeekStart, weeklyRecap, type RecapDay, type RecapInput } from './recap.ts';
import { startOfLocalDay } from './time-window.ts';
import type { Challenge, ChallengeResult, WeekStart } from './types.ts';

const ZONE = 'America/New_York';
const day = (memberId: string, d: string, count: number, metric = 'call'): RecapDay => ({
  memberId,
  metric,
  day: d,
  count,
});

function ended(id: string, endDay: string, scores: Record<string, number>, declined: string[] = []) {
  const end = startOfLocalDay(endDay, ZONE) + 17 * 3_600_000;
  const challenge: Challenge = {
    id,
    packId: 'p',
    creatorId: 'a',
    title: `Challenge ${id}`,
    stake: null,
    metric: 'call',
    format: 'most',
    target: null,
    period: { kind: 'instants', start: end - 3_600_000, end },
    start: end - 3_600_000,
    end,
    horizon: null,
    participants: Object.keys(scores).map((memberId) => ({
      memberId,
      declined: declined.includes(memberId),
    })),
    status: 'ended',
    createdAt: end - 3_600_000,
    endedAt: end + 60_000,
    repeat: null,
  };
  const top = Math.max(...Object.values(scores));
  const winners = top === 0 ? [] : Object.keys(scores).filter((m) => scores[m] === top);
  const result: ChallengeResult = {
    challengeId: id,
    reason: 'time',
    winners,
    tie: winners.length > 1,
    standings: Object.entries(scores).map(([memberId, count]) => ({
      memberId,
      count,
      rank: 1,
      reachedAt: null,
    })),
    margin: 0,
    endedAt: end + 60_000,
  };
  return { challenge, result };
}

const base = (over: Partial<RecapInput> = {}): RecapInput => ({
  day: '2026-03-02',
  timeZone: ZONE,
  weekStart: 1,
  memberIds: ['a', 'b'],
  metrics: ['call', 'proposal'],
  days: [],
  targets: new Map(),
  challenges: [],
  ...over,
});

describe('weeklyRecap', () => {
  it('counts the week against the week before, per member and metric', () => {
    const recap = weeklyRecap(
      base({
        days: [
          day('a', '2026-02-24', 4),
          day('a', '2026-03-02', 3),
          day('a', '2026-03-08', 2),
          // The next week's Monday is not in it.
          day('a', '2026-03-09', 50),
          day('b', '2026-02-27', 1, 'proposal'),
        ],
      }),
    );
    expect(recap).toMatchObject({
      weekStart: '2026-03-02',
      weekEnd: '2026-03-08',
      previousWeekStart: '2026-02-23',
      timeZone: ZONE,
    });
    expect(recap.members.map((m) => m.counts)).toEqual([
      [
        { metric: 'call', week: 5, previousWeek: 4 },
        { metric: 'proposal', week: 0, previousWeek: 0 },
      ],
      [
        { metric: 'call', week: 0, previousWeek: 0 },
        { metric: 'proposal', week: 0, previousWeek: 1 },
      ],
    ]);
  });

  it.each<[string, WeekStart, string, string]>([
    ['a Wednesday, Monday weeks', 1, '2026-03-04', '2026-03-02'],
    ['a Sunday, Monday weeks', 1, '2026-03-08', '2026-03-02'],
    ['a Sunday, Sunday weeks', 0, '2026-03-08', '2026-03-08'],
    ['a Saturday, Sunday weeks', 0, '2026-03-07', '2026-03-01'],
  ])('names the week that holds %s', (_, weekStart, d, expected) => {
    expect(weeklyRecap(base({ day: d, weekStart })).weekStart).toBe(expected);
  });

  it('gives each member the challenges that ended in the week, from their side', () => {
    const recap = weeklyRecap(
      base({
        challenges: [
          ended('won-by-a', '2026-03-03', { a: 5, b: 2 }),
          ended('tied', '2026-03-05', { a: 3, b: 3 }),
          ended('nobody-scored', '2026-03-06', { a: 0, b: 0 }),
          // b declined: not b's challenge.
          ended('a-alone', '2026-03-04', { a: 1, b: 0 }, ['b']),
          // Ended the week before and the week after.
          ended('before', '2026-02-27', { a: 1, b: 0 }),
          ended('after', '2026-03-09', { a: 1, b: 0 }),
        ],
      }),
    );
    const [a, b] = recap.members;
    expect(a?.challenges.map((c) => `${c.challengeId} ${c.outcome}`)).toEqual([
      'won-by-a won',
      'tied tied',
      'nobody-scored no_result',
      'a-alone won',
    ]);
    expect(a).toMatchObject({ won: 2, lost: 0, tied: 1 });
    expect(b?.challenges.map((c) => `${c.challengeId} ${c.outcome}`)).toEqual([
      'won-by-a lost',
      'tied tied',
      'nobody-scored no_result',
    ]);
    expect(b).toMatchObject({ won: 0, lost: 1, tied: 1 });
  });

  it("reports streaks as they stood at the week's end, against each member's target", () => {
    const recap = weeklyRecap(
      base({
        days: [
          day('a', '2026-03-04', 3),
          day('a', '2026-03-05', 3),
          day('a', '2026-03-06', 3),
          // Later logs do not reach back into the recap.
          day('a', '2026-03-09', 3),
          day('b', '2026-03-05', 3),
          day('b', '2026-03-06', 2),
        ],
        targets: new Map([['b|call', 3]]),
      }),
    );
    expect(recap.members.map((m) => m.streaks[0])).toEqual([
      { metric: 'call', streak: 3 },
      { metric: 'call', streak: 0 },
    ]);
  });

  it('gives the streaks of a week still running as of today', () => {
    const days = [day('a', '2026-03-02', 1), day('a', '2026-03-03', 1)];
    const streakOn = (today?: string) => weeklyRecap(base({ days, today })).members[0]?.streaks[0]?.streak;
    // Tuesday met, Wednesday not yet: still alive today, broken by the week's end.
    expect(streakOn('2026-03-04')).toBe(2);
    expect(streakOn()).toBe(0);
    // A today past the week changes nothing of a week gone by.
    expect(streakOn('2026-03-20')).toBe(0);
  });
});

describe('lastWeekStart', () => {
  it("is the week before the current one in the pack's zone", () => {
    // Monday 2026-03-09 03:00 UTC is still Sunday the 8th in New York.
    const now = Date.UTC(2026, 2, 9, 3);
    expect(lastWeekStart(now, ZONE, 1)).toBe('2026-02-23');
    expect(lastWeekStart(now, 'Europe/Berlin', 1)).toBe('2026-03-02');
    expect(lastWeekStart(now, ZONE, 0)).toBe('2026-03-01');
  });
});

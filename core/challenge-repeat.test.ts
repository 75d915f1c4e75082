import { describe, expect, it } from 'vitest';
import { buildChallenge, nextWeekOf } from './challenge-rules.ts';
import { BUILT_IN_METRICS } from './metrics.ts';
import { addDays, horizonMonthsOf, localDateOf } from './time-window.ts';
import type { Challenge, EpochMs, Horizon, Pack, WeekStart } from './types.ts';

const ANN = '00000000-0000-4000-8000-00000000000a';
const BOB = '00000000-0000-4000-8000-00000000000b';

const packIn = (timeZone: string, weekStart: WeekStart): Pack => ({
  id: 'p1',
  name: 'Wolves',
  timeZone,
  weekStart,
  ownerId: ANN,
  createdAt: 0,
});

/** A weekly forward-appointment challenge, as challenge:create makes it at `now`. */
function weekly(pack: Pack, now: EpochMs, horizonMonths: number): Challenge {
  const built = buildChallenge(
    {
      metric: 'forward_appointment',
      format: 'most',
      period: { kind: 'this-week' },
      horizonMonths,
      repeat: 'weekly',
    },
    {
      id: 'c1',
      now,
      pack,
      members: [ANN, BOB].map((id) => ({
        id,
        packId: pack.id,
        displayName: id,
        role: 'member',
        joinedAt: 0,
        active: true,
      })),
      metrics: [...BUILT_IN_METRICS],
      creatorId: ANN,
    },
  );
  if (!built.ok) throw new Error(built.error.message);
  return built.challenge;
}

describe('the next week of a weekly challenge with a horizon', () => {
  it.each<[string, string, WeekStart, string, number, Horizon]>([
    // Moving the old horizon by 7 days gives 5 March: 3 days too late, past the clamp to 1 March.
    [
      'a week closing on 1 February',
      'America/New_York',
      1,
      '2026-01-21T17:00:00Z',
      1,
      { from: '2026-01-26', to: '2026-03-02' },
    ],
    // 22 March + 1 month moved by 7 days is 30 March; a new challenge counts up to 1 April.
    [
      'a week closing on 1 March',
      'America/New_York',
      1,
      '2026-02-18T17:00:00Z',
      1,
      { from: '2026-02-23', to: '2026-04-02' },
    ],
    // The window that follows loses an hour to spring forward (8 March).
    [
      'a week holding spring forward',
      'America/New_York',
      1,
      '2026-03-04T17:00:00Z',
      3,
      { from: '2026-03-09', to: '2026-06-16' },
    ],
    // A Sunday week that opens on the fall-back day and closes on 31 October: 30 November clamps.
    [
      'a week holding fall back, closing on 31 October',
      'Europe/Berlin',
      0,
      '2026-10-21T10:00:00Z',
      1,
      { from: '2026-10-25', to: '2026-12-01' },
    ],
    [
      'a southern week holding the end of summer time',
      'Australia/Sydney',
      1,
      '2026-03-25T01:00:00Z',
      2,
      { from: '2026-03-30', to: '2026-06-06' },
    ],
    // Over the new year into February: 3 March 2027, not 27 February moved to 6 March.
    [
      'a week over the new year',
      'Europe/Berlin',
      1,
      '2026-12-23T10:00:00Z',
      2,
      { from: '2026-12-28', to: '2027-03-04' },
    ],
  ])('%s (%s)', (_name, zone, weekStart, createdAt, months, expected) => {
    const pack = packIn(zone, weekStart);
    const first = weekly(pack, Date.parse(createdAt), months);
    const next = nextWeekOf(first, first.end, pack);
    expect(next.horizon).toEqual(expected);
    // Exactly what creating the challenge anew at the start of that week would make.
    const anew = weekly(pack, next.start, months);
    expect(next).toEqual({ start: anew.start, end: anew.end, horizon: anew.horizon });
    expect(localDateOf(next.start, zone)).toBe(expected.from);
  });

  it('stays exact week after week, across month ends, for every horizon length', () => {
    const pack = packIn('America/New_York', 1);
    for (const months of [1, 2, 3, 6, 12, 24]) {
      let challenge = weekly(pack, Date.parse('2026-01-07T17:00:00Z'), months);
      for (let week = 0; week < 60; week++) {
        const next = nextWeekOf(challenge, challenge.end, pack);
        const anew = weekly(pack, next.start, months);
        expect(next.horizon, `${months} months, week ${week}`).toEqual(anew.horizon);
        challenge = { ...challenge, ...next };
      }
    }
  });

  it('is the week after the relay came back when it was down for longer than a week', () => {
    const pack = packIn('Europe/Berlin', 1);
    const first = weekly(pack, Date.parse('2026-01-21T10:00:00Z'), 1);
    const back = Date.parse('2026-02-11T10:00:00Z');
    expect(nextWeekOf(first, back, pack)).toEqual(
      (({ start, end, horizon }) => ({ start, end, horizon }))(weekly(pack, back, 1)),
    );
  });

  it('gives back its months from a horizon that an older relay moved by whole weeks', () => {
    const pack = packIn('America/New_York', 1);
    const first = weekly(pack, Date.parse('2026-01-21T17:00:00Z'), 1);
    // The old rule's horizon for that week: 3 days past the exact one.
    const drifted = { ...first, horizon: { from: '2026-01-19', to: addDays('2026-02-26', 3) } };
    expect(horizonMonthsOf(drifted, drifted.horizon, pack.timeZone)).toBe(1);
    expect(nextWeekOf(drifted, drifted.end, pack).horizon).toEqual({ from: '2026-01-26', to: '2026-03-02' });
  });

  it('has no horizon when the challenge had none', () => {
    const pack = packIn('America/New_York', 1);
    const first = { ...weekly(pack, Date.parse('2026-01-21T17:00:00Z'), 1), horizon: null };
    expect(nextWeekOf(first, first.end, pack).horizon).toBeNull();
  });
});

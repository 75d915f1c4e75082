import { describe, expect, it } from 'vitest';
import { decideResult, seedRows, type SeedEvent } from './tally.ts';
import type { Challenge } from './types.ts';

const T = Date.parse('2026-03-04T09:00:00Z');
const log = (memberId: string, count: number, minutes: number): SeedEvent => ({
  memberId,
  count,
  receivedAt: T + minutes * 60_000,
});

const race: Challenge = {
  id: 'c1',
  packId: 'p1',
  creatorId: 'ann',
  repeat: null,
  title: 'Race to 10 calls today',
  stake: null,
  metric: 'call',
  format: 'race',
  target: 10,
  period: { kind: 'today' },
  start: T - 3_600_000,
  end: T + 86_400_000,
  horizon: null,
  participants: [
    { memberId: 'ann', declined: false },
    { memberId: 'bob', declined: false },
  ],
  status: 'active',
  createdAt: T + 600 * 60_000,
  endedAt: null,
};

describe('seeding the tallies of a challenge made after the logs', () => {
  it.each<{
    name: string;
    events: SeedEvent[];
    target: number | null;
    reached: Record<string, number | null>;
  }>([
    {
      name: 'the log that took the running total to the target decides, not the last one',
      events: [log('ann', 6, 0), log('bob', 9, 1), log('ann', 4, 2), log('bob', 6, 3), log('ann', 2, 4)],
      target: 10,
      reached: { ann: T + 2 * 60_000, bob: T + 3 * 60_000 },
    },
    {
      name: 'a member short of the target has not reached it',
      events: [log('ann', 12, 0), log('bob', 9, 1)],
      target: 10,
      reached: { ann: T, bob: null },
    },
    {
      name: 'two finishers in one millisecond: the one stored first keeps it, the other comes 1 ms after',
      events: [log('bob', 10, 5), log('ann', 10, 5)],
      target: 10,
      reached: { bob: T + 5 * 60_000, ann: T + 5 * 60_000 + 1 },
    },
    {
      name: 'stored later with an earlier clock (another node): stored order still ranks it after',
      events: [log('ann', 10, 5), log('bob', 10, 4)],
      target: 10,
      reached: { ann: T + 5 * 60_000, bob: T + 5 * 60_000 + 1 },
    },
    {
      name: 'without a target nothing is reached',
      events: [log('ann', 12, 0), log('bob', 15, 1)],
      target: null,
      reached: { ann: null, bob: null },
    },
  ])('$name', ({ events, target, reached }) => {
    const rows = seedRows(events, target);
    expect(Object.fromEntries(rows.map((r) => [r.memberId, r.reachedAt]))).toEqual(reached);
  });

  it('sums each member in full, whenever they reached the target', () => {
    const rows = seedRows([log('ann', 6, 0), log('bob', 9, 1), log('ann', 6, 2), log('bob', 6, 3)], 10);
    expect(Object.fromEntries(rows.map((r) => [r.memberId, r.count]))).toEqual({ ann: 12, bob: 15 });
  });

  it.each([
    { name: 'the first to the target wins alone, though the other logged more', order: ['ann', 'bob'] },
    { name: 'the same logs stored in the other order give the other winner', order: ['bob', 'ann'] },
  ])('$name', ({ order }) => {
    const [first = '', second = ''] = order;
    // Both passed 10 before the race was made; first made 12 and second 15.
    const events = [log(first, 10, 0), log(second, 10, 0), log(first, 2, 1), log(second, 5, 2)];
    const result = decideResult(race, seedRows(events, 10), race.createdAt, 'target');
    expect(result).toMatchObject({ winners: [first], tie: false });
  });
});

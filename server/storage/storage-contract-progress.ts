/**
 * The storage contract for streaks and personal bests: one member's day totals of one metric,
 * and daily targets. Run by storage-contract.ts against every backend.
 */
import { expect, it } from 'vitest';
import type { ContractEnv } from './storage-contract.ts';
import { seedPack } from './storage-contract-fixtures.ts';

export function progressContract(env: ContractEnv): void {
  it("reads one member's day totals of one metric, oldest first, leaving out days undone to 0", async () => {
    const { pack, members } = await seedPack(env.storage);
    const [a, b] = members;
    if (!a || !b) throw new Error('two members expected');
    const other = await seedPack(env.storage);
    await env.storage.transaction(async (q) => {
      await q.addDailyCount(pack.id, a.id, 'call', '2026-03-03', 3);
      await q.addDailyCount(pack.id, a.id, 'call', '2026-03-02', 2);
      await q.addDailyCount(pack.id, a.id, 'call', '2026-03-04', 1);
      await q.addDailyCount(pack.id, a.id, 'call', '2026-03-04', -1);
      await q.addDailyCount(pack.id, a.id, 'proposal', '2026-03-02', 4);
      await q.addDailyCount(pack.id, b.id, 'call', '2026-03-02', 9);
      // The same member id under another pack is not this pack's history.
      await q.addDailyCount(other.pack.id, a.id, 'call', '2026-03-02', 7);
    });
    const days = await env.storage.read((q) => q.memberDailyCounts(pack.id, a.id, 'call'));
    expect(days).toEqual([
      { memberId: a.id, metric: 'call', day: '2026-03-02', count: 2 },
      { memberId: a.id, metric: 'call', day: '2026-03-03', count: 3 },
    ]);
    expect(await env.storage.read((q) => q.memberDailyCounts(pack.id, a.id, 'appointment'))).toEqual([]);
  });

  it('stores a daily target per member and metric; setting it again replaces it', async () => {
    const { pack, members } = await seedPack(env.storage);
    const [a, b] = members;
    if (!a || !b) throw new Error('two members expected');
    expect(await env.storage.read((q) => q.dailyTargets(pack.id))).toEqual([]);
    await env.storage.transaction(async (q) => {
      await q.setDailyTarget(pack.id, a.id, 'call', 20);
      await q.setDailyTarget(pack.id, a.id, 'call', 25);
      await q.setDailyTarget(pack.id, a.id, 'proposal', 2);
      await q.setDailyTarget(pack.id, b.id, 'call', 10);
    });
    const sort = <T extends { memberId: string; metric: string }>(rows: T[]) =>
      [...rows].sort((x, y) => `${x.memberId}${x.metric}`.localeCompare(`${y.memberId}${y.metric}`));
    expect(sort(await env.storage.read((q) => q.dailyTargets(pack.id, a.id)))).toEqual([
      { memberId: a.id, metric: 'call', target: 25 },
      { memberId: a.id, metric: 'proposal', target: 2 },
    ]);
    expect(sort(await env.storage.read((q) => q.dailyTargets(pack.id)))).toEqual(
      sort([
        { memberId: a.id, metric: 'call', target: 25 },
        { memberId: a.id, metric: 'proposal', target: 2 },
        { memberId: b.id, metric: 'call', target: 10 },
      ]),
    );
  });

  it('rolls a target back with its transaction', async () => {
    const { pack, members } = await seedPack(env.storage);
    const a = members[0];
    if (!a) throw new Error('no member');
    await expect(
      env.storage.transaction(async (q) => {
        await q.setDailyTarget(pack.id, a.id, 'call', 5);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await env.storage.read((q) => q.dailyTargets(pack.id))).toEqual([]);
  });
}

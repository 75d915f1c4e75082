import { expect, it } from 'vitest';
import type { ContractEnv } from './storage-contract.ts';
import { challengeOf, eventOf, seedPack, sleep } from './storage-contract-fixtures.ts';
import type { Storage } from './types.ts';

/** Two storages on one database behave like two relay nodes. */
async function twoNodes(env: ContractEnv): Promise<[Storage, Storage]> {
  return [env.storage, await env.target.open()];
}

export function concurrencyContract(env: ContractEnv): void {
  it('lets exactly one of ten concurrent claims on two nodes end a challenge', async () => {
    const nodes = await twoNodes(env);
    const seeded = await seedPack(env.storage);
    const made = challengeOf(seeded);
    await env.storage.transaction((q) => q.insertChallenge(made));
    // No pack lock here: the conditional update alone must decide, as it does for the scheduler.
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (nodes[i % 2] as Storage).transaction((q) =>
          q.claimStatus(made.id, ['scheduled', 'active'], 'ended', 1000 + i),
        ),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    const ended = await env.storage.read((q) => q.getChallenge(made.id));
    expect(ended?.endedAt).toBe(1000 + claims.indexOf(true));
  });

  it('serialises read-modify-write transactions of one pack across nodes: no update is lost', async () => {
    const nodes = await twoNodes(env);
    const seeded = await seedPack(env.storage);
    const member = seeded.members[0];
    if (!member) throw new Error('no member');
    const made = challengeOf(seeded);
    await env.storage.transaction((q) => q.insertChallenge(made));
    const writers = 6;
    await Promise.all(
      Array.from({ length: writers }, (_, i) =>
        (nodes[i % 2] as Storage).transaction(
          async (q) => {
            const row = (await q.participants(made.id)).find((r) => r.memberId === member.id);
            // Long enough that, without the lock, every writer would read the same count.
            await sleep(25);
            await q.setTally(made.id, { memberId: member.id, count: (row?.count ?? 0) + 1, reachedAt: null });
          },
          { lock: seeded.pack.id },
        ),
      ),
    );
    const rows = await env.storage.read((q) => q.participants(made.id));
    expect(rows.find((r) => r.memberId === member.id)?.count).toBe(writers);
  });

  it('counts an event id once when two nodes insert it at the same moment', async () => {
    const nodes = await twoNodes(env);
    const seeded = await seedPack(env.storage);
    const member = seeded.members[0];
    if (!member) throw new Error('no member');
    const event = eventOf(member);
    const results = await Promise.all(
      nodes.map((node) => node.transaction((q) => q.insertEvent(event), { lock: seeded.pack.id })),
    );
    expect(results.filter((r) => r.inserted)).toHaveLength(1);
    expect(new Set(results.map((r) => r.seq)).size).toBe(1);
  });

  it('rolls back a transaction that throws, and releases its pack for the next writer', async () => {
    const seeded = await seedPack(env.storage);
    const member = seeded.members[0];
    if (!member) throw new Error('no member');
    const event = eventOf(member);
    const failing = env.storage.transaction(
      async (q) => {
        await q.insertEvent(event);
        throw new Error('refused');
      },
      { lock: seeded.pack.id },
    );
    await expect(failing).rejects.toThrow('refused');
    expect(await env.storage.read((q) => q.getEvent(event.id))).toBeNull();
    const again = await env.storage.transaction((q) => q.insertEvent(event), { lock: seeded.pack.id });
    expect(again.inserted).toBe(true);
  });

  // SQLite has one connection and one writer: its packs take turns, which is correct, only slower.
  if (!env.backend.packsInParallel) return;
  it('runs transactions of different packs alongside each other', async () => {
    const [one, two] = await Promise.all([seedPack(env.storage), seedPack(env.storage)]);
    // Each waits (bounded) inside its transaction for the other to arrive: taking turns never meets.
    let arrived = 0;
    const enter = async (): Promise<boolean> => {
      arrived += 1;
      for (let waited = 0; waited < 2000 && arrived < 2; waited += 5) await sleep(5);
      return arrived === 2;
    };
    const met = await Promise.all([
      env.storage.transaction(enter, { lock: one.pack.id }),
      env.storage.transaction(enter, { lock: two.pack.id }),
    ]);
    expect(met).toEqual([true, true]);
  });
}

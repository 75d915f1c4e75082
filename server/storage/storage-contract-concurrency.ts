import { expect, it } from 'vitest';
import type { ContractEnv } from './storage-contract.ts';
import { challengeOf, eventOf, seedPack, sleep } from './storage-contract-fixtures.ts';
import { EventIdTaken, type Storage } from './types.ts';

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
    const results = await Promise.allSettled(
      nodes.map((node) => node.transaction(async (q) => q.appendEvent(event), { lock: seeded.pack.id })),
    );
    const stored = await env.storage.read((q) => q.getEvent(event.id));
    const stores = results.filter((r) => r.status === 'fulfilled');
    const refusals = results.filter((r) => r.status === 'rejected');
    expect(stores.map((r) => r.value)).toEqual([stored?.seq]);
    expect(refusals.map((r) => r.reason)).toEqual([expect.any(EventIdTaken)]);
  });

  it('keeps each shared transaction to its own fate when many packs write at once', async () => {
    const seeded = await Promise.all(Array.from({ length: 8 }, () => seedPack(env.storage)));
    const owners = seeded.map((s) => {
      const owner = s.members[0];
      if (!owner) throw new Error('no member');
      return owner;
    });
    const events = owners.map((owner) => eventOf(owner));
    const outcomes = await Promise.allSettled(
      seeded.map((s, i) =>
        env.storage.transaction(
          async (q) => {
            const seq = q.appendEvent(events[i] as (typeof events)[number]);
            await q.addDailyCount(s.pack.id, owners[i]?.id ?? '', 'call', '2026-12-01', 1);
            if (i % 3 === 1) throw new Error(`pack ${i} refused`);
            return { seq };
          },
          { lock: s.pack.id, shared: true },
        ),
      ),
    );
    for (const [i, outcome] of outcomes.entries()) {
      const event = events[i];
      if (!event) throw new Error('no event');
      const stored = await env.storage.read((q) => q.getEvent(event.id));
      const counts = await env.storage.read((q) => q.dailyCounts(event.packId, '2026-12-01', '2026-12-01'));
      if (i % 3 === 1) {
        expect(outcome).toEqual({ status: 'rejected', reason: new Error(`pack ${i} refused`) });
        expect([stored, counts]).toEqual([null, []]);
      } else {
        if (outcome.status !== 'fulfilled') throw new Error(`pack ${i} should stand`);
        expect(await outcome.value.seq).toBe(stored?.seq);
        expect(counts.map((c) => c.count)).toEqual([1]);
      }
    }
  });

  it('shows a flushLater commit to other nodes at once, and answers many durable() calls', async () => {
    const [, other] = await twoNodes(env);
    const seeded = await seedPack(env.storage);
    const member = seeded.members[0];
    if (!member) throw new Error('no member');
    const events = Array.from({ length: 5 }, () => eventOf(member));
    await Promise.all(
      events.map((e) =>
        env.storage.transaction(async (q) => void q.appendEvent(e), {
          lock: seeded.pack.id,
          shared: true,
          flushLater: true,
        }),
      ),
    );
    const seen = await other.read((q) => q.exportEvents(seeded.pack.id));
    expect(seen.map((e) => e.id).sort()).toEqual(events.map((e) => e.id).sort());
    await expect(Promise.all(Array.from({ length: 20 }, () => env.storage.durable()))).resolves.toHaveLength(
      20,
    );
  });

  it('sees its own writes to the locked pack within the transaction', async () => {
    const seeded = await seedPack(env.storage, 3);
    const [a, b, c] = seeded.members;
    if (!a || !b || !c) throw new Error('three members expected');
    const first = challengeOf(seeded);
    const second = challengeOf(seeded);
    const metric = { id: 'demo', label: 'Demos', needsMeetingDate: false, builtIn: false };
    const seen = await env.storage.transaction(
      async (q) => {
        const ids = async () => (await q.listOpenChallenges(seeded.pack.id)).map((ch) => ch.id).sort();
        const count = async (id: string) =>
          (await q.participants(id)).find((r) => r.memberId === a.id)?.count;
        const steps: unknown[] = [await ids(), (await q.listCustomMetrics(seeded.pack.id)).length];
        await q.insertChallenge(first);
        await q.insertChallenge(second);
        steps.push(await ids(), await count(first.id));
        await q.setTally(first.id, { memberId: a.id, count: 3, reachedAt: null });
        steps.push(await count(first.id), await count(second.id));
        await q.setDeclined(second.id, b.id);
        steps.push((await q.participants(second.id)).find((r) => r.memberId === b.id)?.declined);
        await q.claimStatus(second.id, ['active'], 'ended', 5);
        steps.push(await ids());
        await q.insertMetric(seeded.pack.id, metric);
        await q.setPackOwner(seeded.pack.id, c.id);
        steps.push(await q.listCustomMetrics(seeded.pack.id), (await q.getPack(seeded.pack.id))?.ownerId);
        return steps;
      },
      { lock: seeded.pack.id },
    );
    expect(seen).toEqual([[], 0, [first.id, second.id].sort(), 0, 3, 0, true, [first.id], [metric], c.id]);
  });

  it('rolls back a transaction that throws, and releases its pack for the next writer', async () => {
    const seeded = await seedPack(env.storage);
    const member = seeded.members[0];
    if (!member) throw new Error('no member');
    const event = eventOf(member);
    const failing = env.storage.transaction(
      async (q) => {
        await q.appendEvent(event);
        throw new Error('refused');
      },
      { lock: seeded.pack.id },
    );
    await expect(failing).rejects.toThrow('refused');
    expect(await env.storage.read((q) => q.getEvent(event.id))).toBeNull();
    const again = await env.storage.transaction(async (q) => q.appendEvent(event), { lock: seeded.pack.id });
    expect(again).toBeGreaterThan(0);
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

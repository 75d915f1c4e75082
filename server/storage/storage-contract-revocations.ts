import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Member } from '../../core/types.ts';
import type { ContractEnv } from './storage-contract.ts';
import { seedPack, type SeededPack } from './storage-contract-fixtures.ts';
import type { Storage } from './types.ts';

function nth(seeded: SeededPack, i: number): Member {
  const member = seeded.members[i];
  if (!member) throw new Error(`member ${i} expected`);
  return member;
}

/** Asks as a log would: a shared, flush-later transaction of new logs, the kind a storage may keep. */
const asLog = (storage: Storage, seeded: SeededPack, member: Member): Promise<boolean> =>
  storage.transaction((q) => q.isActiveMember(seeded.pack.id, member.id), {
    lock: seeded.pack.id,
    events: [],
    shared: true,
    flushLater: true,
    newLogs: true,
  });

/** Holds a transaction open until released, so that transactions started meanwhile wait together. */
function occupy(storage: Storage, seeded: SeededPack): { release(): void; done: Promise<unknown> } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  return { release, done: storage.transaction(() => gate, { lock: seeded.pack.id, shared: true }) };
}

/** Who may still write, and who and what each relay node must cut off. */
export function revocationContract(env: ContractEnv): void {
  it('says who is an active member of which pack, also within a transaction that changes it', async () => {
    const seeded = await seedPack(env.storage, 3);
    const elsewhere = await seedPack(env.storage, 1);
    const [owner, leaving] = [nth(seeded, 0), nth(seeded, 1)];
    const packId = seeded.pack.id;
    expect(await env.storage.read((q) => q.isActiveMember(packId, owner.id))).toBe(true);
    expect(await env.storage.read((q) => q.isActiveMember(elsewhere.pack.id, owner.id))).toBe(false);
    expect(await env.storage.read((q) => q.isActiveMember(packId, randomUUID()))).toBe(false);

    const newcomer: Member = { ...owner, id: randomUUID(), displayName: 'New', role: 'member' };
    const seen = await env.storage.transaction(
      async (q) => {
        const before = [
          await q.isActiveMember(packId, leaving.id),
          await q.isActiveMember(packId, newcomer.id),
        ];
        await q.deactivateMember(leaving.id, 1000);
        await q.insertMember(newcomer, `hash-${newcomer.id}`);
        return [
          ...before,
          await q.isActiveMember(packId, leaving.id),
          await q.isActiveMember(packId, newcomer.id),
        ];
      },
      { lock: packId },
    );
    expect(seen).toEqual([true, false, false, true]);
    const other = await env.target.open();
    expect(await other.read((q) => q.isActiveMember(packId, leaving.id))).toBe(false);
    expect(await other.read((q) => q.isActiveMember(packId, newcomer.id))).toBe(true);
  });

  it("sees another node's departure in its next log, also one written from what it kept of the pack", async () => {
    const packs = [await seedPack(env.storage), await seedPack(env.storage), await seedPack(env.storage)];
    const idle = [await seedPack(env.storage), await seedPack(env.storage)];
    const other = await env.target.open();
    // Twice each: the first reads the pack (and may keep it), the second may write from the copy.
    for (const seeded of packs) {
      expect([
        await asLog(env.storage, seeded, nth(seeded, 1)),
        await asLog(env.storage, seeded, nth(seeded, 1)),
      ]).toEqual([true, true]);
    }
    for (const seeded of packs) {
      await other.transaction((q) => q.deactivateMember(nth(seeded, 1).id, 1000), { lock: seeded.pack.id });
    }
    const [alone, grouped, groupedToo] = packs as [SeededPack, SeededPack, SeededPack];
    expect(await asLog(env.storage, alone, nth(alone, 1))).toBe(false);
    expect(await asLog(env.storage, alone, nth(alone, 0))).toBe(true);

    // With other transactions in flight, a storage that commits several packs' logs together does.
    const busy = idle.map((seeded) => occupy(env.storage, seeded));
    const asked = Promise.all([
      asLog(env.storage, grouped, nth(grouped, 1)),
      asLog(env.storage, groupedToo, nth(groupedToo, 1)),
      asLog(env.storage, groupedToo, nth(groupedToo, 0)),
    ]);
    for (const b of busy) b.release();
    expect(await asked).toEqual([false, false, true]);
    await Promise.all(busy.map((b) => b.done));
  });

  it('finds the members who left and the board links revoked at or after an instant, in every pack', async () => {
    const [one, two] = [await seedPack(env.storage, 2), await seedPack(env.storage, 2)];
    const board = (label: string) => ({ id: randomUUID(), label, createdAt: 10, revokedAt: null });
    const [b1, b2, kept] = [board('one'), board('two'), board('kept')];
    await env.storage.transaction(async (q) => {
      await q.insertBoard(one.pack.id, b1, 'hash-b1');
      await q.insertBoard(two.pack.id, b2, 'hash-b2');
      await q.insertBoard(one.pack.id, kept, 'hash-kept');
      await q.deactivateMember(nth(one, 1).id, 1000);
      await q.revokeBoard(one.pack.id, b1.id, 1500);
      await q.deactivateMember(nth(two, 1).id, 2000);
      await q.revokeBoard(two.pack.id, b2.id, 2500);
    });
    const since = async (at: number) => {
      const found = await env.storage.read((q) => q.revokedSince(at));
      return { memberIds: [...found.memberIds].sort(), boardIds: [...found.boardIds].sort() };
    };
    const sorted = (...ids: string[]) => [...ids].sort();
    expect(await since(0)).toEqual({
      memberIds: sorted(nth(one, 1).id, nth(two, 1).id),
      boardIds: sorted(b1.id, b2.id),
    });
    expect(await since(1500)).toEqual({ memberIds: [nth(two, 1).id], boardIds: sorted(b1.id, b2.id) });
    expect(await since(2000)).toEqual({ memberIds: [nth(two, 1).id], boardIds: [b2.id] });
    expect(await since(2501)).toEqual({ memberIds: [], boardIds: [] });
  });
}

import { randomUUID } from 'node:crypto';
/**
 * The storage contract: what every Storage implementation must do, as a Vitest suite that a test
 * file runs once per backend (tests/storage.test.ts: SQLite and PostgreSQL). Each test gets a
 * fresh database, so scheduler queries that look across all packs see only its own rows.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { challengeContract } from './storage-contract-challenges.ts';
import { concurrencyContract } from './storage-contract-concurrency.ts';
import { progressContract } from './storage-contract-progress.ts';
import { revocationContract } from './storage-contract-revocations.ts';
import {
  challengeOf,
  eventOf,
  seedPack,
  type ContractBackend,
  type ContractTarget,
} from './storage-contract-fixtures.ts';
import { EventIdTaken, type Storage } from './types.ts';

export interface ContractEnv {
  backend: ContractBackend;
  target: ContractTarget;
  /** The first node's storage; tests open more through target.open(). */
  storage: Storage;
}

export function storageContract(backend: ContractBackend, title = backend.name, skip = false): void {
  (skip ? describe.skip : describe)(title, () => {
    const env = { backend } as ContractEnv;
    beforeEach(async () => {
      env.target = await backend.create();
      env.storage = await env.target.open();
    });
    afterEach(async () => {
      await env.target.cleanup();
    });

    describe('packs and members', () => packContract(env));
    describe('events', () => eventContract(env));
    describe('challenges', () => challengeContract(env));
    describe('many nodes', () => concurrencyContract(env));
    describe('departures and revocations', () => revocationContract(env));
    describe('streaks and bests', () => progressContract(env));

    it('migrates once: reopening (several at the same moment) applies nothing again, data stays', async () => {
      const { pack } = await seedPack(env.storage);
      const before = await env.target.migrations();
      expect(before.length).toBeGreaterThan(0);
      expect(before).toEqual(before.map((_, i) => i + 1));
      const others = await Promise.all([env.target.reopen(), env.target.reopen(), env.target.reopen()]);
      expect(await env.target.migrations()).toEqual(before);
      for (const other of others) expect(await other.read((q) => q.getPack(pack.id))).toEqual(pack);
    });
  });
}

function packContract(env: ContractEnv): void {
  it('stores a pack and finds it by its invite code; a rotated code is refused on every node', async () => {
    const { pack, inviteCode } = await seedPack(env.storage);
    const other = await env.target.open();
    expect(await other.read((q) => q.findPackByInvite(inviteCode))).toEqual(pack);
    await env.storage.transaction((q) => q.setInviteCode(pack.id, 'NEW-CODE'), { lock: pack.id });
    expect(await other.read((q) => q.findPackByInvite(inviteCode))).toBeNull();
    expect(await other.read((q) => q.findPackByInvite('NEW-CODE'))).toEqual(pack);
    expect(await other.read((q) => q.getInviteCode(pack.id))).toBe('NEW-CODE');
  });

  it('lists members in joining order, finds active ones by token hash, deactivates once', async () => {
    const { pack, members } = await seedPack(env.storage, 3);
    const [owner, second, third] = members;
    if (!owner || !second || !third) throw new Error('three members expected');
    expect(await env.storage.read((q) => q.listMembers(pack.id))).toEqual(members);
    expect(await env.storage.read((q) => q.findMemberByTokenHash(`hash-${second.id}`))).toEqual(second);
    const left = await env.storage.transaction(async (q) => [
      await q.deactivateMember(second.id, 1000),
      await q.deactivateMember(second.id, 2000),
    ]);
    expect(left).toEqual([true, false]);
    expect(await env.storage.read((q) => q.findMemberByTokenHash(`hash-${second.id}`))).toBeNull();
    expect(await env.storage.read((q) => q.getMember(second.id))).toEqual({ ...second, active: false });
    await env.storage.transaction((q) => q.setPackOwner(pack.id, third.id));
    const roles = (await env.storage.read((q) => q.listMembers(pack.id))).map((m) => m.role);
    expect(roles).toEqual(['member', 'member', 'owner']);
    expect((await env.storage.read((q) => q.getPack(pack.id)))?.ownerId).toBe(third.id);
  });

  it('adds a custom metric once', async () => {
    const { pack } = await seedPack(env.storage);
    const metric = { id: 'demo', label: 'Demos', needsMeetingDate: true, builtIn: false };
    const added = await env.storage.transaction(async (q) => [
      await q.insertMetric(pack.id, metric),
      await q.insertMetric(pack.id, { ...metric, label: 'Other' }),
    ]);
    expect(added).toEqual([true, false]);
    expect(await env.storage.read((q) => q.listCustomMetrics(pack.id))).toEqual([metric]);
  });
}

function eventContract(env: ContractEnv): void {
  it('appends events in sequence, and stores what it was given', async () => {
    const { members } = await seedPack(env.storage);
    const member = members[0];
    if (!member) throw new Error('no member');
    const first = eventOf(member, { note: 'hello', meetingDate: '2026-12-01' });
    const second = eventOf(member);
    const [a, b] = await env.storage.transaction(async (q) => [
      await q.appendEvent(first),
      await q.appendEvent(second),
    ]);
    expect(b).toBeGreaterThan(a ?? Infinity);
    const stored = await env.storage.read((q) => q.getEvent(first.id));
    expect(stored).toEqual({ ...first, seq: a, retractedBy: null });
    const exported = await env.storage.read((q) => q.exportEvents(member.packId));
    expect(exported.map((e) => e.id)).toEqual([first.id, second.id]);
  });

  it('gives the sequence number of an append that was not awaited once the transaction commits', async () => {
    const { members } = await seedPack(env.storage);
    const member = members[0];
    if (!member) throw new Error('no member');
    const event = eventOf(member);
    const pending = await env.storage.transaction(async (q) => ({ seq: q.appendEvent(event) }), {
      lock: member.packId,
    });
    const stored = await env.storage.read((q) => q.getEvent(event.id));
    expect(stored?.seq).toBeGreaterThan(0);
    expect(await pending.seq).toBe(stored?.seq);
  });

  it('fails the whole transaction when an appended id is taken, read inside or after it', async () => {
    const { members } = await seedPack(env.storage);
    const member = members[0];
    if (!member) throw new Error('no member');
    const taken = eventOf(member, { count: 1 });
    await env.storage.transaction(async (q) => void (await q.appendEvent(taken)));
    for (const awaited of [true, false]) {
      const other = eventOf(member);
      const attempt = env.storage.transaction(
        async (q) => {
          const first = q.appendEvent(other);
          const again = q.appendEvent({ ...taken, count: 9 });
          await q.addDailyCount(member.packId, member.id, 'call', '2026-12-01', 5);
          return awaited ? [await first, await again] : { first, again };
        },
        { lock: member.packId },
      );
      await expect(attempt).rejects.toBeInstanceOf(EventIdTaken);
      // Nothing of it was written: neither the other event nor the write that followed.
      expect(await env.storage.read((q) => q.getEvent(other.id))).toBeNull();
      expect(await env.storage.read((q) => q.dailyCounts(member.packId, '2026-12-01', '2026-12-01'))).toEqual(
        [],
      );
    }
    expect((await env.storage.read((q) => q.getEvent(taken.id)))?.count).toBe(1);
  });

  it('answers look-ups of events named up front, and sees its own writes to them', async () => {
    const { members } = await seedPack(env.storage);
    const member = members[0];
    if (!member) throw new Error('no member');
    const stored = eventOf(member);
    const fresh = eventOf(member);
    await env.storage.transaction(async (q) => void (await q.appendEvent(stored)));
    const seen = await env.storage.transaction(
      async (q) => {
        const before = [await q.getEvent(stored.id), await q.getEvent(fresh.id)];
        const seq = q.appendEvent(fresh);
        await q.markRetracted(stored.id, fresh.id);
        const after = [await q.getEvent(stored.id), await q.getEvent(fresh.id)];
        return { before, after, seq: await seq };
      },
      { lock: member.packId, events: [stored.id, fresh.id] },
    );
    expect(seen.before[0]?.id).toBe(stored.id);
    expect(seen.before[0]?.retractedBy).toBeNull();
    expect(seen.before[1]).toBeNull();
    expect(seen.after[0]?.retractedBy).toBe(fresh.id);
    expect(seen.after[1]).toEqual({ ...fresh, seq: seen.seq, retractedBy: null });
  });

  it('retracts an event once', async () => {
    const { members } = await seedPack(env.storage);
    const member = members[0];
    if (!member) throw new Error('no member');
    const log = eventOf(member);
    const marks = await env.storage.transaction(async (q) => {
      await q.appendEvent(log);
      return [await q.markRetracted(log.id, 'undo-1'), await q.markRetracted(log.id, 'undo-2')];
    });
    expect(marks).toEqual([true, false]);
    expect((await env.storage.read((q) => q.getEvent(log.id)))?.retractedBy).toBe('undo-1');
  });

  it('gives the latest feed oldest first', async () => {
    const { pack, members } = await seedPack(env.storage);
    const member = members[0];
    if (!member) throw new Error('no member');
    const events = Array.from({ length: 5 }, () => eventOf(member));
    await env.storage.transaction(async (q) => {
      for (const e of events) await q.appendEvent(e);
    });
    const feed = await env.storage.read((q) => q.recentFeed(pack.id, 3));
    expect(feed.map((f) => f.eventId)).toEqual(events.slice(2).map((e) => e.id));
  });

  it("seeds a challenge with its participants' unretracted logs of its window, and with a horizon only those with a meeting inside it", async () => {
    const seeded = await seedPack(env.storage, 3);
    const [a, b, outsider] = seeded.members;
    if (!a || !b || !outsider) throw new Error('three members expected');
    const start = 1_800_000_000_000;
    const end = start + 3_600_000;
    const at = (offset: number, over = {}) => eventOf(a, { occurredAt: start + offset, ...over });
    const inside = at(0);
    const last = at(3_599_999, { count: 4 });
    // Logged offline inside the window, it reached the relay after it: both instants come back.
    const partner = eventOf(b, { occurredAt: start + 10, receivedAt: end + 5 });
    const notInIt = eventOf(outsider, { occurredAt: start + 11 });
    const retracted = at(20);
    const undo = at(30, { type: 'undo', retracts: retracted.id });
    const noise = [at(-1), at(3_600_000), at(40, { metric: 'appointment' })];
    const meetings = ['2030-01-05', '2030-01-09', '2030-01-10', null].map((meetingDate, i) =>
      at(50 + i, { metric: 'forward', meetingDate }),
    );
    await env.storage.transaction(async (q) => {
      for (const e of [inside, last, partner, notInIt, retracted, undo, ...noise, ...meetings])
        await q.appendEvent(e);
      await q.markRetracted(retracted.id, undo.id);
    });
    const challenge = challengeOf(seeded, {
      start,
      end,
      participants: [a, b].map((m) => ({ memberId: m.id, declined: false })),
    });
    const found = await env.storage.transaction((q) => q.seedCounted(challenge));
    expect(found).toEqual(
      [inside, last, partner].map((e) => ({
        id: e.id,
        memberId: e.memberId,
        count: e.count,
        occurredAt: e.occurredAt,
        receivedAt: e.receivedAt,
      })),
    );
    // Each of them now counts in the challenge (an undo takes exactly that back); nothing else does.
    const countedIn = (id: string) => env.storage.read((q) => q.countedIn(id));
    for (const e of [inside, last, partner]) expect(await countedIn(e.id)).toEqual([challenge.id]);
    for (const e of [notInIt, retracted, ...noise]) expect(await countedIn(e.id)).toEqual([]);
    const horizon = { from: '2030-01-05', to: '2030-01-10' };
    const forward = { ...challenge, id: randomUUID(), metric: 'forward', horizon };
    const booked = await env.storage.transaction((q) => q.seedCounted(forward));
    expect(booked.map((e) => e.id)).toEqual(meetings.slice(0, 2).map((e) => e.id));
    expect(await countedIn(meetings[2]?.id ?? '')).toEqual([]);
  });

  it('records where an event counted, once per challenge', async () => {
    await env.storage.transaction(async (q) => {
      await q.recordCounted('event-1', 'challenge-1');
      await q.recordCounted('event-1', 'challenge-1');
      await q.recordCounted('event-1', 'challenge-2');
    });
    const counted = await env.storage.read((q) => q.countedIn('event-1'));
    expect(counted.sort()).toEqual(['challenge-1', 'challenge-2']);
  });
}

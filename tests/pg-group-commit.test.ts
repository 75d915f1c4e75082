/**
 * Group commit on the real PostgreSQL: pack transactions that wait for a busy connection share
 * one database transaction, each keeps its own outcome, and a group that the database refuses
 * is run again one by one. A trigger notes which transaction wrote each event.
 */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PostgresStorage } from '../server/storage/postgres.ts';
import {
  eventOf,
  seedPack,
  sleep,
  type NewEvent,
  type SeededPack,
} from '../server/storage/storage-contract-fixtures.ts';
import { EventIdTaken, type Queries } from '../server/storage/types.ts';
import { PG_URL, createSchema, pgUnavailable, type TestSchema } from './helpers/pg.ts';

const missing = await pgUnavailable();
let schema: TestSchema;
let storage: PostgresStorage;
let packs: SeededPack[];

/** The transaction that wrote each event, by event id (its top-level id, savepoints or not). */
async function writers(events: NewEvent[]): Promise<Map<string, string>> {
  const rows = await schema.query<{ id: string; txid: string }>(
    'select event_id as id, txid::text as txid from writers where event_id = any($1::text[])',
    [events.map((e) => e.id)],
  );
  return new Map(rows.map((r) => [r.id, r.txid]));
}

/** Notes, beside each stored event, the transaction that stored it. */
async function recordWriters(): Promise<void> {
  await schema.query(`
    create table writers (event_id text primary key, txid bigint not null);
    create function note_writer() returns trigger language plpgsql as $$
      begin insert into writers values (new.id, txid_current()); return new; end $$;
    create trigger note_writer after insert on events for each row execute function note_writer();`);
}

const shared = (pack: SeededPack, fn: (q: Queries) => Promise<unknown>) =>
  storage.transaction(fn, { lock: pack.pack.id, shared: true });

/** Holds the only group slot until released, so that what follows waits and is grouped. */
function occupy(pack: SeededPack): { release(): void; done: Promise<unknown> } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  return { release, done: shared(pack, () => gate) };
}

/**
 * Another node's transaction holds pack A's lock while A and D wait for a slot, to go as one
 * group: D commits without waiting for A, and A alone, once the lock is free.
 */
async function groupWithOneLockedElsewhere(write: (pack: SeededPack, event: NewEvent) => Promise<unknown>) {
  const [first, a, d] = packs as [SeededPack, SeededPack, SeededPack];
  const [evA, evD] = [eventOf(member(a)), eventOf(member(d))];
  const holder = new pg.Client({ connectionString: schema.url });
  await holder.connect();
  try {
    await holder.query('begin');
    await holder.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [a.pack.id]);
    const slot = occupy(first);
    await sleep(50);
    let aDone = false;
    const storedA = write(a, evA).finally(() => (aDone = true));
    const storedD = write(d, evD);
    slot.release();
    await storedD;
    expect(aDone).toBe(false);
    expect((await writers([evD])).has(evD.id)).toBe(true);
    await holder.query('commit');
    await storedA;
    const by = await writers([evA, evD]);
    expect(by.get(evA.id)).toBeDefined();
    expect(by.get(evA.id)).not.toBe(by.get(evD.id));
  } finally {
    await holder.end();
  }
}

function member(pack: SeededPack) {
  const m = pack.members[0];
  if (!m) throw new Error('no member');
  return m;
}

(missing ? describe.skip : describe)(
  missing ? `group commit (skipped: no PostgreSQL at ${PG_URL}: ${missing})` : 'group commit on PostgreSQL',
  () => {
    beforeEach(async () => {
      schema = await createSchema();
      // Three connections: one slot for group commits, two kept for everything else.
      storage = await PostgresStorage.open(schema.url, { poolSize: 3 });
      await recordWriters();
      packs = [];
      for (let i = 0; i < 5; i++) packs.push(await seedPack(storage));
    });
    afterEach(async () => {
      await storage.close();
      await schema.drop();
    });

    it('commits waiting packs together, and rolls back only the one that throws', async () => {
      const [first, a, b, d] = packs as [SeededPack, SeededPack, SeededPack, SeededPack];
      const [evA, evB, evD] = [eventOf(member(a)), eventOf(member(b)), eventOf(member(d))];
      const slot = occupy(first);
      await sleep(50);
      const stored = [
        shared(a, async (q) => ({ seq: q.appendEvent(evA) })),
        shared(b, async (q) => {
          q.appendEvent(evB);
          await q.addDailyCount(b.pack.id, member(b).id, 'call', '2026-12-01', 2);
          throw new Error('refused');
        }),
        shared(d, async (q) => ({ seq: q.appendEvent(evD) })),
      ].map((p) => p.then((v) => v as { seq: PromiseLike<number> }));
      slot.release();
      const [ra, rb, rd] = await Promise.allSettled(stored);

      expect(rb).toEqual({ status: 'rejected', reason: new Error('refused') });
      const by = await writers([evA, evB, evD]);
      expect(by.has(evB.id)).toBe(false);
      expect(await schema.query('select * from daily_counts where pack_id = $1', [b.pack.id])).toEqual([]);
      // A and D were written by one transaction, and each was told its own sequence number.
      expect(by.get(evA.id)).toBeDefined();
      expect(by.get(evA.id)).toBe(by.get(evD.id));
      const seqs = await schema.query<{ id: string; seq: string }>('select id, seq from events');
      const seqOf = (id: string) => Number(seqs.find((r) => r.id === id)?.seq);
      if (ra?.status !== 'fulfilled' || rd?.status !== 'fulfilled') throw new Error('A and D should stand');
      expect(await ra.value.seq).toBe(seqOf(evA.id));
      expect(await rd.value.seq).toBe(seqOf(evD.id));
    });

    it('leaves out a pack whose lock another node holds, and runs it alone once that is free', async () => {
      await groupWithOneLockedElsewhere((pack, event) =>
        shared(pack, async (q) => void q.appendEvent(event)),
      );
    });

    it('runs a group again one by one when the database refuses it: only the taken id fails', async () => {
      const [first, a, c, d, owner] = packs as [SeededPack, SeededPack, SeededPack, SeededPack, SeededPack];
      const taken = eventOf(member(owner));
      await shared(owner, async (q) => q.appendEvent(taken));
      const [evA, evD] = [eventOf(member(a)), eventOf(member(d))];
      const slot = occupy(first);
      await sleep(50);
      const results = Promise.allSettled([
        shared(a, async (q) => void q.appendEvent(evA)),
        shared(c, async (q) => void q.appendEvent({ ...eventOf(member(c)), id: taken.id })),
        shared(d, async (q) => void q.appendEvent(evD)),
      ]);
      slot.release();
      const [ra, rc, rd] = await results;

      expect(ra.status).toBe('fulfilled');
      expect(rd.status).toBe('fulfilled');
      expect(rc.status === 'rejected' && rc.reason).toBeInstanceOf(EventIdTaken);
      const by = await writers([evA, evD, taken]);
      // Stored alone, each in a transaction of its own; the taken id still belongs to its owner.
      expect(by.get(evA.id)).toBeDefined();
      expect(by.get(evD.id)).toBeDefined();
      expect(by.get(evA.id)).not.toBe(by.get(evD.id));
      expect(await schema.query('select pack_id from events where id = $1', [taken.id])).toEqual([
        { pack_id: owner.pack.id },
      ]);
    });

    describe('logs of new events on packs this node keeps', () => {
      /** A log as ingest makes it: new events only, so it may go in one message. */
      const logged = (pack: SeededPack, event: NewEvent, fail = false) =>
        storage
          .transaction(
            async (q) => {
              const seq = q.appendEvent(event);
              if (fail) throw new Error('refused');
              return { seq };
            },
            { lock: pack.pack.id, shared: true, newLogs: true, events: [event.id] },
          )
          .then((v) => v as { seq: PromiseLike<number> });
      /** One log each, alone: the node reads each pack and keeps it. */
      const keep = async (...kept: SeededPack[]) => {
        for (const pack of kept) await logged(pack, eventOf(member(pack)));
      };
      /** The logs wait behind an occupied slot, so that they go as one group. */
      const grouped = async <T>(logs: (() => Promise<T>)[]) => {
        const slot = occupy(packs[0] as SeededPack);
        await sleep(50);
        const results = Promise.allSettled(logs.map((log) => log()));
        slot.release();
        await slot.done;
        return results;
      };

      it('writes the group in one message, and rolls back only the log that throws', async () => {
        const [, a, b, d] = packs as [SeededPack, SeededPack, SeededPack, SeededPack];
        await keep(a, b, d);
        const before = storage.oneMessageStats();
        const [evA, evB, evD] = [eventOf(member(a)), eventOf(member(b)), eventOf(member(d))];
        const [ra, rb, rd] = await grouped([
          () => logged(a, evA),
          () => logged(b, evB, true),
          () => logged(d, evD),
        ]);

        expect(rb).toEqual({ status: 'rejected', reason: new Error('refused') });
        const by = await writers([evA, evB, evD]);
        expect(by.has(evB.id)).toBe(false);
        expect(by.get(evA.id)).toBeDefined();
        expect(by.get(evA.id)).toBe(by.get(evD.id));
        expect(storage.oneMessageStats()).toEqual({ done: before.done + 2, retried: before.retried });
        const seqs = await schema.query<{ id: string; seq: string }>('select id, seq from events');
        const seqOf = (id: string) => Number(seqs.find((r) => r.id === id)?.seq);
        if (ra?.status !== 'fulfilled' || rd?.status !== 'fulfilled') throw new Error('A and D should stand');
        expect(await ra.value.seq).toBe(seqOf(evA.id));
        expect(await rd.value.seq).toBe(seqOf(evD.id));
      });

      it('runs the group the reading way when a kept pack changed elsewhere, then keeps the new copy', async () => {
        const [, a, d] = packs as [SeededPack, SeededPack, SeededPack];
        await keep(a, d);
        // Another node renames pack A: its version moves, this node's copy is stale.
        await schema.query('update packs set name = $1 where id = $2', ['Renamed', a.pack.id]);
        const before = storage.oneMessageStats();
        const [evA, evD] = [eventOf(member(a)), eventOf(member(d))];
        const results = await grouped([() => logged(a, evA), () => logged(d, evD)]);

        expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
        const by = await writers([evA, evD]);
        expect(by.get(evA.id)).toBeDefined();
        expect(by.get(evA.id)).toBe(by.get(evD.id));
        expect(storage.oneMessageStats()).toEqual({ done: before.done, retried: before.retried + 2 });
        // The reading group kept A anew: the next group goes in one message again.
        await grouped([() => logged(a, eventOf(member(a))), () => logged(d, eventOf(member(d)))]);
        expect(storage.oneMessageStats()).toEqual({ done: before.done + 2, retried: before.retried + 2 });
        expect(
          await schema.query('select count(*)::int as n from events where pack_id = $1', [a.pack.id]),
        ).toEqual([{ n: 3 }]);
      });

      it('runs the group the reading way when one of its logs was stored before, and commits it together', async () => {
        const [, a, d] = packs as [SeededPack, SeededPack, SeededPack];
        await keep(a, d);
        const resent = eventOf(member(a));
        await logged(a, resent);
        const before = storage.oneMessageStats();
        const evD = eventOf(member(d));
        /** As ingest does: an event already stored is a duplicate, not a second copy. */
        const once = (pack: SeededPack, event: NewEvent) =>
          storage.transaction(
            async (q) => ((await q.getEvent(event.id)) ? 'duplicate' : (q.appendEvent(event), 'stored')),
            { lock: pack.pack.id, shared: true, newLogs: true, events: [event.id] },
          );
        const results = await grouped([() => once(a, resent), () => once(d, evD)]);

        expect(results).toEqual([
          { status: 'fulfilled', value: 'duplicate' },
          { status: 'fulfilled', value: 'stored' },
        ]);
        expect(storage.oneMessageStats()).toEqual({ done: before.done, retried: before.retried + 2 });
        expect(
          await schema.query('select count(*)::int as n from events where id = $1', [resent.id]),
        ).toEqual([{ n: 1 }]);
      });

      it('does not hold the group up for a pack whose lock another node holds', async () => {
        const [, a, d] = packs as [SeededPack, SeededPack, SeededPack];
        await keep(a, d);
        await groupWithOneLockedElsewhere((pack, event) => logged(pack, event));
      });
    });
  },
);

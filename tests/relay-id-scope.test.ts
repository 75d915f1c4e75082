/**
 * Event ids are made by clients and kept unique across the whole relay. Whoever stores an id
 * first must not be able to make a partner's (or a stranger's) event with that id disappear: the
 * relay answers `id_taken`, which tells the client to send its event again under a new id, and
 * nothing of the refused event is counted. On SQLite and on PostgreSQL, whose logs may go in one
 * message and in group commits, where a taken id only shows at the commit.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventOutcome, LogEvent, UndoEvent } from '../core/types.ts';
import { uuidv7 } from '../core/uuid.ts';
import { PostgresStorage } from '../server/storage/postgres.ts';
import { sleep } from './helpers/multi-node.ts';
import { PG_URL, createSchema, pgUnavailable, type TestSchema } from './helpers/pg.ts';
import {
  logEvent,
  ok,
  pair,
  removeDir,
  request,
  testRelay,
  type TestRelay,
  type TestSocket,
} from './helpers/relay.ts';

const TAKEN: EventOutcome = {
  id: '',
  status: 'rejected',
  error: { code: 'id_taken', message: 'this event id is taken; send the event again with a new id' },
};
const taken = (id: string): EventOutcome => ({ ...TAKEN, id });

const undoOf = (retracts: string, id = uuidv7()): UndoEvent => ({
  id,
  type: 'undo',
  retracts,
  occurredAt: Date.now(),
});

async function countIn(socket: TestSocket, challengeId: string, memberId: string): Promise<number> {
  const snapshot = await ok(socket, 'session:resume', {});
  const challenge = snapshot.challenges.find((c) => c.id === challengeId);
  return challenge?.standings.find((s) => s.memberId === memberId)?.count ?? 0;
}

async function feedIds(socket: TestSocket): Promise<string[]> {
  return (await ok(socket, 'session:resume', {})).feed.map((e) => e.eventId);
}

/** A victim's pack and a stranger's, each with a challenge on calls today. */
async function twoPacks(url: string) {
  const victim = await pair(url);
  const stranger = await pair(url);
  const period = { kind: 'today' as const };
  const mine = (await ok(victim.sa, 'challenge:create', { metric: 'call', format: 'most', period }))
    .challenge;
  const theirs = (await ok(stranger.sa, 'challenge:create', { metric: 'call', format: 'most', period }))
    .challenge;
  return { victim, stranger, mine, theirs };
}

const pgMissing = await pgUnavailable();

interface Backend {
  name: string;
  skip: string | null;
  start(): Promise<{ relay: TestRelay; storage?: PostgresStorage; stop(): Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: 'SQLite',
    skip: null,
    async start() {
      const relay = await testRelay();
      return { relay, stop: async () => (await relay.close(), removeDir(relay.dir)) };
    },
  },
  {
    name: 'PostgreSQL',
    skip: pgMissing && `no PostgreSQL at ${PG_URL}: ${pgMissing}`,
    async start() {
      const schema: TestSchema = await createSchema();
      // One slot for group commits (the other two connections are kept for everything else).
      const storage = await PostgresStorage.open(schema.url, { poolSize: 3 });
      const relay = await testRelay({ storage });
      return {
        relay,
        storage,
        stop: async () => {
          await relay.close();
          await storage.close();
          removeDir(relay.dir);
          await schema.drop();
        },
      };
    },
  },
];

for (const backend of backends) {
  (backend.skip ? describe.skip : describe)(
    backend.skip
      ? `an event id another member took, on ${backend.name} (skipped: ${backend.skip})`
      : `an event id another member took, on ${backend.name}`,
    () => {
      let env: Awaited<ReturnType<Backend['start']>>;
      beforeEach(async () => {
        env = await backend.start();
      });
      afterEach(async () => {
        await env.stop();
      });

      it("answers id_taken to a log whose id another pack's member stored first, and counts nothing of it", async () => {
        const { victim, stranger, mine, theirs } = await twoPacks(env.relay.url);
        const log = logEvent('call', { count: 5 });
        await ok(stranger.sa, 'activity:log', { events: [{ ...log, count: 1 }] });

        const res = await request(victim.sa, 'activity:log', { events: [log] });
        expect(res).toEqual({ ok: true, outcomes: [taken(log.id)], bests: [] });
        expect(await countIn(victim.sa, mine.id, victim.a.member.id)).toBe(0);
        expect(await feedIds(victim.sa)).not.toContain(log.id);
        expect(await countIn(stranger.sa, theirs.id, stranger.a.member.id)).toBe(1);

        // Sent again under a new id, it is the victim's log like any other.
        const again = await ok(victim.sa, 'activity:log', { events: [{ ...log, id: uuidv7() }] });
        expect(again.outcomes[0]?.status).toBe('accepted');
        expect(await countIn(victim.sa, mine.id, victim.a.member.id)).toBe(5);
        expect(await countIn(stranger.sa, theirs.id, stranger.a.member.id)).toBe(1);
      });

      it('answers id_taken to an undo whose id is taken, and not_found to the undo of a stranger’s log', async () => {
        const { victim, stranger, mine } = await twoPacks(env.relay.url);
        const own = logEvent('call', { count: 2 });
        await ok(victim.sa, 'activity:log', { events: [own] });
        const theirs = logEvent();
        await ok(stranger.sa, 'activity:log', { events: [theirs] });

        const undo = undoOf(own.id, theirs.id);
        expect(await request(victim.sa, 'activity:log', { events: [undo] })).toEqual({
          ok: true,
          outcomes: [taken(theirs.id)],
          bests: [],
        });
        expect(await countIn(victim.sa, mine.id, victim.a.member.id)).toBe(2);
        const stray = undoOf(theirs.id);
        expect(await request(victim.sa, 'activity:log', { events: [stray] })).toEqual({
          ok: true,
          outcomes: [
            {
              id: stray.id,
              status: 'rejected',
              error: { code: 'not_found', message: 'no such event to undo' },
            },
          ],
          bests: [],
        });
        const renamed = await ok(victim.sa, 'activity:log', { events: [{ ...undo, id: uuidv7() }] });
        expect(renamed.outcomes[0]?.status).toBe('accepted');
        expect(await countIn(victim.sa, mine.id, victim.a.member.id)).toBe(0);
      });

      it('still answers duplicate to the member who stored the id', async () => {
        const { victim, mine } = await twoPacks(env.relay.url);
        const log = logEvent('call', { count: 3 });
        const [first] = (await ok(victim.sa, 'activity:log', { events: [log] })).outcomes;
        const [again] = (await ok(victim.sa, 'activity:log', { events: [log] })).outcomes;
        expect(first?.status).toBe('accepted');
        expect(again).toEqual({ ...first, status: 'duplicate' });
        expect(await countIn(victim.sa, mine.id, victim.a.member.id)).toBe(3);
      });

      if (backend.name !== 'PostgreSQL') return;

      /** Logs once in each pack, so that the node keeps them: the next logs go in one message. */
      const warm = async (...sockets: TestSocket[]) => {
        for (const socket of sockets) await ok(socket, 'activity:log', { events: [logEvent('email')] });
      };

      it('answers id_taken from the one-message path, which runs the log again the reading way', async () => {
        const storage = env.storage as PostgresStorage;
        const { victim, stranger, mine } = await twoPacks(env.relay.url);
        await warm(victim.sa);
        const log = logEvent('call', { count: 4 });
        await ok(stranger.sa, 'activity:log', { events: [log] });
        const before = storage.oneMessageStats();

        expect(await request(victim.sa, 'activity:log', { events: [log] })).toEqual({
          ok: true,
          outcomes: [taken(log.id)],
          bests: [],
        });
        expect(storage.oneMessageStats().retried).toBe(before.retried + 1);
        expect(await countIn(victim.sa, mine.id, victim.a.member.id)).toBe(0);
      });

      it('answers id_taken from a group commit in one message, and stores the rest of the group', async () => {
        const storage = env.storage as PostgresStorage;
        const { victim, stranger, mine, theirs } = await twoPacks(env.relay.url);
        const bystander = await pair(env.relay.url);
        await warm(victim.sa, bystander.sa);
        const log: LogEvent = logEvent('call', { count: 4 });
        await ok(stranger.sa, 'activity:log', { events: [{ ...log, count: 1 }] });
        const fine = logEvent();

        // Holding the only group slot, so that the two logs wait and go as one group.
        let release!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        const slot = storage.transaction(() => gate, { lock: uuidv7(), shared: true });
        await sleep(50);
        const before = storage.oneMessageStats();
        const answers = Promise.all([
          request(victim.sa, 'activity:log', { events: [log] }),
          request(bystander.sa, 'activity:log', { events: [fine] }),
        ]);
        await sleep(100);
        release();
        await slot;
        const [mineAnswer, theirAnswer] = await answers;

        expect(mineAnswer).toEqual({ ok: true, outcomes: [taken(log.id)], bests: [] });
        expect(theirAnswer).toMatchObject({ ok: true, outcomes: [{ id: fine.id, status: 'accepted' }] });
        // The group was refused as one message and ran again the reading way.
        expect(storage.oneMessageStats().retried).toBe(before.retried + 2);
        expect(await countIn(victim.sa, mine.id, victim.a.member.id)).toBe(0);
        expect(await countIn(stranger.sa, theirs.id, stranger.a.member.id)).toBe(1);
      });
    },
  );
}

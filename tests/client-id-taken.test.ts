/**
 * A queued log whose id someone else stored first, with the real client library, the real
 * command line and a real relay: it is sent again under a new id, counted once, still taken back
 * by `undo`, and nothing of it is lost, even when the relay goes down between the new id and the
 * resend.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ActivityEvent, LogEvent, Standing } from '../core/types.ts';
import { uuidv7 } from '../core/uuid.ts';
import { buildUndoEvent } from '../client/activity.ts';
import { Mirror } from '../client/mirror.ts';
import { attachMirror } from '../client/mirror-binding.ts';
import { Outbox } from '../client/outbox.ts';
import type { SessionOutbox } from '../client/outbox-sender.ts';
import { CacheStore, followRewrites } from '../client/profile-cache.ts';
import { profilePaths } from '../client/profile.ts';
import { RelaySession } from '../client/session.ts';
import type { Rejection } from '../client/session-events.ts';
import { runCli } from './helpers/profile-cli.ts';
import { makeTempDir, removeTempDirs } from './helpers/profile-dirs.ts';
import { countIn, json, newChallenge, pair } from './helpers/profile-pack.ts';
import { memberProfile, nextEvent, ownerProfile, startTestRelay } from './helpers/profile-relay.ts';
import type { TestMember, TestRelay } from './helpers/profile-relay.ts';
import { connect, ok } from './helpers/relay.ts';

const open: { close(): Promise<void> }[] = [];
const track = <T extends { close(): Promise<void> }>(thing: T): T => (open.push(thing), thing);

afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});
afterAll(removeTempDirs);

async function restartableRelay(): Promise<TestRelay> {
  const dir = await makeTempDir('wolfpack-relay-');
  return startTestRelay({ dbPath: join(dir, 'relay.sqlite') });
}

/** A member of a pack of their own stores this event (under its id) before anyone else. */
async function strangerStores(relay: TestRelay, event: LogEvent): Promise<void> {
  const stranger = await ownerProfile(relay.url, 'Kim');
  const socket = await connect(relay.url, stranger.joined.token);
  try {
    expect((await ok(socket, 'activity:log', { events: [event] })).outcomes[0]?.status).toBe('accepted');
  } finally {
    socket.close();
  }
}

/** A challenge on calls between the member and a partner, open for the whole test. */
async function callChallenge(relay: TestRelay, owner: TestMember) {
  await memberProfile(relay.url, owner, 'Sam');
  const socket = await connect(relay.url, owner.joined.token);
  try {
    const period = { kind: 'instants' as const, start: Date.now() - 60_000, end: Date.now() + 3_600_000 };
    return (await ok(socket, 'challenge:create', { metric: 'call', format: 'most', period })).challenge;
  } finally {
    socket.close();
  }
}

const call = (count: number): LogEvent => ({
  id: uuidv7(),
  type: 'log',
  metric: 'call',
  count,
  occurredAt: Date.now(),
});

const countOf = (standings: readonly Standing[] | undefined, memberId: string) =>
  standings?.find((s) => s.memberId === memberId)?.count;

async function pendingOnDisk(member: TestMember): Promise<ActivityEvent[]> {
  const outbox = await Outbox.open(profilePaths(member.dir).outbox);
  try {
    return outbox.pending();
  } finally {
    await outbox.close();
  }
}

/** The victim's session as the desktop app wires it: file outbox, profile cache, mirror. */
async function victimSession(member: TestMember, wrap: (outbox: Outbox) => SessionOutbox = (o) => o) {
  const outbox = track(await Outbox.open(profilePaths(member.dir).outbox));
  const cache = await CacheStore.load(member.dir);
  const session = track(
    new RelaySession({
      url: member.config.relayUrl,
      token: member.config.token,
      outbox: wrap(outbox),
      retryDelayMs: 100,
    }),
  );
  followRewrites(session, cache);
  const mirror = new Mirror();
  attachMirror(session, mirror);
  const rejected: Rejection[] = [];
  session.on('rejected', (r) => rejected.push(r));
  return { outbox, cache, session, mirror, rejected };
}

function remember(cache: CacheStore, log: LogEvent): Promise<void> {
  const { id, metric, count, occurredAt } = log;
  cache.update((c) => ({ ...c, recentLogs: [...c.recentLogs, { id, metric, count, occurredAt }] }));
  return cache.save();
}

describe('a queued log whose id another member took first', () => {
  it('is synced under a new id by the command line, counted once, and taken back by undo', async () => {
    let relay = await restartableRelay();
    try {
      const { alex, sam, alexId } = await pair(relay.url);
      const challenge = await newChallenge(alex);
      await relay.close();
      const queued = json<{ logged: LogEvent; queued: boolean }>(
        await runCli(['log', 'call', '--count', '2', '--json', '--profile', alex]),
      );
      expect(queued.queued).toBe(true);
      relay = await startTestRelay({ dbPath: relay.dbPath, port: relay.port });
      await strangerStores(relay, { ...queued.logged, count: 1 });

      const synced = await runCli(['sync', '--profile', alex]);
      expect(synced.stderr).toBe('');
      expect(synced.stdout.trim()).toBe('Sent 1 event; the outbox is empty.');
      expect(await countIn(sam, challenge.id, alexId)).toBe(2);

      const undone = await runCli(['undo', '--profile', alex]);
      expect(undone.stderr).toBe('');
      // The standings after it, as the relay pushed them: the log counted, and now does not.
      expect(undone.stdout).toMatch(/^Took back 2 calls logged .*: you 0, Sam 0/);
      const outbox = await Outbox.open(profilePaths(alex).outbox);
      expect(outbox.size).toBe(0);
      await outbox.close();
    } finally {
      await relay.close();
    }
    // Seven commands, each a process of its own on a machine shared with other suites.
  }, 90_000);

  it('loses nothing when the relay goes down between the new id and the resend', async () => {
    let relay = await restartableRelay();
    const down = { relay: Promise.resolve() };
    try {
      const victim = await ownerProfile(relay.url, 'Alex');
      const challenge = await callChallenge(relay, victim);
      const log = call(3);
      await strangerStores(relay, { ...log, count: 1 });
      // Logged while offline in an earlier run: in the outbox and in the cache, as `log` leaves it.
      const earlier = await Outbox.open(profilePaths(victim.dir).outbox);
      await earlier.append([log]);
      await earlier.close();
      await remember(await CacheStore.load(victim.dir), log);

      let stop = true;
      const { outbox, cache, session, mirror, rejected } = await victimSession(victim, (file) => ({
        get size() {
          return file.size;
        },
        pending: (limit) => file.pending(limit),
        append: (events) => file.append(events),
        markDone: (ids) => file.markDone(ids),
        async rewrite(changes) {
          const made = await file.rewrite(changes);
          // The new id is on disk; the relay goes away before the event is sent again.
          if (stop) down.relay = relay.close();
          stop = false;
          await down.relay;
          return made;
        },
      }));
      const renamed = nextEvent(session, 'reidentified');
      session.start();
      const [change] = (await renamed).changes;
      await down.relay;
      expect(change?.from).toBe(log.id);
      const newId = change?.event.id ?? '';
      expect(newId).not.toBe(log.id);
      // Down: what waits on disk is the log under its new id, and nothing else.
      expect(await readFile(profilePaths(victim.dir).outbox, 'utf8')).toContain(newId);
      expect(outbox.pending()).toEqual([{ ...log, id: newId }]);

      const stored = nextEvent(session, 'stored', ({ ids }) => ids.includes(newId), 20_000);
      relay = await startTestRelay({ dbPath: relay.dbPath, port: relay.port });
      await stored;
      const youId = victim.joined.member.id;
      expect(countOf(mirror.challenge(challenge.id)?.standings, youId)).toBe(3);
      await cache.save();
      expect((await CacheStore.load(victim.dir)).current.recentLogs.map((l) => l.id)).toEqual([newId]);
      expect(rejected).toEqual([]);

      // `undo` takes back the log under the id it was stored with.
      const undo = buildUndoEvent(cache.current.recentLogs, Date.now());
      if (!undo.ok) throw new Error(undo.message);
      expect(undo.event.retracts).toBe(newId);
      const undoStored = nextEvent(session, 'stored', ({ ids }) => ids.includes(undo.event.id));
      await session.log([undo.event]);
      await undoStored;
      const snapshot = await session.request('session:resume', {});
      expect(countOf(snapshot.challenges.find((c) => c.id === challenge.id)?.standings, youId)).toBe(0);
      expect(rejected).toEqual([]);
      for (const thing of open.splice(0).reverse()) await thing.close();
      expect(await pendingOnDisk(victim)).toEqual([]);
    } finally {
      await down.relay;
      await relay.close();
    }
  });

  it('takes a queued undo of it along to the new id: the log is stored and taken back, nothing refused', async () => {
    const relay = await restartableRelay();
    try {
      const victim = await ownerProfile(relay.url, 'Alex');
      const challenge = await callChallenge(relay, victim);
      const log = call(2);
      const undo: ActivityEvent = { id: uuidv7(), type: 'undo', retracts: log.id, occurredAt: Date.now() };
      await strangerStores(relay, { ...log, count: 1 });
      const earlier = await Outbox.open(profilePaths(victim.dir).outbox);
      await earlier.append([log, undo]);
      await earlier.close();

      const { session, mirror, rejected } = await victimSession(victim);
      const renamed = nextEvent(session, 'reidentified');
      const drained = nextEvent(session, 'connection', (s) => s.state === 'online' && s.queued === 0);
      session.start();
      const { changes } = await renamed;
      await drained;

      const [newLog, newUndo] = changes.map((c) => c.event);
      expect(changes.map((c) => c.from)).toEqual([log.id, undo.id]);
      expect(newUndo).toEqual({ ...undo, retracts: newLog?.id });
      expect(rejected).toEqual([]);
      expect(countOf(mirror.challenge(challenge.id)?.standings, victim.joined.member.id)).toBe(0);
      const feed = (await session.request('session:resume', {})).feed;
      expect(
        feed.filter((e) => e.memberId === victim.joined.member.id).map((e) => [e.eventId, e.retracts]),
      ).toEqual([
        [newLog?.id, null],
        [undo.id, newLog?.id],
      ]);
      for (const thing of open.splice(0).reverse()) await thing.close();
      expect(await pendingOnDisk(victim)).toEqual([]);
    } finally {
      await relay.close();
    }
  });
});

/**
 * Several relay processes on one PostgreSQL schema and one Redis, as a large organisation runs
 * them. All scenarios live in this one file on purpose: one of them restarts the machine's Redis,
 * and test files run in parallel, so any other file using Redis would see it vanish.
 */
import { createClient } from 'redis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChallengeView } from '../core/types.ts';
import { Clients, metric, record, sleep } from './helpers/multi-node.ts';
import { PG_URL, createSchema, pgUnavailable, type TestSchema } from './helpers/pg.ts';
import { REDIS_URL, ensureRedis, redisUnavailable, stopRedis } from './helpers/redis.ts';
import { RelayGroup, type SpawnOptions } from './helpers/relay-process.ts';
import {
  createPack,
  joinPack,
  logEvent,
  nextPush,
  nextFeedEntry,
  nextStandings,
  ok,
  post,
  request,
  type TestSocket,
} from './helpers/relay.ts';

/** Cuts every connection with this client name (CLIENT KILL has no filter by name). */
async function killClients(
  admin: { sendCommand(args: string[]): Promise<unknown> },
  name: string,
): Promise<void> {
  const list = String(await admin.sendCommand(['CLIENT', 'LIST']));
  for (const line of list.split('\n')) {
    const id = /(?:^|\s)id=(\d+)/.exec(line)?.[1];
    if (id && new RegExp(`(?:^|\\s)name=${name}(?:\\s|$)`).test(line)) {
      await admin.sendCommand(['CLIENT', 'KILL', 'ID', id]);
    }
  }
}

const missing = [
  await pgUnavailable().then((why) => (why ? `no PostgreSQL at ${PG_URL}: ${why}` : null)),
  await redisUnavailable().then((why) => (why ? `no Redis at ${REDIS_URL}: ${why}` : null)),
].filter((why): why is string => why !== null);

let schema: TestSchema;
let group: RelayGroup;

async function nodes(count: number, options: SpawnOptions = {}): Promise<string[]> {
  return (await group.start(count, options)).map((n) => n.url);
}

async function rowCount(sql: string): Promise<number> {
  const [row] = await schema.query<{ n: string }>(sql);
  return Number(row?.n);
}

const clients = new Clients();
const connected = (url: string, token: string): Promise<TestSocket> => clients.connect(url, token);

(missing.length > 0 ? describe.skip : describe)(
  missing.length > 0
    ? `relay nodes on PostgreSQL and Redis (skipped: ${missing.join('; ')})`
    : 'relay nodes on PostgreSQL and Redis',
  () => {
    beforeEach(async () => {
      await ensureRedis();
      schema = await createSchema();
      group = new RelayGroup({
        databaseUrl: schema.url,
        redisUrl: REDIS_URL,
        redisNamespace: schema.name,
        resyncSpreadMs: 200,
      });
    });
    afterEach(async () => {
      clients.closeAll();
      await group.stop();
      await ensureRedis();
      await schema.drop();
    });

    it('shows a log on one node live to a partner on another, and holds invites and removals across nodes', async () => {
      const [one, two] = (await nodes(2)) as [string, string];
      const a = await createPack(one, 'Alex');
      const b = await joinPack(two, a.inviteCode, 'Sam');
      const sa = await connected(one, a.token);
      const sb = await connected(two, b.token);
      const created = nextPush(sb, 'challenge:created');
      const { challenge } = await ok(sa, 'challenge:create', {
        metric: 'call',
        format: 'most',
        period: { kind: 'today' },
      });
      expect((await created).id).toBe(challenge.id);

      const event = logEvent('call', { count: 3 });
      const feed = nextFeedEntry(sb, (e) => e.eventId === event.id);
      const standings = nextStandings(sb, (u) => u.challengeId === challenge.id);
      await ok(sa, 'activity:log', { events: [event] });
      expect((await feed).count).toBe(3);
      expect((await standings).standings.find((s) => s.memberId === a.member.id)?.count).toBe(3);

      // A rotated invite code is refused on the other node at once: it lives in the database.
      const { inviteCode } = await ok(sa, 'pack:rotate-invite', {});
      expect((await post(two, '/api/join', { inviteCode: a.inviteCode, displayName: 'Kim' })).status).toBe(
        404,
      );
      await joinPack(two, inviteCode, 'Kim');

      // Removing a member on node one disconnects their socket on node two.
      const revoked = nextPush(sb, 'session:revoked');
      const gone = new Promise<void>((resolve) => sb.once('disconnect', () => resolve()));
      await ok(sa, 'pack:remove-member', { memberId: b.member.id });
      await revoked;
      await gone;
    });

    it('holds rate limits across nodes', async () => {
      const [one, two] = (await nodes(2, { messageRate: '0.5:6', joinRate: '0.5:4' })) as [string, string];
      const a = await createPack(one, 'Alex');
      const [s1, s2] = [await connected(one, a.token), await connected(two, a.token)];
      const answers = [];
      for (let i = 0; i < 12; i++) answers.push(await request(i % 2 ? s2 : s1, 'challenge:list', {}));
      // Six per member in all, not six per node (one more may refill while the test runs).
      const passed = answers.filter((r) => r.ok).length;
      expect(passed).toBeGreaterThanOrEqual(6);
      expect(passed).toBeLessThanOrEqual(7);
      expect(answers.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === 'rate_limited')).toBe(true);

      // Join attempts per address: the pack creation above took one of the four.
      const joins = [];
      for (let i = 0; i < 6; i++)
        joins.push(
          (await post(i % 2 ? two : one, '/api/join', { inviteCode: 'NOPE-NOPE', displayName: 'X' })).status,
        );
      expect(joins.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
      expect(joins.filter((s) => s !== 429).length).toBeLessThanOrEqual(4);
    });

    it('loses nothing a node acked when it is killed mid-stream; the client moves and every event counts once', async () => {
      const [one, two] = (await nodes(2)) as [string, string];
      const a = await createPack(one, 'Alex');
      const b = await joinPack(two, a.inviteCode, 'Sam');
      const sa = await connected(one, a.token);
      const { challenge } = await ok(sa, 'challenge:create', {
        metric: 'call',
        format: 'most',
        period: { kind: 'today' },
      });
      const acked = new Set<string>();
      const killer = (async () => {
        while (acked.size < 150) await sleep(5);
        const first = group.nodes[0];
        if (!first) throw new Error('no node to kill');
        first.child.kill('SIGKILL');
        // What node one acknowledged before it died (a few more may still have been on the wire).
        return [...acked];
      })();
      const { sent, outcomes } = await clients.stream([one, two], a.token, 600, acked);
      const ackedByOne = await killer;
      expect(ackedByOne.length).toBeLessThan(600);
      const duplicates = new Set(outcomes.filter((o) => o.status === 'duplicate').map((o) => o.id));
      for (const id of ackedByOne) expect(duplicates.has(id)).toBe(true);
      expect(outcomes.every((o) => o.status !== 'rejected')).toBe(true);
      expect(await clients.standingOf(two, b.token, challenge.id, a.member.id)).toBe(sent.length);
      expect(await rowCount('select count(distinct id) as n from events')).toBe(sent.length);
      expect(await rowCount('select count(*) as n from events')).toBe(sent.length);
    });

    it('ends a challenge once across three nodes, and tells each participant once', async () => {
      const [one] = (await nodes(1)) as [string];
      const a = await createPack(one, 'Alex');
      const b = await joinPack(one, a.inviteCode, 'Sam');
      const c = await joinPack(one, a.inviteCode, 'Kim');
      const sa = await connected(one, a.token);
      const now = Date.now();
      const end = now + 3000;
      const period = { kind: 'instants' as const, start: now - 1000, end };
      const { challenge } = await ok(sa, 'challenge:create', { metric: 'call', format: 'most', period });
      // Started after the challenge exists, every node's scheduler wakes at its end: they race for it.
      const [two, three] = (await nodes(2)) as [string, string];
      const others = [await connected(two, b.token), await connected(three, c.token)];
      const ended = [sa, ...others].map((s) => record<ChallengeView>(s, 'challenge:ended'));
      await ok(sa, 'activity:log', { events: [logEvent('call', { count: 2 })] });
      await ok(others[0] as TestSocket, 'activity:log', { events: [logEvent()] });
      while (Date.now() < end + 8000 && ended.some((e) => e.length === 0)) await sleep(50);
      await sleep(500);
      expect(ended.map((pushes) => pushes.map((v) => v.id))).toEqual([
        [challenge.id],
        [challenge.id],
        [challenge.id],
      ]);
      expect(ended[0]?.[0]?.result).toMatchObject({ winners: [a.member.id], margin: 1 });
      expect(
        await rowCount("select count(*) as n from challenges where status = 'ended' and result is not null"),
      ).toBe(1);
      const endedBy = await Promise.all(
        [one, two, three].map((u) => metric(u, 'wolfpack_challenges_ended_total')),
      );
      expect(endedBy.reduce((x, y) => x + y, 0)).toBe(1);

      // After a reconnect, to another node, the result is there once; acknowledged, never again.
      for (const [url, token] of [
        [two, a.token],
        [three, b.token],
        [one, c.token],
      ] as const) {
        const unseen: string[][] = [];
        for (let round = 0; round < 2; round++) {
          const socket = await connected(url, token);
          const snap = await ok(socket, 'session:resume', {});
          unseen.push(snap.unseenResults.map((v) => v.id));
          if (snap.unseenResults.length > 0)
            await ok(socket, 'result:ack', { challengeIds: unseen[round] ?? [] });
          socket.close();
        }
        expect(unseen).toEqual([[challenge.id], []]);
      }
    });

    it("makes another node's clients catch up when this node's pushes could not reach Redis", async () => {
      const [one, two] = (await nodes(2)) as [string, string];
      const a = await createPack(one, 'Alex');
      const b = await joinPack(two, a.inviteCode, 'Sam');
      const elsewhere = await createPack(two, 'Kim');
      const alex = await connected(one, a.token);
      const { challenge } = await ok(alex, 'challenge:create', {
        metric: 'call',
        format: 'most',
        period: { kind: 'today' },
      });
      const watcher = await connected(two, b.token);
      const missed = record<unknown>(watcher, 'activity:stored');
      const dropped = new Promise<string>((resolve) => watcher.once('disconnect', resolve));
      const bystander = await connected(two, elsewhere.token);
      let bystanderDropped = false;
      bystander.on('disconnect', () => (bystanderDropped = true));

      const admin = createClient({ url: REDIS_URL });
      await admin.connect();
      try {
        // Redis turns new connections away, and the nodes' publishers are cut: they cannot come
        // back. Their subscriptions stay up, so no node notices anything by itself.
        await admin.configSet('requirepass', 'wolfpack-test-only');
        await killClients(admin, 'wolfpack-publisher');
        const logged = await ok(alex, 'activity:log', { events: [logEvent()] });
        expect(logged.outcomes[0]?.status).toBe('accepted');
        for (let i = 0; i < 40 && (await metric(one, 'wolfpack_fanout_publish_failures_total')) < 1; i++)
          await sleep(25);
        expect(await metric(one, 'wolfpack_fanout_publish_failures_total')).toBeGreaterThan(0);
        await sleep(200);
        expect(missed).toEqual([]);
      } finally {
        await admin.configSet('requirepass', '');
        await admin.quit();
      }
      // Back, node one tells the others which packs missed pushes; node two closes the
      // connections of that pack's sockets only, and a reconnecting client catches up.
      expect(await dropped).toBe('transport close');
      expect(bystanderDropped).toBe(false);
      expect(await clients.standingOf(two, b.token, challenge.id, a.member.id)).toBe(1);
    });

    it('keeps logging while Redis stops answering on open connections, and catches the other node up after', async () => {
      // A queue of four waiting commands: a log takes a rate-limit token and makes two pushes.
      const [one, two] = (await nodes(2, { redisCommandQueue: 4 })) as [string, string];
      const a = await createPack(one, 'Alex');
      const b = await joinPack(two, a.inviteCode, 'Sam');
      const alex = await connected(one, a.token);
      const { challenge } = await ok(alex, 'challenge:create', {
        metric: 'call',
        format: 'most',
        period: { kind: 'today' },
      });
      const watcher = await connected(two, b.token);
      const dropped = new Promise<string>((resolve) => watcher.once('disconnect', resolve));

      const admin = createClient({ url: REDIS_URL });
      const probe = createClient({ url: REDIS_URL });
      await Promise.all([admin.connect(), probe.connect()]);
      try {
        // Redis takes every command and answers none for two seconds; no connection closes.
        await admin.sendCommand(['CLIENT', 'PAUSE', '2000', 'ALL']);
        let answering = false;
        const answered = probe.ping().then(() => (answering = true));
        for (let i = 0; i < 5; i++) {
          const logged = await ok(alex, 'activity:log', { events: [logEvent()] });
          expect(logged.outcomes[0]?.status).toBe('accepted');
        }
        // All five were acknowledged while Redis still answered nothing: no log waits for it.
        expect(answering).toBe(false);
        // Pushes beyond the queue failed at once, and were noted as lost.
        expect(await metric(one, 'wolfpack_fanout_publish_failures_total')).toBeGreaterThan(0);
        await answered;
      } finally {
        await Promise.all([admin.quit(), probe.quit()]);
      }
      // Once Redis answers again, node one tells node two which pack missed pushes; its
      // members' sockets are closed, and a reconnecting client catches up from the database.
      expect(await dropped).toBe('transport close');
      expect(await clients.standingOf(two, b.token, challenge.id, a.member.id)).toBe(5);
    });

    it('keeps every event through a Redis restart, and catches clients up from the database', async () => {
      const [one, two] = (await nodes(2)) as [string, string];
      const a = await createPack(one, 'Alex');
      const b = await joinPack(two, a.inviteCode, 'Sam');
      const { challenge } = await ok(await connected(one, a.token), 'challenge:create', {
        metric: 'call',
        format: 'most',
        period: { kind: 'today' },
      });
      const watcher = await connected(two, b.token);
      const dropped = new Promise<string>((resolve) => watcher.once('disconnect', resolve));
      const acked = new Set<string>();
      let streaming = true;
      const outage = (async () => {
        const waitFor = async (n: number) => {
          while (streaming && acked.size < n) await sleep(5);
        };
        await waitFor(100);
        await stopRedis();
        const before = acked.size;
        // Logs go on being acknowledged while Redis is down: they never depended on it.
        await waitFor(before + 50);
        const during = acked.size - before;
        await ensureRedis();
        return during;
      })();
      const { sent } = await clients
        .stream([one, two], a.token, 800, acked)
        .finally(() => (streaming = false));
      expect(await outage).toBeGreaterThanOrEqual(50);
      // The node closed its sockets once Redis was back, so that their clients catch up.
      expect(await dropped).toBe('transport close');
      for (const url of [one, two]) {
        for (let i = 0; i < 100 && (await metric(url, 'wolfpack_fanout_resyncs_total')) < 1; i++)
          await sleep(50);
        expect(await metric(url, 'wolfpack_fanout_redis_up')).toBe(1);
      }
      await sleep(300);
      expect(await clients.standingOf(two, b.token, challenge.id, a.member.id)).toBe(sent.length);
      const ids = [...acked];
      expect(await rowCount(`select count(*) as n from events where id in ('${ids.join("','")}')`)).toBe(
        ids.length,
      );

      // Live across nodes again.
      const partner = await connected(two, b.token);
      const update = nextStandings(partner, (u) => u.challengeId === challenge.id);
      await ok(await connected(one, a.token), 'activity:log', { events: [logEvent()] });
      expect((await update).standings.find((s) => s.memberId === a.member.id)?.count).toBe(sent.length + 1);
    });
  },
);

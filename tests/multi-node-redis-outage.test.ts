/**
 * Several relay processes on one PostgreSQL schema while their Redis fails: refuses new
 * connections, stops answering, or stops and starts again. The Redis is a redis-server of this
 * file's own, so that no other test's Redis vanishes under it.
 */
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Cluster, metric, pgMissing, record, sleep } from './helpers/multi-node.ts';
import { redisServerMissing, startPrivateRedis, type PrivateRedis } from './helpers/redis.ts';
import { createPack, joinPack, logEvent, nextStandings, ok } from './helpers/relay.ts';

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

const missing = [await pgMissing(), await redisServerMissing()].filter((why): why is string => why !== null);

let redis: PrivateRedis;
const cluster = new Cluster(() => redis.url);
const { clients } = cluster;
const nodes = cluster.nodes.bind(cluster);
const connected = cluster.connected.bind(cluster);
const rowCount = cluster.rowCount.bind(cluster);

(missing.length > 0 ? describe.skip : describe)(
  missing.length > 0
    ? `relay nodes through Redis outages (skipped: ${missing.join('; ')})`
    : 'relay nodes through Redis outages',
  () => {
    beforeAll(async () => {
      redis = await startPrivateRedis();
    });
    afterAll(() => redis.close());
    beforeEach(() => cluster.setUp());
    afterEach(async () => {
      await cluster.tearDown();
      // A scenario that stopped it leaves it running again for the next one.
      await redis.start();
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

      const admin = createClient({ url: redis.url });
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

      const admin = createClient({ url: redis.url });
      const probe = createClient({ url: redis.url });
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
        await redis.stop();
        const before = acked.size;
        // Logs go on being acknowledged while Redis is down: they never depended on it.
        await waitFor(before + 50);
        const during = acked.size - before;
        await redis.start();
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

/**
 * Removals and revoked board links on several relay nodes while Redis, which carries the news
 * between them, is down: each node finds them in the database and cuts off its own sockets, and
 * refuses a departed member's writes before it has. The Redis is a redis-server of this file's
 * own, stopped by the tests.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../core/uuid.ts';
import { Cluster, metric, pgMissing, sleep } from './helpers/multi-node.ts';
import { redisServerMissing, startPrivateRedis, type PrivateRedis } from './helpers/redis.ts';
import { createPack, joinPack, logEvent, ok, request, type TestSocket } from './helpers/relay.ts';

const missing = [await pgMissing(), await redisServerMissing()].filter((why): why is string => why !== null);

let redis: PrivateRedis;
const cluster = new Cluster(() => redis.url);

/** Stops Redis and waits until every node has noticed (so nothing of what follows rides on it). */
async function redisDown(urls: string[]): Promise<void> {
  await redis.stop();
  for (const url of urls) {
    for (let i = 0; i < 100 && (await metric(url, 'wolfpack_fanout_redis_up')) !== 0; i++) await sleep(50);
    expect(await metric(url, 'wolfpack_fanout_redis_up')).toBe(0);
  }
}

/** What a socket is told, in order, and when it is disconnected (ms after `since()` was called). */
function watch(socket: TestSocket, event: 'session:revoked' | 'board:revoked') {
  const heard: string[] = [];
  let from = 0;
  socket.on(event, () => void heard.push(event));
  const disconnected = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('not disconnected within 3 s')), 3000);
    socket.once('disconnect', () => {
      clearTimeout(timer);
      heard.push('disconnect');
      resolve(Date.now() - from);
    });
  });
  // Nothing may reject unobserved before the test awaits it.
  disconnected.catch(() => undefined);
  return {
    heard,
    since: () => void (from = Date.now()),
    disconnected,
  };
}

(missing.length > 0 ? describe.skip : describe)(
  missing.length > 0
    ? `removals across relay nodes without Redis (skipped: ${missing.join('; ')})`
    : 'removals across relay nodes without Redis',
  () => {
    beforeAll(async () => {
      redis = await startPrivateRedis();
    });
    afterAll(() => redis.close());
    beforeEach(() => cluster.setUp());
    afterEach(async () => {
      await cluster.tearDown();
      await redis.start();
    });

    it('cuts off a member removed on another node, and a board revoked there, within a second', async () => {
      const [one, two] = (await cluster.nodes(2)) as [string, string];
      const a = await createPack(one, 'Alex');
      const b = await joinPack(two, a.inviteCode, 'Sam');
      const alex = await cluster.connected(one, a.token);
      const sam = await cluster.connected(two, b.token);
      const { board, token } = await ok(alex, 'board:create', { label: 'Floor' });
      const screen = await cluster.clients.connectBoard(two, token);
      await redisDown([one, two]);

      const samSees = watch(sam, 'session:revoked');
      samSees.since();
      await ok(alex, 'pack:remove-member', { memberId: b.member.id });
      expect(await samSees.disconnected).toBeLessThan(1000);
      expect(samSees.heard).toEqual(['session:revoked', 'disconnect']);

      const screenSees = watch(screen, 'board:revoked');
      screenSees.since();
      await ok(alex, 'board:revoke', { boardId: board.id });
      expect(await screenSees.disconnected).toBeLessThan(1000);
      expect(screenSees.heard).toEqual(['board:revoked', 'disconnect']);

      // The owner, still a member, is left alone.
      await sleep(600);
      expect(alex.connected).toBe(true);
    });

    it('refuses what a removed member and a revoked board ask on another node before they are cut off', async () => {
      // The sweep that cuts them off is a minute away: only the check in each write stands.
      const [one, two] = (await cluster.nodes(2, { revocationSweepMs: 60_000 })) as [string, string];
      const a = await createPack(one, 'Alex');
      const b = await joinPack(two, a.inviteCode, 'Sam');
      const alex = await cluster.connected(one, a.token);
      const sam = await cluster.connected(two, b.token);
      const { board, token } = await ok(alex, 'board:create', { label: 'Floor' });
      const screen = await cluster.clients.connectBoard(two, token);
      const alexLog = logEvent();
      await ok(alex, 'activity:log', { events: [alexLog] });
      // Node two now keeps the pack, and writes Sam's next log in one message from what it kept.
      await ok(sam, 'activity:log', { events: [logEvent()] });
      const retried = await metric(two, 'wolfpack_pg_one_message_retries_total');
      await redisDown([one, two]);

      await ok(alex, 'pack:remove-member', { memberId: b.member.id });
      await ok(alex, 'board:revoke', { boardId: board.id });
      const answers = [
        await request(sam, 'activity:log', { events: [logEvent()] }),
        await request(sam, 'challenge:create', { metric: 'call', format: 'most', period: { kind: 'today' } }),
        await request(sam, 'cheer:send', { id: uuidv7(), reaction: 'cheer', eventId: alexLog.id }),
        await request(screen, 'board:resume', {}),
      ];
      expect(answers.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([
        'unauthorized',
        'unauthorized',
        'unauthorized',
        'unauthorized',
      ]);
      expect(sam.connected && screen.connected).toBe(true);
      // The log went the one-message way, and the database turned it back: Sam had left.
      expect(await metric(two, 'wolfpack_pg_one_message_retries_total')).toBe(retried + 1);
      const by = [b.member.id];
      expect(await cluster.rowCount('select count(*) as n from events where member_id = $1', by)).toBe(1);
      expect(await cluster.rowCount('select count(*) as n from challenges')).toBe(0);
      expect(await cluster.rowCount('select count(*) as n from cheers')).toBe(0);
    });
  },
);

/**
 * Several relay processes on one PostgreSQL schema and the machine's Redis, as a large
 * organisation runs them. Nothing here disturbs that Redis: the scenarios that stop, pause or
 * lock it out run on a redis-server of their own (multi-node-redis-outage.test.ts,
 * multi-node-revocation.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChallengeView } from '../core/types.ts';
import { Cluster, metric, pgMissing, record, sleep } from './helpers/multi-node.ts';
import { REDIS_URL, redisUnavailable } from './helpers/redis.ts';
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

const missing = [
  await pgMissing(),
  await redisUnavailable().then((why) => (why ? `no Redis at ${REDIS_URL}: ${why}` : null)),
].filter((why): why is string => why !== null);

const cluster = new Cluster(() => REDIS_URL);
const { clients } = cluster;
const nodes = cluster.nodes.bind(cluster);
const connected = cluster.connected.bind(cluster);
const rowCount = cluster.rowCount.bind(cluster);

(missing.length > 0 ? describe.skip : describe)(
  missing.length > 0
    ? `relay nodes on PostgreSQL and Redis (skipped: ${missing.join('; ')})`
    : 'relay nodes on PostgreSQL and Redis',
  () => {
    beforeEach(() => cluster.setUp());
    afterEach(() => cluster.tearDown());

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
        const first = cluster.group.nodes[0];
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
  },
);

/**
 * A log in one message on PostgreSQL: a node keeps what it read of a pack (the pack, its metrics,
 * its open challenges and who takes part), and a later log checks, under the pack's lock, that
 * nothing of it changed, then writes without reading. Two relays on one schema stand for two
 * nodes: whatever one changes, the other must notice before it counts anything.
 */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { metric, sleep } from './helpers/multi-node.ts';
import { PG_URL, createSchema, pgUnavailable, type TestSchema } from './helpers/pg.ts';
import {
  connect,
  logEvent,
  nextPush,
  nextStandings,
  ok,
  pair,
  removeDir,
  request,
  testRelay,
  type TestRelay,
  type TestSocket,
} from './helpers/relay.ts';

const missing = await pgUnavailable();
let schema: TestSchema;
let one: TestRelay;
let two: TestRelay;

const done = (url: string) => metric(url, 'wolfpack_pg_one_message_logs_total');
const retried = (url: string) => metric(url, 'wolfpack_pg_one_message_retries_total');

async function tally(challengeId: string, memberId: string): Promise<number | undefined> {
  const rows = await schema.query<{ count: number }>(
    'select count from participants where challenge_id = $1 and member_id = $2',
    [challengeId, memberId],
  );
  return rows[0]?.count;
}

async function version(packId: string): Promise<number> {
  const rows = await schema.query<{ v: string }>('select config_version as v from packs where id = $1', [
    packId,
  ]);
  return Number(rows[0]?.v);
}

/** The challenge most tests log into. */
function mostCallsToday(socket: TestSocket) {
  return ok(socket, 'challenge:create', { metric: 'call', format: 'most', period: { kind: 'today' } });
}

/** Logs once, so that the node keeps the pack; the next log of the pack goes in one message. */
async function warm(socket: TestSocket): Promise<void> {
  await ok(socket, 'activity:log', { events: [logEvent('email')] });
}

(missing ? describe.skip : describe)(
  missing
    ? `one-message logs (skipped: no PostgreSQL at ${PG_URL}: ${missing})`
    : 'one-message logs on PostgreSQL',
  () => {
    beforeEach(async () => {
      schema = await createSchema();
      one = await testRelay({ databaseUrl: schema.url });
      two = await testRelay({ databaseUrl: schema.url });
    });
    afterEach(async () => {
      await Promise.all([one.close(), two.close()]);
      removeDir(one.dir);
      removeDir(two.dir);
      await schema.drop();
    });

    it('writes a log in one message once the node keeps the pack, and counts it once', async () => {
      const { a, sa, sb } = await pair(one.url);
      const { challenge } = await mostCallsToday(sa);
      await warm(sa);
      const before = await done(one.url);
      const update = nextStandings(sb, (u) => u.challengeId === challenge.id);
      const first = logEvent('call', { count: 2 });
      const { outcomes } = await ok(sa, 'activity:log', { events: [first] });
      expect(outcomes[0]).toEqual({ id: first.id, status: 'accepted', seq: expect.any(Number) });
      expect(await done(one.url)).toBe(before + 1);
      // The push carries the tallies as the database holds them, and the sender's number.
      const pushed = await update;
      expect(pushed.standings.find((s) => s.memberId === a.member.id)?.count).toBe(2);
      expect(pushed.seq).toBe(outcomes[0] && 'seq' in outcomes[0] ? outcomes[0].seq : -1);

      // Resent (its ack lost): found, answered with its first number, counted once.
      const again = await ok(sa, 'activity:log', { events: [first] });
      expect(again.outcomes[0]).toEqual({ ...outcomes[0], status: 'duplicate' });
      expect(await tally(challenge.id, a.member.id)).toBe(2);
      const daily = await schema.query<{ n: number }>(
        "select sum(count)::int as n from daily_counts where member_id = $1 and metric = 'call'",
        [a.member.id],
      );
      expect(daily).toEqual([{ n: 2 }]);
    });

    it('counts a log in a challenge that another node created since this node kept the pack', async () => {
      const { a, b, sa } = await pair(one.url);
      await mostCallsToday(sa);
      await warm(sa);
      const refusedBefore = await retried(one.url);
      // Node two creates a second challenge: node one's copy of the pack is now out of date.
      const onTwo = await connect(two.url, b.token);
      const { challenge: later } = await ok(onTwo, 'challenge:create', {
        metric: 'call',
        format: 'most',
        period: { kind: 'this-week' },
      });
      await ok(sa, 'activity:log', { events: [logEvent('call', { count: 3 })] });
      expect(await tally(later.id, a.member.id)).toBe(3);
      expect(await retried(one.url)).toBe(refusedBefore + 1);
      onTwo.close();
    });

    it('stops counting for a member who declined on another node', async () => {
      const { b, sa, sb } = await pair(one.url);
      const { challenge } = await mostCallsToday(sa);
      await warm(sb);
      const onTwo = await connect(two.url, b.token);
      await ok(onTwo, 'challenge:decline', { challengeId: challenge.id });
      await ok(sb, 'activity:log', { events: [logEvent('call', { count: 5 })] });
      expect(await tally(challenge.id, b.member.id)).toBe(0);
      onTwo.close();
    });

    it('ends a race once on the log that reaches its target (a pack with an open race logs as before)', async () => {
      const { a, sa, sb } = await pair(one.url);
      const { challenge } = await ok(sa, 'challenge:create', {
        metric: 'call',
        format: 'race',
        target: 3,
        period: { kind: 'today' },
      });
      await warm(sa);
      const oneMessage = await done(one.url);
      const ended = nextPush(sb, 'challenge:ended', (c) => c.id === challenge.id);
      await ok(sa, 'activity:log', { events: [logEvent('call', { count: 2 })] });
      await ok(sa, 'activity:log', { events: [logEvent('call', { count: 1 })] });
      const view = await ended;
      expect(view.result?.winners).toEqual([a.member.id]);
      expect(await done(one.url)).toBe(oneMessage);
    });

    it("records when a goal's target was reached, and takes it back on an undo, as the usual path does", async () => {
      const { a, sa, sb } = await pair(one.url);
      const { challenge } = await ok(sa, 'challenge:create', {
        metric: 'call',
        format: 'goal',
        target: 3,
        period: { kind: 'today' },
      });
      await warm(sa);
      const before = await done(one.url);
      const reachedAt = async () =>
        (
          await schema.query<{ reached_at: string | null }>(
            'select reached_at from participants where challenge_id = $1 and member_id = $2',
            [challenge.id, a.member.id],
          )
        )[0]?.reached_at ?? null;
      await ok(sa, 'activity:log', { events: [logEvent('call', { count: 2 })] });
      expect(await reachedAt()).toBeNull();
      const reaching = logEvent('call', { count: 2 });
      const update = nextStandings(sb, (u) => u.standings.some((s) => s.count === 4));
      await ok(sa, 'activity:log', { events: [reaching] });
      const reached = Number(await reachedAt());
      expect(reached).toBeGreaterThan(0);
      expect((await update).standings.find((s) => s.memberId === a.member.id)?.reachedAt).toBe(reached);
      // Both went in one message; the undo goes the usual way and finds what they wrote.
      expect(await done(one.url)).toBe(before + 2);
      const undo = {
        id: logEvent().id,
        type: 'undo' as const,
        retracts: reaching.id,
        occurredAt: Date.now(),
      };
      await ok(sa, 'activity:log', { events: [undo] });
      expect(await tally(challenge.id, a.member.id)).toBe(2);
      expect(await reachedAt()).toBeNull();
    });

    it('answers id_taken for an id another pack took, even from the one-message path', async () => {
      const mine = await pair(one.url);
      const other = await pair(one.url);
      const { challenge } = await mostCallsToday(mine.sa);
      await warm(mine.sa);
      const taken = logEvent();
      await ok(other.sa, 'activity:log', { events: [taken] });
      const res = await request(mine.sa, 'activity:log', { events: [taken] });
      expect(res).toEqual({
        ok: true,
        outcomes: [
          {
            id: taken.id,
            status: 'rejected',
            error: {
              code: 'id_taken',
              message: 'this event id is taken; send the event again with a new id',
            },
          },
        ],
        bests: [],
      });
      expect(await tally(challenge.id, mine.a.member.id)).toBe(0);
    });

    it("waits for the pack's lock like every other writer of the pack", async () => {
      const { a, sa } = await pair(one.url);
      const { challenge } = await mostCallsToday(sa);
      await warm(sa);
      const before = await done(one.url);
      // Another node's transaction of this pack, holding its lock (the key every writer uses).
      const holder = new pg.Client({ connectionString: schema.url });
      await holder.connect();
      try {
        await holder.query('begin');
        await holder.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [a.pack.id]);
        let answered = false;
        const sent = ok(sa, 'activity:log', { events: [logEvent()] }).finally(() => (answered = true));
        await sleep(300);
        expect(answered).toBe(false);
        await holder.query('commit');
        expect((await sent).outcomes[0]?.status).toBe('accepted');
      } finally {
        await holder.end();
      }
      expect(await done(one.url)).toBe(before + 1);
      expect(await tally(challenge.id, a.member.id)).toBe(1);
    });

    it('moves the version on every change a node keeps, and not on a tally', async () => {
      const { a, b, sa } = await pair(one.url);
      const pack = a.pack.id;
      const steps: [string, () => Promise<unknown>][] = [
        ['a challenge', () => mostCallsToday(sa)],
        ['a metric', () => ok(sa, 'metric:add', { id: 'visit', label: 'Site visits' })],
        ['the invite code', () => ok(sa, 'pack:rotate-invite', {})],
      ];
      for (const [what, step] of steps) {
        const before = await version(pack);
        await step();
        expect(await version(pack), what).toBeGreaterThan(before);
      }
      const { challenges } = await ok(sa, 'challenge:list', {});
      const challengeId = challenges[0]?.id ?? '';
      // Straight in the database, as any writer might: a decline, a new participant, a removal.
      const direct: [string, string, unknown[]][] = [
        [
          'a decline',
          'update participants set declined = true where challenge_id = $1 and member_id = $2',
          [challengeId, b.member.id],
        ],
        [
          'a participant removed',
          'delete from participants where challenge_id = $1 and member_id = $2',
          [challengeId, b.member.id],
        ],
        [
          'a participant added',
          'insert into participants (challenge_id, member_id, position) values ($1, $2, 9)',
          [challengeId, b.member.id],
        ],
        ['a challenge updated', "update challenges set title = 'Renamed' where id = $1", [challengeId]],
        ['a metric removed', 'delete from metrics where pack_id = $1', [pack]],
      ];
      for (const [what, sql, values] of direct) {
        const before = await version(pack);
        await schema.query(sql, values);
        expect(await version(pack), what).toBeGreaterThan(before);
      }
      const before = await version(pack);
      await ok(sa, 'activity:log', { events: [logEvent('call', { count: 4 })] });
      await schema.query('update participants set count = count + 1 where challenge_id = $1', [challengeId]);
      expect(await version(pack)).toBe(before);
      expect(await tally(challengeId, a.member.id)).toBe(5);
    });

    it('keeps its copy of a pack correct through a stream of logs from both nodes', async () => {
      const { a, b, sa } = await pair(one.url);
      const { challenge } = await mostCallsToday(sa);
      const sb2 = await connect(two.url, b.token);
      const sends = [];
      for (let i = 0; i < 40; i++) {
        sends.push(
          ok(i % 2 ? sb2 : sa, 'activity:log', { events: [logEvent('call', { count: 1 + (i % 3) })] }),
        );
        if (i % 10 === 0) await sleep(5);
      }
      await Promise.all(sends);
      const expected = (odd: boolean) =>
        Array.from({ length: 40 }, (_, i) => i)
          .filter((i) => (i % 2 === 1) === odd)
          .reduce((n, i) => n + 1 + (i % 3), 0);
      expect(await tally(challenge.id, a.member.id)).toBe(expected(false));
      expect(await tally(challenge.id, b.member.id)).toBe(expected(true));
      // Most of them went in one message: tallies from both nodes change nothing a node keeps.
      expect((await done(one.url)) + (await done(two.url))).toBeGreaterThan(30);
      sb2.close();
    });
  },
);

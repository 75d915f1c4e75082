/**
 * Logging on a relay whose storage is PostgreSQL. A log's insert travels with its tally writes
 * and the commit, so a clash on the event id shows up only at the commit; these tests hold the
 * relay to the same outcomes as the single node's (tests/relay-live.test.ts) all the same.
 */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sleep } from './helpers/multi-node.ts';
import { PG_URL, createSchema, pgUnavailable, type TestSchema } from './helpers/pg.ts';
import {
  logEvent,
  nextFeedEntry,
  nextStandings,
  ok,
  pair,
  removeDir,
  request,
  testRelay,
  type TestRelay,
} from './helpers/relay.ts';

const missing = await pgUnavailable();
let schema: TestSchema;
let relay: TestRelay;

(missing ? describe.skip : describe)(
  missing
    ? `a relay on PostgreSQL (skipped: no PostgreSQL at ${PG_URL}: ${missing})`
    : 'a relay on PostgreSQL',
  () => {
    beforeEach(async () => {
      schema = await createSchema();
      relay = await testRelay({ databaseUrl: schema.url });
    });
    afterEach(async () => {
      await relay.close();
      removeDir(relay.dir);
      await schema.drop();
    });

    it('acks a batch with sequence numbers, reports a repeated id as a duplicate, and moves the tally once', async () => {
      const { a, sa, sb } = await pair(relay.url);
      const { challenge } = await ok(sa, 'challenge:create', {
        metric: 'call',
        format: 'most',
        period: { kind: 'today' },
      });
      const first = logEvent('call', { count: 2 });
      const second = logEvent('call', { count: 3 });
      const standings = nextStandings(sb, (u) => u.standings[0]?.count === 5);
      const feed = nextFeedEntry(sb, (e) => e.eventId === second.id);
      const { outcomes } = await ok(sa, 'activity:log', { events: [first, second, first] });

      const [one, two, again] = outcomes;
      expect(one).toEqual({ id: first.id, status: 'accepted', seq: expect.any(Number) });
      expect(two?.status).toBe('accepted');
      expect(two && 'seq' in two && one && 'seq' in one && two.seq > one.seq).toBe(true);
      expect(again).toEqual({ id: first.id, status: 'duplicate', seq: one && 'seq' in one ? one.seq : -1 });
      // The partner's pushes carry the numbers the sender was given.
      const update = await standings;
      expect(update.challengeId).toBe(challenge.id);
      expect(update.seq).toBe(two && 'seq' in two ? two.seq : -1);
      expect((await feed).seq).toBe(update.seq);

      const rows = await schema.query<{ count: number }>(
        'select count from participants where challenge_id = $1 and member_id = $2',
        [challenge.id, a.member.id],
      );
      expect(rows).toEqual([{ count: 5 }]);
      const undo = { id: logEvent().id, type: 'undo' as const, retracts: first.id, occurredAt: Date.now() };
      const undone = await ok(sa, 'activity:log', { events: [undo] });
      expect(undone.outcomes[0]?.status).toBe('accepted');
      expect(
        await schema.query('select count from participants where challenge_id = $1 and member_id = $2', [
          challenge.id,
          a.member.id,
        ]),
      ).toEqual([{ count: 3 }]);
    });

    it('answers id_taken for an id that another pack stores at the same moment, and counts nothing of it', async () => {
      const one = await pair(relay.url);
      const other = await pair(relay.url);
      const { challenge } = await ok(one.sa, 'challenge:create', {
        metric: 'call',
        format: 'most',
        period: { kind: 'today' },
      });
      const clash = logEvent('call', { count: 4 });

      // The other pack's insert of the same id, not yet committed, as on another relay node.
      const holder = new pg.Client({ connectionString: schema.url });
      await holder.connect();
      try {
        await holder.query('begin');
        await holder.query(
          `insert into events (id, pack_id, member_id, type, metric, count, occurred_at, received_at)
           values ($1, $2, $3, 'log', 'call', 1, $4, $4)`,
          [clash.id, other.a.pack.id, other.a.member.id, Date.now()],
        );
        let answered = false;
        const sent = request(one.sa, 'activity:log', { events: [clash] }).finally(() => (answered = true));
        // The relay looked the id up (not there yet) and now waits at its insert for the holder.
        await sleep(300);
        expect(answered).toBe(false);
        await holder.query('commit');

        const res = await sent;
        expect(res).toEqual({
          ok: true,
          outcomes: [
            {
              id: clash.id,
              status: 'rejected',
              error: {
                code: 'id_taken',
                message: 'this event id is taken; send the event again with a new id',
              },
            },
          ],
          bests: [],
        });
      } finally {
        await holder.end();
      }
      expect(
        await schema.query('select count from participants where challenge_id = $1', [challenge.id]),
      ).toEqual([{ count: 0 }, { count: 0 }]);
      expect(await schema.query('select pack_id from events where id = $1', [clash.id])).toEqual([
        { pack_id: other.a.pack.id },
      ]);
      expect(await schema.query('select count(*)::int as n from daily_counts')).toEqual([{ n: 0 }]);
      // The pack goes on logging as before.
      const next = await ok(one.sa, 'activity:log', { events: [logEvent()] });
      expect(next.outcomes[0]?.status).toBe('accepted');
    });
  },
);

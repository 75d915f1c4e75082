/**
 * Streaks, personal bests and the weekly recap against a real relay, on SQLite and on
 * PostgreSQL, with the relay's clock walked through a fortnight in Berlin (weeks from Monday).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonalBest, ProgressReport } from '../core/progress-types.ts';
import { startOfLocalDay } from '../core/time-window.ts';
import type { LogEvent } from '../core/types.ts';
import { createSchema, PG_URL, pgUnavailable, type TestSchema } from './helpers/pg.ts';
import {
  logEvent,
  nextPush,
  ok,
  pair,
  removeDir,
  request,
  testRelay,
  type TestRelay,
  type TestSocket,
} from './helpers/relay.ts';

const ZONE = 'Europe/Berlin';
const HOUR = 3_600_000;
/** 10:00 in Berlin on that day. 2026-03-02 is a Monday. */
const at = (day: string, hour = 10) => startOfLocalDay(day, ZONE) + hour * HOUR;

const bestsOf = (bests: PersonalBest[] | undefined) =>
  (bests ?? []).map((b) => `${b.kind} ${b.previous}->${b.count}`);

function callsOf(report: ProgressReport, memberId: string) {
  return report.members.find((m) => m.memberId === memberId)?.metrics.find((x) => x.metric === 'call');
}

function progressSuite(
  title: string,
  skip: string | null,
  open: (clock: () => number) => Promise<TestRelay>,
) {
  (skip ? describe.skip : describe)(skip ? `${title} (skipped: ${skip})` : title, () => {
    let now = at('2026-03-02');
    let relay: TestRelay;
    let sa: TestSocket;
    let sb: TestSocket;
    let a: string;
    let b: string;
    const log = async (socket: TestSocket, count: number, extra: Partial<LogEvent> = {}) =>
      ok(socket, 'activity:log', { events: [logEvent('call', { count, occurredAt: now, ...extra })] });

    beforeAll(async () => {
      relay = await open(() => now);
      const p = await pair(relay.url);
      ({ sa, sb } = p);
      a = p.a.member.id;
      b = p.b.member.id;
    });
    afterAll(async () => {
      sa?.close();
      sb?.close();
      await relay?.close();
      if (relay) removeDir(relay.dir);
    });

    it('counts a streak of days at target, reports a beaten best day in the ack, and an undo lowers the day', async () => {
      // Monday: the first log ever beats no record.
      expect(bestsOf((await log(sa, 2)).bests)).toEqual([]);
      // Tuesday: more than Monday, the best day; the week was already this one.
      now = at('2026-03-03');
      expect(bestsOf((await log(sa, 3)).bests)).toEqual(['day 2->3']);
      // The partner's log is not the member's record, and the member's ack carries only their own.
      expect((await log(sb, 1)).bests).toEqual([]);

      now = at('2026-03-04');
      expect(await ok(sa, 'progress:target', { metric: 'call', target: 2 })).toEqual({ ok: true, target: 2 });
      await log(sa, 1);
      let report = (await ok(sa, 'progress:get', {})).report;
      expect(report.today).toBe('2026-03-04');
      // Wednesday at 1 of 2 does not break Monday and Tuesday.
      expect(callsOf(report, a)).toMatchObject({ target: 2, today: 1, streak: 2, bestStreak: 2 });
      const second = logEvent('call', { count: 1, occurredAt: now });
      await ok(sa, 'activity:log', { events: [second] });
      report = (await ok(sa, 'progress:get', {})).report;
      expect(callsOf(report, a)).toMatchObject({ today: 2, streak: 3, bestStreak: 3 });
      // The partner kept the default target of 1; only Tuesday counts, and Wednesday is not met yet.
      expect(callsOf(report, b)).toMatchObject({ target: 1, today: 0, streak: 1, bestDay: { count: 1 } });

      const undo = { id: logEvent().id, type: 'undo' as const, retracts: second.id, occurredAt: now };
      expect((await ok(sa, 'activity:log', { events: [undo] })).bests).toEqual([]);
      report = (await ok(sa, 'progress:get', {})).report;
      expect(callsOf(report, a)).toMatchObject({
        today: 1,
        streak: 2,
        bestStreak: 2,
        bestDay: { count: 3, day: '2026-03-03' },
        bestWeek: { count: 6, weekStart: '2026-03-02' },
      });
    });

    it('refuses bad targets and weeks with a clear error, and changes nothing', async () => {
      // Another pack counts demos; this one does not.
      const other = await pair(relay.url);
      await ok(other.sa, 'metric:add', { id: 'demo', label: 'Demos' });
      other.sa.close();
      other.sb.close();
      const cases: [
        string,
        () => Promise<{ ok: boolean; error?: { code: string; message: string } }>,
        string,
      ][] = [
        [
          "another pack's metric",
          () => request(sa, 'progress:target', { metric: 'demo', target: 3 }),
          'unknown_metric',
        ],
        [
          'no such metric',
          () => request(sa, 'progress:target', { metric: 'nope', target: 3 }),
          'unknown_metric',
        ],
        ['target 0', () => request(sa, 'progress:target', { metric: 'call', target: 0 }), 'bad_request'],
        ['target 1.5', () => request(sa, 'progress:target', { metric: 'call', target: 1.5 }), 'bad_request'],
        [
          'target 10001',
          () => request(sa, 'progress:target', { metric: 'call', target: 10_001 }),
          'bad_request',
        ],
        ['a day that is not', () => request(sa, 'recap:week', { weekStart: '2026-02-30' }), 'bad_request'],
        ['a week to come', () => request(sa, 'recap:week', { weekStart: '2026-03-16' }), 'bad_request'],
      ];
      for (const [what, send, code] of cases) {
        const answer = await send();
        expect(answer.ok, what).toBe(false);
        expect(answer.error?.code, what).toBe(code);
        expect(answer.error?.message.length, what).toBeGreaterThan(5);
      }
      expect(callsOf((await ok(sa, 'progress:get', {})).report, a)?.target).toBe(2);
    });

    it('recaps a fixed week: counts against the week before, challenges won and lost, streaks at its end', async () => {
      // A one-hour race on Wednesday that the partner wins.
      const { challenge } = await ok(sa, 'challenge:create', {
        metric: 'call',
        format: 'most',
        title: 'Wednesday hour',
        period: { kind: 'instants', start: now, end: now + HOUR },
      });
      await log(sb, 3);
      const ended = nextPush(sa, 'challenge:ended', (c) => c.id === challenge.id);
      now += 2 * HOUR;
      // Any new challenge wakes the scheduler, which ends the race on the relay's clock.
      await ok(sa, 'challenge:create', {
        metric: 'proposal',
        format: 'most',
        period: { kind: 'instants', start: now, end: now + 30 * 24 * HOUR },
      });
      expect((await ended).result?.winners).toEqual([b]);
      // The partner keeps the target on Thursday and Friday: a run from Tuesday to Friday.
      now = at('2026-03-05');
      await log(sb, 1);
      now = at('2026-03-06');
      await log(sb, 1);

      // The next Monday: last week is the default, and any day of it names the same week.
      now = at('2026-03-09');
      const { recap } = await ok(sa, 'recap:week', {});
      expect(await ok(sa, 'recap:week', { weekStart: '2026-03-05' })).toEqual({ ok: true, recap });
      expect(recap).toMatchObject({
        weekStart: '2026-03-02',
        weekEnd: '2026-03-08',
        previousWeekStart: '2026-02-23',
        timeZone: ZONE,
      });
      const mine = recap.members.find((m) => m.memberId === a);
      const theirs = recap.members.find((m) => m.memberId === b);
      expect(mine?.counts.find((c) => c.metric === 'call')).toEqual({
        metric: 'call',
        week: 6,
        previousWeek: 0,
      });
      expect(theirs?.counts.find((c) => c.metric === 'call')).toEqual({
        metric: 'call',
        week: 6,
        previousWeek: 0,
      });
      expect(mine?.challenges).toEqual([
        { challengeId: challenge.id, title: 'Wednesday hour', outcome: 'lost' },
      ]);
      expect(mine).toMatchObject({ won: 0, lost: 1, tied: 0 });
      expect(theirs).toMatchObject({ won: 1, lost: 0, tied: 0 });
      // At the week's end (Sunday): A's Wednesday fell short of 2; B met 1 from Tuesday to Friday.
      expect(mine?.streaks.find((s) => s.metric === 'call')).toEqual({ metric: 'call', streak: 0 });
      expect(theirs?.streaks.find((s) => s.metric === 'call')).toEqual({ metric: 'call', streak: 4 });
    });

    it('reports a best week beaten, and the new records in progress', async () => {
      // Monday 9th: 7 calls beat the best day (3) and last week (6).
      expect(bestsOf((await log(sa, 7)).bests)).toEqual(['day 3->7', 'week 6->7']);
      const calls = callsOf((await ok(sa, 'progress:get', {})).report, a);
      expect(calls).toMatchObject({
        today: 7,
        streak: 1,
        bestStreak: 2,
        bestDay: { count: 7, day: '2026-03-09' },
        bestWeek: { count: 7, weekStart: '2026-03-09' },
      });
    });
  });
}

progressSuite('progress on a SQLite relay', null, (clock) => testRelay({ clock }));

const missing = await pgUnavailable();
let schema: TestSchema | null = null;
progressSuite(
  'progress on a PostgreSQL relay',
  missing ? `no PostgreSQL at ${PG_URL}: ${missing}` : null,
  async (clock) => {
    schema = await createSchema();
    return testRelay({ clock, databaseUrl: schema.url });
  },
);
afterAll(async () => {
  await schema?.drop();
});

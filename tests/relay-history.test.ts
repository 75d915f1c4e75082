import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateOf, weekStartDate } from '../core/time-window.ts';
import { spawnRelay } from './helpers/relay-process.ts';
import {
  connect,
  joinPack,
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
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let relay: TestRelay;
beforeAll(async () => {
  relay = await testRelay();
});
afterAll(async () => {
  await relay.close();
  removeDir(relay.dir);
});

/** Runs a one-second "most calls" challenge in which A logs `a` calls and B logs `b`. */
async function duel(sa: TestSocket, sb: TestSocket, a: number, b: number, metric = 'call') {
  const now = Date.now();
  const { challenge } = await ok(sa, 'challenge:create', {
    metric,
    format: 'most',
    period: { kind: 'instants', start: now - 1000, end: now + 700 },
  });
  if (a > 0) await ok(sa, 'activity:log', { events: [logEvent(metric, { count: a })] });
  if (b > 0) await ok(sb, 'activity:log', { events: [logEvent(metric, { count: b })] });
  return nextPush(sa, 'challenge:ended', (c) => c.id === challenge.id);
}

describe('history', () => {
  it('pages ended challenges newest first, with filters, and keeps the head-to-head record', async () => {
    const { a, b, sa, sb } = await pair(relay.url);
    // One after another: two overlapping call challenges would both count every call.
    await duel(sa, sb, 3, 1);
    await duel(sa, sb, 1, 2, 'appointment');
    await duel(sa, sb, 2, 2);
    const first = await ok(sa, 'history:challenges', { limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await ok(sa, 'history:challenges', { limit: 2, cursor: first.nextCursor ?? '' });
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const all = [...first.items, ...second.items];
    expect(new Set(all.map((c) => c.id)).size).toBe(3);
    const endedAts = all.map((c) => c.endedAt ?? 0);
    expect([...endedAts].sort((x, y) => y - x)).toEqual(endedAts);
    expect(all.every((c) => c.result !== null)).toBe(true);

    // Filtered by partner (this once hung the relay: a read nested in a read).
    const withSam = await ok(sa, 'history:challenges', { memberId: b.member.id });
    expect(withSam.items).toHaveLength(3);
    const appointments = await ok(sa, 'history:challenges', { metric: 'appointment' });
    expect(appointments.items.map((c) => c.result?.winners)).toEqual([[b.member.id]]);

    const record = await ok(sa, 'history:head-to-head', { memberId: a.member.id, otherId: b.member.id });
    expect(record).toMatchObject({ wins: 1, losses: 1, ties: 1, challenges: 3 });
    const mirrored = await ok(sb, 'history:head-to-head', { memberId: b.member.id, otherId: a.member.id });
    expect(mirrored).toMatchObject({ wins: 1, losses: 1, ties: 1 });

    // A third partner wins; head to head, whoever of the two finished ahead still takes it.
    const c = await joinPack(relay.url, a.inviteCode, 'Kim');
    const sc = await connect(relay.url, c.token);
    const now = Date.now();
    const { challenge } = await ok(sa, 'challenge:create', {
      metric: 'proposal',
      format: 'most',
      period: { kind: 'instants', start: now - 1000, end: now + 700 },
    });
    await ok(sc, 'activity:log', { events: [logEvent('proposal', { count: 5 })] });
    await ok(sb, 'activity:log', { events: [logEvent('proposal', { count: 2 })] });
    await ok(sa, 'activity:log', { events: [logEvent('proposal', { count: 1 })] });
    const ended = await nextPush(sa, 'challenge:ended', (v) => v.id === challenge.id);
    expect(ended.result?.winners).toEqual([c.member.id]);
    expect(
      await ok(sb, 'history:head-to-head', { memberId: b.member.id, otherId: a.member.id }),
    ).toMatchObject({
      wins: 2,
      losses: 1,
      ties: 1,
      challenges: 4,
    });
    sc.close();
    sa.close();
    sb.close();
  });

  it('does not count a 0 to 0 as a tie or a loss head to head: it is no result', async () => {
    const { a, b, sa, sb } = await pair(relay.url);
    await duel(sa, sb, 2, 1);
    // Another metric: the calls just logged lie inside this window too.
    const nothing = await duel(sa, sb, 0, 0, 'proposal');
    expect(nothing.result).toMatchObject({ winners: [], tie: false });
    // Before the fix both shared rank 1 and the pair got a tie each.
    expect(
      await ok(sa, 'history:head-to-head', { memberId: a.member.id, otherId: b.member.id }),
    ).toMatchObject({
      memberId: a.member.id,
      otherId: b.member.id,
      wins: 1,
      losses: 0,
      ties: 0,
      challenges: 2,
    });
    expect(
      await ok(sb, 'history:head-to-head', { memberId: b.member.id, otherId: a.member.id }),
    ).toMatchObject({ wins: 0, losses: 1, ties: 0, challenges: 2 });
    sa.close();
    sb.close();
  });

  it('counts activity per member and metric by day and by week, and an undo takes it back', async () => {
    const { a, b, sa, sb } = await pair(relay.url);
    const calls = logEvent('call', { count: 4 });
    await ok(sa, 'activity:log', { events: [calls, logEvent('proposal')] });
    await ok(sb, 'activity:log', { events: [logEvent('call', { count: 2 })] });
    const today = localDateOf(Date.now(), 'Europe/Berlin');
    const byDay = await ok(sa, 'history:counts', { from: today, to: today, bucket: 'day' });
    expect(byDay.rows).toEqual(
      expect.arrayContaining([
        { memberId: a.member.id, metric: 'call', bucket: today, count: 4 },
        { memberId: a.member.id, metric: 'proposal', bucket: today, count: 1 },
        { memberId: b.member.id, metric: 'call', bucket: today, count: 2 },
      ]),
    );
    const week = await ok(sa, 'history:counts', { from: today, to: today, bucket: 'week', metric: 'call' });
    const monday = weekStartDate(today, 1);
    expect(week.rows).toHaveLength(2);
    expect(week.rows.every((r) => r.bucket === monday && r.metric === 'call')).toBe(true);

    await ok(sa, 'activity:log', {
      events: [{ id: logEvent().id, type: 'undo', retracts: calls.id, occurredAt: Date.now() }],
    });
    const after = await ok(sa, 'history:counts', { from: today, to: today, bucket: 'day', metric: 'call' });
    expect(after.rows).toEqual([{ memberId: b.member.id, metric: 'call', bucket: today, count: 2 }]);
    sa.close();
    sb.close();
  });

  it('exports events and results as CSV for a member token, and only that pack', async () => {
    const { a, sa, sb } = await pair(relay.url);
    await ok(sa, 'activity:log', { events: [logEvent('call', { note: '=HYPERLINK("x"), "quoted"' })] });
    await duel(sa, sb, 1, 0);
    const other = await pair(relay.url);
    await ok(other.sa, 'activity:log', { events: [logEvent('appointment')] });

    const events = await fetch(`${relay.url}/api/export/events.csv`, {
      headers: { authorization: `Bearer ${a.token}` },
    });
    expect(events.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await events.text()).trim().split('\n');
    expect(lines[0]).toBe(
      'seq,id,member,type,metric,count,occurred_at,meeting_date,note,retracts,retracted_by',
    );
    expect(lines).toHaveLength(3);
    // A note that looks like a formula is defused and quoted.
    expect(lines[1]).toContain(`"'=HYPERLINK(""x""), ""quoted"""`);
    expect(lines.some((l) => l.includes('appointment'))).toBe(false);

    const results = await (
      await fetch(`${relay.url}/api/export/challenges.csv`, {
        headers: { authorization: `Bearer ${a.token}` },
      })
    ).text();
    const rows = results.trim().split('\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain('Alex');
    sa.close();
    sb.close();
    other.sa.close();
    other.sb.close();
  });
});

describe('operations', () => {
  it('reports health and Prometheus metrics', async () => {
    const { sa, sb } = await pair(relay.url);
    await ok(sa, 'activity:log', { events: [logEvent()] });
    expect(await (await fetch(`${relay.url}/healthz`)).json()).toEqual({ ok: true });
    const metrics = await (await fetch(`${relay.url}/metrics`)).text();
    expect(metrics).toMatch(/^wolfpack_connected_sockets \d+$/m);
    expect(Number(/^wolfpack_connected_sockets (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(2);
    expect(Number(/^wolfpack_events_ingested_total (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
    expect(metrics).toMatch(/wolfpack_ack_latency_seconds_bucket\{le="0.005",event="activity:log"\}/);
    sa.close();
    sb.close();
  });

  it('on SIGTERM finishes the acknowledgements in flight, then exits with nothing lost', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wolfpack-term-'));
    try {
      const db = join(dir, 'relay.sqlite');
      const first = await spawnRelay(db, 0);
      const { a, sa } = await pair(first.url);
      const events = Array.from({ length: 50 }, () => logEvent());
      const replies = events.map((e) => request(sa, 'activity:log', { events: [e] }).catch(() => null));
      first.child.kill('SIGTERM');
      const settled = await Promise.all(replies);
      expect(await first.exited).toBe(0);
      const acked = settled.filter((r) => r?.ok).length;
      sa.close();

      const second = await spawnRelay(db, 0);
      const socket = await connect(second.url, a.token);
      const today = localDateOf(Date.now(), 'Europe/Berlin');
      const counts = await ok(socket, 'history:counts', { from: today, to: today, bucket: 'day' });
      expect(acked).toBeGreaterThan(0);
      expect(counts.rows.reduce((n, r) => n + r.count, 0)).toBe(acked);
      socket.close();
      second.child.kill('SIGTERM');
      await second.exited;
    } finally {
      removeDir(dir);
    }
  }, 30_000);
});

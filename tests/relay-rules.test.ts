import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChallengeView } from '../core/types.ts';
import {
  connect,
  logEvent,
  nextPush,
  ok,
  pair,
  removeDir,
  testRelay,
  type TestRelay,
  type TestSocket,
} from './helpers/relay.ts';

/** Rules that decide a winner, on a relay whose clock the test moves. */
let relay: TestRelay;
const T = Date.parse('2026-03-04T15:00:00Z');
let now = T;
const HOUR = 3_600_000;

beforeAll(async () => {
  relay = await testRelay({ clock: () => now });
});
afterAll(async () => {
  await relay.close();
  removeDir(relay.dir);
});

/** Logs `count` calls that happened at `occurredAt`, received by the relay at `receivedAt`. */
async function logAt(socket: TestSocket, count: number, occurredAt: number, receivedAt = occurredAt) {
  now = receivedAt;
  await ok(socket, 'activity:log', { events: [logEvent('call', { count, occurredAt })] });
}

async function raceToTen(socket: TestSocket): Promise<ChallengeView> {
  now = T;
  const period = { kind: 'instants' as const, start: T - 6 * HOUR, end: T + HOUR };
  return (await ok(socket, 'challenge:create', { metric: 'call', format: 'race', target: 10, period }))
    .challenge;
}

describe('a race made after its members passed the target', () => {
  it('is won by the first to reach it, alone, though the other logged more', async () => {
    const { a, b, sa, sb } = await pair(relay.url);
    await logAt(sa, 10, T - 4 * HOUR);
    await logAt(sb, 10, T - 3 * HOUR);
    await logAt(sa, 2, T - 2 * HOUR);
    await logAt(sb, 5, T - HOUR);
    const race = await raceToTen(sa);
    expect(race.status).toBe('ended');
    expect(race.result).toMatchObject({ reason: 'target', winners: [a.member.id], tie: false, margin: 0 });
    expect(race.standings.map((s) => [s.memberId, s.count, s.rank])).toEqual([
      [b.member.id, 15, 1],
      [a.member.id, 12, 2],
    ]);
    sa.close();
    sb.close();
  });

  it('ranks a log queued offline by when it reached the relay, as a live race does', async () => {
    const { a, b, sa, sb } = await pair(relay.url);
    // The partner's ten happened first but reached the relay an hour after the member's.
    await logAt(sa, 10, T - 3 * HOUR);
    await logAt(sb, 10, T - 5 * HOUR, T - 2 * HOUR);
    const race = await raceToTen(sa);
    expect(race.result).toMatchObject({ winners: [a.member.id], tie: false });
    expect(race.standings.find((s) => s.memberId === b.member.id)?.reachedAt).toBe(T - 2 * HOUR);
    sa.close();
    sb.close();
  });
});

describe('a challenge that ended while the relay was down', () => {
  const GRACE = 60_000;
  let clock = T;
  const relays: TestRelay[] = [];
  const start = async (dbPath?: string) => {
    const started = await testRelay({ clock: () => clock, graceMs: GRACE, ...(dbPath ? { dbPath } : {}) });
    relays.push(started);
    return started;
  };
  afterAll(() => {
    for (const r of relays) removeDir(r.dir);
  });

  it('takes logs queued offline for a grace period from the restart, and its result counts them', async () => {
    const first = await start();
    const { a, b, sa, sb } = await pair(first.url);
    const end = T + 10 * 60_000;
    const period = { kind: 'instants' as const, start: T - HOUR, end };
    const { challenge } = await ok(sa, 'challenge:create', { metric: 'call', format: 'most', period });
    await ok(sa, 'activity:log', { events: [logEvent('call', { count: 2, occurredAt: T })] });
    sa.close();
    sb.close();
    await first.close();

    // Back long after end plus grace; the partner's calls, made before the end, were queued offline.
    clock = end + GRACE + 30 * 60_000;
    const back = clock;
    const second = await start(first.dbPath);
    // Room for the first tick after start-up, which used to end the challenge at once.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ta = await connect(second.url, a.token);
    const tb = await connect(second.url, b.token);
    clock = back + GRACE - 1000;
    await ok(tb, 'activity:log', { events: [logEvent('call', { count: 3, occurredAt: end - 60_000 })] });
    const open = (await ok(ta, 'challenge:list', {})).challenges.find((c) => c.id === challenge.id);
    expect(open?.standings.find((s) => s.memberId === b.member.id)?.count).toBe(3);

    const ended = nextPush(ta, 'challenge:ended', (c) => c.id === challenge.id);
    clock = back + GRACE;
    // Any new challenge wakes the scheduler.
    await ok(ta, 'challenge:create', { metric: 'call', format: 'most', period: { kind: 'today' } });
    const result = (await ended).result;
    expect(result).toMatchObject({
      reason: 'time',
      winners: [b.member.id],
      tie: false,
      endedAt: back + GRACE,
    });
    ta.close();
    tb.close();
    await second.close();
  });
});

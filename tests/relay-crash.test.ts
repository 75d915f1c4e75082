import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogEvent } from '../core/types.ts';
import { spawnRelay, type RelayProcess } from './helpers/relay-process.ts';
import {
  connect,
  freePort,
  createPack,
  joinPack,
  logEvent,
  nextPush,
  ok,
  removeDir,
  request,
} from './helpers/relay.ts';

const dirs: string[] = [];
const processes: RelayProcess[] = [];

afterEach(() => {
  for (const p of processes.splice(0)) p.child.kill('SIGKILL');
  for (const d of dirs.splice(0)) removeDir(d);
});

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wolfpack-crash-'));
  dirs.push(dir);
  return join(dir, 'relay.sqlite');
}

async function start(db: string, port: number): Promise<RelayProcess> {
  const relay = await spawnRelay(db, port);
  processes.push(relay);
  return relay;
}

/** A relay process with two partners and a short "most calls" challenge in which A logged `count`. */
async function sprintThenCrash(endsInMs: number, count: number) {
  const db = tempDb();
  const port = await freePort();
  const relay = await start(db, port);
  const a = await createPack(relay.url, 'Alex');
  const b = await joinPack(relay.url, a.inviteCode, 'Sam');
  const sa = await connect(relay.url, a.token);
  const now = Date.now();
  const { challenge } = await ok(sa, 'challenge:create', {
    metric: 'call',
    format: 'most',
    period: { kind: 'instants', start: now - 1000, end: now + endsInMs },
  });
  await ok(sa, 'activity:log', { events: [logEvent('call', { count })] });
  sa.close();
  relay.child.kill('SIGKILL');
  await relay.exited;
  return { db, port, a, b, challenge, now };
}

describe('a relay killed with SIGKILL', () => {
  it('keeps every acknowledged event, and counts each resent event once', async () => {
    const db = tempDb();
    const port = await freePort();
    let relay = await start(db, port);
    const pack = await createPack(relay.url, 'Alex');
    const partner = await joinPack(relay.url, pack.inviteCode, 'Sam');
    let socket = await connect(relay.url, pack.token);
    const { challenge } = await ok(socket, 'challenge:create', {
      metric: 'call',
      format: 'most',
      period: { kind: 'today' },
    });

    // A client streams logs; the relay dies in the middle of it.
    const sent: LogEvent[] = [];
    const acked = new Set<string>();
    const stream = (async () => {
      for (let i = 0; i < 2000; i++) {
        const event = logEvent();
        sent.push(event);
        const res = await request(socket, 'activity:log', { events: [event] }).catch(() => null);
        if (!res?.ok) return;
        acked.add(event.id);
      }
    })();
    while (acked.size < 150) await new Promise((r) => setTimeout(r, 5));
    relay.child.kill('SIGKILL');
    await relay.exited;
    await stream;
    expect(acked.size).toBeGreaterThanOrEqual(150);
    expect(acked.size).toBeLessThan(2000);

    // Back up on the same file: the client resends everything it sent, acked or not (an outbox
    // that lost its acks in the crash would do the same).
    relay = await start(db, port);
    socket = await connect(relay.url, pack.token);
    const outcomes = [];
    for (let i = 0; i < sent.length; i += 500) {
      outcomes.push(...(await ok(socket, 'activity:log', { events: sent.slice(i, i + 500) })).outcomes);
    }
    const duplicates = outcomes.filter((o) => o.status === 'duplicate').map((o) => o.id);
    // Every acknowledged event survived the crash.
    for (const id of acked) expect(duplicates).toContain(id);
    expect(outcomes.every((o) => o.status !== 'rejected')).toBe(true);

    const watcher = await connect(relay.url, partner.token);
    const snap = await ok(watcher, 'session:resume', {});
    const standing = snap.challenges
      .find((c) => c.id === challenge.id)
      ?.standings.find((s) => s.memberId === pack.member.id);
    expect(standing?.count).toBe(sent.length);
    socket.close();
    watcher.close();
  }, 60_000);

  it('ends a challenge whose end passed while it was down, and each partner gets the result once', async () => {
    const { db, port, a, b, challenge, now } = await sprintThenCrash(1500, 2);
    await new Promise((r) => setTimeout(r, Math.max(0, now + 1600 - Date.now())));

    const relay = await start(db, port);
    const results: Record<string, string[]> = { a: [], b: [] };
    for (const [who, token] of [
      ['a', a.token],
      ['b', b.token],
    ] as const) {
      // Each partner reconnects twice; the second time the result must not come again.
      for (let round = 0; round < 2; round++) {
        const socket = await connect(relay.url, token);
        const snap = await ok(socket, 'session:resume', {});
        for (const view of snap.unseenResults) {
          results[who]?.push(view.id);
          expect(view.result).toMatchObject({ reason: 'time', winners: [a.member.id], margin: 2 });
        }
        if (snap.unseenResults.length > 0) {
          await ok(socket, 'result:ack', { challengeIds: snap.unseenResults.map((v) => v.id) });
        }
        socket.close();
      }
    }
    expect(results).toEqual({ a: [challenge.id], b: [challenge.id] });
  }, 30_000);

  it('ends a challenge made before the crash at its instant after the restart, live', async () => {
    const { db, port, a, b, challenge, now } = await sprintThenCrash(2500, 1);
    const relay = await start(db, port);
    const sb = await connect(relay.url, b.token);
    const ended = await nextPush(sb, 'challenge:ended', (c) => c.id === challenge.id);
    expect(ended.result).toMatchObject({ reason: 'time', winners: [a.member.id] });
    expect(ended.endedAt).toBeGreaterThanOrEqual(now + 2500);
    sb.close();
  }, 30_000);
});

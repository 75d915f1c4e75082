import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogEvent } from '../core/types.ts';
import { uuidv7 } from '../core/uuid.ts';
import { Outbox } from '../client/outbox.ts';
import { RelaySession } from '../client/session.ts';
import { startRelay, type Relay } from '../server/relay.ts';
import { connect, createPack, freePort, ok, removeDir } from './helpers/relay.ts';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function relayOn(dbPath: string, port: number): Promise<Relay> {
  return startRelay({ dbPath, port, logLevel: 'silent', graceMs: 0 });
}

const call = (): LogEvent => ({
  id: uuidv7(),
  type: 'log',
  metric: 'call',
  count: 1,
  occurredAt: Date.now(),
});

function online(session: RelaySession, url: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`not online at ${url}; at ${session.url} (${session.state})`)),
      timeoutMs,
    );
    const check = () => {
      if (session.state === 'online' && session.url === url) {
        clearTimeout(timer);
        off();
        resolve();
      }
    };
    const off = session.on('connection', check);
    check();
  });
}

describe('a client with several relay addresses', () => {
  it('moves to the next address when one is down, and sends its queue there exactly once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wolfpack-failover-'));
    cleanup.push(() => removeDir(dir));
    const db = join(dir, 'relay.sqlite');
    const [portA, portB] = [await freePort(), await freePort()];
    const nodeA = await relayOn(db, portA);
    const pack = await createPack(nodeA.url, 'Alex');
    const watcher = await connect(nodeA.url, pack.token);
    const { challenge } = await ok(watcher, 'challenge:create', {
      metric: 'call',
      format: 'goal',
      target: 100,
      period: { kind: 'today' },
    });
    watcher.close();

    const outbox = await Outbox.open(join(dir, 'outbox.jsonl'));
    cleanup.push(() => outbox.close());
    const urlB = `http://127.0.0.1:${portB}`;
    const session = new RelaySession({
      url: nodeA.url,
      alternates: [urlB],
      token: pack.token,
      outbox,
      retryDelayMs: 200,
    });
    cleanup.push(() => session.close());
    session.start();
    await online(session, nodeA.url);
    await session.log([call(), call()]);
    await expect.poll(() => outbox.size).toBe(0);

    // Node A goes away; what is logged meanwhile waits in the outbox.
    await nodeA.close();
    await session.log([call(), call(), call()]);
    expect(outbox.size).toBe(3);
    const nodeB = await relayOn(db, portB);
    cleanup.push(() => nodeB.close());
    await online(session, urlB);
    await expect.poll(() => outbox.size).toBe(0);

    const check = await connect(urlB, pack.token);
    const snap = await ok(check, 'session:resume', {});
    expect(snap.challenges.find((c) => c.id === challenge.id)?.standings[0]?.count).toBe(5);
    check.close();
  });

  it('starts on the second address when the first never answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wolfpack-failover-'));
    cleanup.push(() => removeDir(dir));
    const live = await relayOn(join(dir, 'relay.sqlite'), 0);
    cleanup.push(() => live.close());
    const pack = await createPack(live.url, 'Sam');
    const dead = `http://127.0.0.1:${await freePort()}`;
    const session = new RelaySession({ url: dead, alternates: [live.url], token: pack.token });
    cleanup.push(() => session.close());
    session.start();
    await online(session, live.url);
    expect((await session.whenOnline(1000)).you.displayName).toBe('Sam');
  });
});

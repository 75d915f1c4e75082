import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lanUrls } from './addresses.ts';
import type { FromChild, ParentPortLike, ToChild } from './protocol.ts';
import { runRelayChild } from './relay-child.ts';

class FakeParentPort implements ParentPortLike {
  sent: FromChild[] = [];
  private listener: ((event: { data: unknown }) => void) | null = null;
  private waiters: (() => void)[] = [];
  on(_event: 'message', listener: (event: { data: unknown }) => void) {
    this.listener = listener;
    return this;
  }
  postMessage(message: FromChild) {
    this.sent.push(message);
    for (const wake of this.waiters.splice(0)) wake();
  }
  send(data: ToChild | string) {
    this.listener?.({ data });
  }
  async next(type: FromChild['type']): Promise<FromChild> {
    for (;;) {
      const found = this.sent.find((m) => m.type === type);
      if (found) return found;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
}

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDb(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'wolfpack-relay-host-'));
  dirs.push(dir);
  return path.join(dir, 'nested', 'relay.sqlite');
}

describe('the relay utility process', () => {
  it('starts the relay, reports its address, and stops it on request', async () => {
    const port = new FakeParentPort();
    let exited = false;
    runRelayChild(port, () => (exited = true));
    port.send('noise');
    port.send({ type: 'start', dbPath: await tempDb(), port: 0, host: '127.0.0.1', webRoot: null });
    const listening = await port.next('listening');
    if (listening.type !== 'listening') throw new Error('unreachable');
    const health = await fetch(`http://127.0.0.1:${listening.port}/healthz`);
    expect(await health.json()).toEqual({ ok: true });
    port.send({ type: 'stop' });
    await port.next('stopped');
    expect(exited).toBe(true);
    await expect(fetch(`http://127.0.0.1:${listening.port}/healthz`)).rejects.toThrow();
  });

  it('falls back to a free port when the usual one is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const port = new FakeParentPort();
      runRelayChild(port, () => undefined);
      port.send({ type: 'start', dbPath: await tempDb(), port: taken, host: '127.0.0.1', webRoot: null });
      const listening = await port.next('listening');
      expect(listening.type === 'listening' && listening.port).not.toBe(taken);
      port.send({ type: 'stop' });
      await port.next('stopped');
    } finally {
      blocker.close();
    }
  });

  it('reports a relay that cannot start', async () => {
    const port = new FakeParentPort();
    runRelayChild(
      port,
      () => undefined,
      () => Promise.reject(new Error('disk full')),
    );
    port.send({ type: 'start', dbPath: await tempDb(), port: 0, host: '127.0.0.1', webRoot: null });
    expect(await port.next('failed')).toEqual({ type: 'failed', message: 'disk full' });
  });
});

describe('lanUrls', () => {
  it('lists non-internal IPv4 addresses once each', () => {
    const v4 = (address: string, internal = false) =>
      ({ address, family: 'IPv4', internal, netmask: '', mac: '', cidr: null }) as const;
    const v6 = {
      address: 'fe80::1',
      family: 'IPv6',
      internal: false,
      netmask: '',
      mac: '',
      cidr: null,
      scopeid: 2,
    } as const;
    expect(
      lanUrls(
        {
          lo: [v4('127.0.0.1', true)],
          eth0: [v4('192.168.1.20'), v6],
          wlan0: [v4('10.0.0.5'), v4('192.168.1.20')],
        },
        7420,
      ),
    ).toEqual(['http://192.168.1.20:7420', 'http://10.0.0.5:7420']);
  });
});

/**
 * Creating and joining packs is limited per client address. Behind proxies of its own the relay
 * is told how many to trust, and then limits each client by the address they saw.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, testRelay, type TestRelay } from './helpers/relay.ts';

let relay: TestRelay | undefined;
afterEach(async () => {
  await relay?.close();
  if (relay) removeDir(relay.dir);
  relay = undefined;
});

/** One attempt a client may make, and then none for a long while. */
const once = { perSecond: 0.001, burst: 1 };

async function createFrom(url: string, forwarded: string): Promise<number> {
  const res = await fetch(`${url}/api/packs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwarded },
    body: JSON.stringify({ name: 'Pack', timeZone: 'Europe/Berlin', displayName: 'Rep' }),
  });
  await res.body?.cancel();
  return res.status;
}

describe('limits per client address', () => {
  it('behind one trusted proxy, limits each client by the address the proxy saw', async () => {
    relay = await testRelay({ joinRate: once, trustedProxies: 1 });
    expect(await createFrom(relay.url, '203.0.113.5')).toBe(201);
    expect(await createFrom(relay.url, '203.0.113.5')).toBe(429);
    // Another client behind the same proxy still gets in.
    expect(await createFrom(relay.url, '203.0.113.6')).toBe(201);
    // A client that writes someone else's address into the header gains nothing.
    expect(await createFrom(relay.url, '198.51.100.1, 203.0.113.5')).toBe(429);
  });

  it('without trusted proxies, ignores the header and limits by the connecting address', async () => {
    relay = await testRelay({ joinRate: once });
    expect(await createFrom(relay.url, '203.0.113.5')).toBe(201);
    expect(await createFrom(relay.url, '203.0.113.6')).toBe(429);
  });
});

import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import { preview } from './answers.ts';
import { ChildRelay } from './child-relay.ts';
import { fuzzParams, fuzzTimeout } from './config.ts';
import { rawHttp } from './raw-http.ts';
import { KNOWN_REQUESTS, tcpInput } from './tcp-inputs.ts';
import { makeWebRoot } from './web-root.ts';

/**
 * Issue 11: malformed request lines and headers from a bare TCP client. Each connection gets a
 * 4xx (or, for a well-formed request among them, a 2xx), or is closed; never a 5xx, never silence,
 * and the relay is still there for the next client.
 */
// How long an input that is not complete yet may keep the relay waiting before the client gives up;
// a slow answer cut short by that still shows as a closed connection, never as a failure.
const PATIENCE_MS = 1500;
/**
 * Sent after every input: once the relay has read all before it as requests, it answers this
 * one and closes, so a run ends as soon as the relay is done rather than at a deadline.
 */
const CLOSER = 'GET /healthz HTTP/1.1\r\nHost: relay\r\nConnection: close\r\n\r\n';

let dir: string;
let relay: ChildRelay;
let secret: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wolfpack-fuzz-tcp-'));
  const web = makeWebRoot(dir);
  secret = web.secret;
  relay = new ChildRelay(join(dir, 'relay.sqlite'), web.root, Date.now());
  await relay.start();
});

afterAll(async () => {
  await relay?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function check(input: string): Promise<void> {
  await relay.revive();
  const reply = await rawHttp(relay.url, input + CLOSER, PATIENCE_MS);
  const problems: string[] = [];
  const died = await relay.death();
  if (died) problems.push(died);
  const bad = reply.statuses.filter((s) => !(s === 100 || (s >= 200 && s < 300) || (s >= 400 && s < 500)));
  if (bad.length > 0) problems.push(`the relay answered ${bad.join(', ')}`);
  if (!reply.closed) problems.push('the relay kept the connection open after the client had stopped sending');
  if (reply.responses.some((r) => r.body.includes(secret)))
    problems.push('a file outside the web root was served');
  if (problems.length > 0) throw new Error(`${problems.join('\n')}\n  after: ${preview(input, 400)}`);
}

// A table, not a property: each of these is a separate finding when it fails.
it.each(KNOWN_REQUESTS.map((input) => [preview(input, 80), input]))(
  '%s gets a 4xx or a closed connection, and the relay stays up',
  async (_, input) => {
    await check(input);
  },
  15_000,
);

it(
  'generated malformed requests get a 4xx or a closed connection, and the relay stays up',
  async () => {
    await fc.assert(fc.asyncProperty(tcpInput, check), fuzzParams(300));
  },
  fuzzTimeout(),
);

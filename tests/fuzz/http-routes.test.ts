import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import { preview, wireErrorProblem } from './answers.ts';
import { ChildRelay } from './child-relay.ts';
import { fuzzParams, fuzzTimeout } from './config.ts';
import { FuzzPacks } from './fixture.ts';
import { ROUTES, httpBytes, httpSpec, type HttpSpec } from './http-inputs.ts';
import { rawHttp, type RawResponse } from './raw-http.ts';
import { Tally } from './stats.ts';
import { Watch, type Outcome } from './watch.ts';
import { makeWebRoot } from './web-root.ts';

/**
 * Issue 11: every HTTP route with random and mutated methods, paths, headers and bodies. Bad
 * input gets a 4xx with a typed JSON error (never a 5xx), the relay stays up, and a refused
 * request changes nothing. The relay runs in a child process: a path like `//[` once killed it.
 */
const NOW = Date.now();
// Far above any answer on a loaded machine; it is only waited out when no answer comes.
const PATIENCE_MS = 5000;

let dir: string;
let secret: string;
let relay: ChildRelay;
let packs: FuzzPacks;
let watch: Watch;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wolfpack-fuzz-http-'));
  const web = makeWebRoot(dir);
  secret = web.secret;
  relay = new ChildRelay(join(dir, 'relay.sqlite'), web.root, NOW);
  await relay.start();
  packs = await FuzzPacks.create(relay.url, NOW);
  watch = await Watch.start(packs, () => relay.url);
});

const tally = new Tally('HTTP requests: statuses by route');

afterAll(async () => {
  tally.print();
  packs?.close();
  await relay?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Why this response is not what a client of the relay may be given, or null. */
function responseProblem(res: RawResponse, method: string, target: string, sent: string): string | null {
  if (res.status >= 500) return `the relay answered ${res.status}: ${preview(res.body.toString('utf8'))}`;
  if (!(res.status >= 200 && res.status < 300) && !(res.status >= 400 && res.status < 500)) {
    return `the relay answered ${res.status}`;
  }
  if (res.body.includes(secret)) return 'a file outside the web root was served';
  // Socket.IO answers its own path with errors of its own; HEAD carries no body to check.
  if (res.status < 400 || method === 'HEAD' || target.startsWith('/socket.io')) return null;
  if (!/^application\/json\b/.test(res.headers['content-type'] ?? '')) {
    return `a ${res.status} without a JSON body (content-type ${preview(res.headers['content-type'] ?? null)})`;
  }
  let json: unknown;
  try {
    json = JSON.parse(res.body.toString('utf8'));
  } catch {
    return `a ${res.status} whose body is not JSON: ${preview(res.body.toString('utf8'))}`;
  }
  const problem = wireErrorProblem((json as { error?: unknown } | null)?.error, sent);
  return problem && `a ${res.status} whose error is not typed: ${problem}`;
}

async function send(spec: HttpSpec): Promise<Outcome> {
  const { bytes, honest, target } = httpBytes(spec, packs.resolve);
  const sent = bytes.toString('latin1');
  const reply = await rawHttp(relay.url, bytes, PATIENCE_MS);
  const died = await relay.death();
  // Nothing else is worth checking on a relay that is gone; it is started again for the next input.
  if (died) throw new Error(`${died} after: ${preview(sent, 600)}`);
  const [first] = reply.responses;
  tally.count(
    `${spec.method} ${spec.route.split(' ')[1]} ${first?.status ?? (reply.closed ? 'closed' : 'none')}`,
  );
  const problems: (string | null)[] = [];
  if (!first) {
    if (honest) {
      problems.push(
        reply.gaveUp ? `no response within ${PATIENCE_MS} ms` : 'the connection closed without a response',
      );
    } else if (!reply.closed) {
      problems.push('no response, and the connection stayed open after the client stopped sending');
    }
  } else if (honest || first.status >= 500) {
    problems.push(responseProblem(first, spec.method, target, sent));
  }
  const ok = first !== undefined && first.status >= 200 && first.status < 300;
  return { problems, mayChange: ok && spec.method === 'POST' };
}

async function check(spec: HttpSpec): Promise<void> {
  if (await relay.revive()) {
    await packs.reconnect(relay.url);
    await watch.restarted();
  }
  const { bytes } = httpBytes(spec, packs.resolve);
  await watch.around(preview(bytes.toString('latin1'), 600), () => send(spec));
}

it(
  `every route (${ROUTES.length}) with random and mutated requests gets a typed 4xx or a 2xx and changes nothing when refused`,
  async () => {
    await fc.assert(fc.asyncProperty(httpSpec, check), fuzzParams(250));
  },
  fuzzTimeout(),
);

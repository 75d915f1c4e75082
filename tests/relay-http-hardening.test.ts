import { existsSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { connect as tcpConnect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliProcess } from './helpers/profile-cli.ts';
import { makeTempDir, removeTempDirs } from './helpers/profile-dirs.ts';
import { removeDir, testRelay } from './helpers/relay.ts';

/**
 * Whatever one TCP client sends, `wolfpack server` answers it (or closes that connection) and
 * goes on serving everyone else. These request lines once ended the process: the URL parser threw
 * inside the HTTP handler, and nothing caught it.
 */

interface RawAnswer {
  /** The status code of the answer, or null when the connection closed without one. */
  status: number | null;
  text: string;
}

/** Sends bytes as they are (no client library would send these) and reads until the close. */
function rawHttp(url: string, request: string, timeoutMs = 5_000): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(Number(port), hostname);
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer and no close within ${timeoutMs} ms; got: ${text}`));
    }, timeoutMs);
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    // A reset is a closed connection too, as a client sees it.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      resolve({ status: status === undefined ? null : Number(status), text });
    });
  });
}

interface Server {
  cli: CliProcess;
  url: string;
}

const running: CliProcess[] = [];

/** `wolfpack server` itself, in a process of its own: what ends it ends the test's relay only. */
async function startServer(): Promise<Server> {
  const dir = await makeTempDir('wolfpack-http-hardening-');
  const cli = new CliProcess([
    'server',
    '--port',
    '0',
    '--db',
    join(dir, 'relay.sqlite'),
    '--log-level',
    'silent',
  ]);
  running.push(cli);
  const [, url] = await cli.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
  return { cli, url: url as string };
}

afterAll(async () => {
  await Promise.all(running.map((p) => p.stop('SIGTERM')));
  await removeTempDirs();
});

async function stillServing(server: Server): Promise<void> {
  expect(server.cli.child.exitCode, `the relay exited; stderr:\n${server.cli.stderr}`).toBeNull();
  const health = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(5_000) });
  expect(health.status).toBe(200);
}

const request = (line: string) => `${line}\r\nHost: relay\r\nConnection: close\r\n\r\n`;

describe('a request line whose target does not parse', () => {
  // Each against a relay of its own: each one alone used to end the process.
  it.each([
    ['GET //[ HTTP/1.1'],
    ['GET http://[::1 HTTP/1.1'],
    ['GET //a:99999/ HTTP/1.1'],
    ['GET http://relay:70000/ HTTP/1.1'],
    ['POST //[/api/join HTTP/1.1'],
  ])('%s gets a 400 and the relay goes on serving', async (line) => {
    const server = await startServer();
    const answer = await rawHttp(server.url, request(line));
    expect(answer.status, answer.text).toBe(400);
    expect(answer.text).toContain('"code":"bad_request"');
    await stillServing(server);
  });
});

describe('requests that are odd but not wrong, or not HTTP at all', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer();
  });

  it('an absolute-form request line reaches its route like the usual form', async () => {
    const answer = await rawHttp(server.url, request(`GET ${server.url}/healthz HTTP/1.1`));
    expect(answer.status, answer.text).toBe(200);
  });

  it.each([
    ['a header without a colon', 'GET / HTTP/1.1\r\nHost: relay\r\nno colon here\r\n\r\n'],
    ['a method of control bytes', '\u0001\u0002 / HTTP/1.1\r\n\r\n'],
    ['a space in the middle of the path', 'GET /a b/c HTTP/1.1\r\nHost: relay\r\n\r\n'],
    [
      'a websocket upgrade to a target that does not parse',
      request('GET //[ HTTP/1.1').replace('Connection: close', 'Connection: Upgrade\r\nUpgrade: websocket'),
    ],
  ])('%s gets a 400 or a closed connection, and the relay goes on serving', async (_what, bytes) => {
    const answer = await rawHttp(server.url, bytes);
    expect([400, null]).toContain(answer.status);
    await stillServing(server);
  });
});

describe('a JSON body nested deep enough to cost every client', () => {
  it('is refused unread with 413 (no pack is made), and the relay goes on serving', async () => {
    const relay = await testRelay({});
    try {
      const deep = `${'['.repeat(8_000)}${']'.repeat(8_000)}`;
      const answer = await fetch(`${relay.url}/api/packs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: `{"name":"Deep","timeZone":"UTC","displayName":"Alex","x":${deep}}`,
      });
      expect(answer.status).toBe(413);
      expect(await answer.json()).toMatchObject({
        error: { code: 'payload_too_large', message: expect.stringContaining('levels deep') },
      });
      expect((await fetch(`${relay.url}/healthz`)).status).toBe(200);
    } finally {
      await relay.close();
      removeDir(relay.dir);
    }
  });
});

// Linux's /proc/self/mem passes stat() as a regular file and fails every read at offset 0 (EIO).
const UNREADABLE = '/proc/self/mem';

describe.skipIf(!existsSync(UNREADABLE))('a web app file that cannot be read', () => {
  it('closes that connection and the relay goes on serving', async () => {
    const webRoot = await makeTempDir('wolfpack-web-');
    await mkdir(join(webRoot, 'assets'));
    await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>Wolfpack</title>');
    await symlink(UNREADABLE, join(webRoot, 'assets', 'broken.js'));
    const relay = await testRelay({ webRoot });
    try {
      // Its headers may be out before the read fails: a closed connection is all a client can get.
      await rawHttp(relay.url, request('GET /assets/broken.js HTTP/1.1'));
      const health = await fetch(`${relay.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await (await fetch(`${relay.url}/`)).text()).toContain('<title>Wolfpack</title>');
    } finally {
      await relay.close();
      removeDir(relay.dir);
    }
  });
});

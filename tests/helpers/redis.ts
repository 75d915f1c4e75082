import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient } from 'redis';
import { freePort } from './relay.ts';

const run = promisify(execFile);

/** The Redis that these machines run; WOLFPACK_TEST_REDIS_URL points elsewhere. Never stopped by a test. */
export const REDIS_URL = process.env.WOLFPACK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Null when Redis answers PING, else the reason it did not (for a skipped suite's title). */
export async function redisUnavailable(url = REDIS_URL): Promise<string | null> {
  const client = createClient({ url, socket: { connectTimeout: 2000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    client.destroy();
  }
}

/** Null when a `redis-server` binary can be run, else why not (for a skipped suite's title). */
export async function redisServerMissing(): Promise<string | null> {
  try {
    await run('redis-server', ['--version'], { timeout: 5000 });
    return null;
  } catch (error) {
    return `redis-server cannot be run: ${(error as Error).message}`;
  }
}

/** A redis-server of the test's own, on a free port: stopping it disturbs nobody else. */
export interface PrivateRedis {
  readonly url: string;
  /** Kills the server at once (no save): every connection to it drops, as in an outage. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty (as a restart without persistence leaves it). */
  start(): Promise<void>;
  /** Stops it for good and removes its folder (afterAll). */
  close(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'wolfpack-redis-'));
  let child: ChildProcess | null = null;
  let port = 0;
  // A server left behind by a test process that exits without afterAll would hold its port.
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);

  const launch = async (): Promise<void> => {
    const server = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--daemonize',
        'no',
        '--dir',
        dir,
        '--logfile',
        '',
      ],
      { stdio: 'ignore' },
    );
    child = server;
    const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
    const url = `redis://127.0.0.1:${port}`;
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      if (server.exitCode !== null || server.signalCode !== null) break;
      if ((await redisUnavailable(url)) === null) return;
      await within(50, exited);
    }
    server.kill('SIGKILL');
    throw new Error(`redis-server on port ${port} did not answer within 5 s`);
  };
  const stop = async (): Promise<void> => {
    const server = child;
    child = null;
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
    server.kill('SIGKILL');
    await within(5000, exited);
  };

  // The port was free a moment ago; should another process take it first, try another.
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      await launch();
      break;
    } catch (error) {
      await stop();
      if (attempt >= 2) {
        process.off('exit', killOnExit);
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }

  return {
    url: `redis://127.0.0.1:${port}`,
    stop,
    start: async () => {
      if (child) return;
      await launch();
    },
    close: async () => {
      await stop();
      process.off('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits for `done`, but no longer than `ms`; leaves no timer behind. */
async function within(ms: number, done: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([done, new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

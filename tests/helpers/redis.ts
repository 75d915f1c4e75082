import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createClient } from 'redis';

const run = promisify(execFile);

/** The Redis that these machines run; WOLFPACK_TEST_REDIS_URL points elsewhere. */
export const REDIS_URL = process.env.WOLFPACK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** How these machines start their Redis (nothing kept on disk). */
const START = [
  '--daemonize',
  'yes',
  '--bind',
  '127.0.0.1',
  '-::1',
  '--port',
  '6379',
  '--save',
  '',
  '--appendonly',
  'no',
  '--dir',
  '/var/lib/redis',
  '--logfile',
  '/var/log/redis/ci.log',
];

/** Null when Redis answers PING, else the reason it did not (for a skipped suite's title). */
export async function redisUnavailable(): Promise<string | null> {
  const client = createClient({ url: REDIS_URL, socket: { connectTimeout: 2000, reconnectStrategy: false } });
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

/** Stops the machine's Redis at once (no save): every connection to it drops. */
export async function stopRedis(): Promise<void> {
  await run('redis-cli', ['-h', '127.0.0.1', '-p', '6379', 'shutdown', 'nosave']).catch(() => undefined);
  for (let i = 0; i < 50 && (await redisUnavailable()) === null; i++) await sleep(50);
}

/** Starts the machine's Redis again unless it answers already; waits until it does. */
export async function ensureRedis(): Promise<void> {
  if ((await redisUnavailable()) === null) return;
  await run('redis-server', START);
  for (let i = 0; i < 100; i++) {
    if ((await redisUnavailable()) === null) return;
    await sleep(50);
  }
  throw new Error('redis did not come back within 5 s');
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * The relay under test, in a process of its own so that the bench clients never share its event
 * loop. Usage: node bench/relay-process.ts DB_PATH [--database-url URL] [--redis-url URL]
 *   [--redis-namespace NAME]   (with a database URL, DB_PATH is ignored)
 * Prints one JSON line `{"url": ..., "pid": ...}` on stdout once listening. Stops on SIGTERM,
 * SIGINT, or when its stdin closes (the bench that spawned it has gone). After that first line,
 * one line of event-loop figures a second (see relay-stats.ts).
 */
import { parseArgs } from 'node:util';
import { startRelay } from '../server/relay.ts';
import { armCpuProfiling } from './cpu-sampling.ts';
import { startHeapSampling } from './heap-sampling.ts';
import { profileSqlite, reportStats } from './relay-stats.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'database-url': { type: 'string' },
    'redis-url': { type: 'string' },
    'redis-namespace': { type: 'string' },
  },
});
const dbPath = positionals[0];
if (!dbPath) {
  console.error('usage: node bench/relay-process.ts DB_PATH');
  process.exit(2);
}

// BENCH_PROFILE=1 times SQLite inside the relay; BENCH_SQLITE_PRAGMAS='synchronous = normal;...'
// (implies profiling) tries storage settings without touching the relay's code.
const pragmas = (process.env.BENCH_SQLITE_PRAGMAS ?? '')
  .split(';')
  .map((p) => p.trim())
  .filter(Boolean);
const profiled = process.env.BENCH_PROFILE === '1' || pragmas.length > 0;
if (profiled) profileSqlite(pragmas);
const heap = process.env.BENCH_HEAP ? await startHeapSampling(process.env.BENCH_HEAP) : null;
if (process.env.BENCH_CPU_PROFILE === '1') armCpuProfiling('relay');

// The bench measures the relay, not its limiters: both are set far above any bench load.
const unlimited = { perSecond: 1_000_000, burst: 1_000_000 };
const relay = await startRelay({
  port: 0,
  host: '127.0.0.1',
  dbPath,
  databaseUrl: values['database-url'],
  redisUrl: values['redis-url'],
  redisNamespace: values['redis-namespace'],
  logLevel: 'silent',
  messageRate: unlimited,
  joinRate: unlimited,
});
process.stdout.write(`${JSON.stringify({ url: relay.url, pid: process.pid })}\n`);
reportStats(profiled);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (heap) console.error(`heap profile: ${await heap.stop()}`);
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  await relay.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.on('error', () => void stop());
process.stdin.resume();

import { startRelay } from '../../server/relay.ts';

/**
 * Usage: relay-child.ts DB_PATH WEB_ROOT NOW_MS. The relay of the HTTP and TCP fuzzers, in a
 * process of its own so that input that crashes it shows as a failed property, not a dead
 * vitest. Its clock stands still at NOW_MS and its limits are out of reach, as in-process.
 */
const [dbPath, webRoot, now] = process.argv.slice(2);
const unlimited = { perSecond: 1e9, burst: 1e9 };
const relay = await startRelay({
  dbPath: dbPath ?? ':memory:',
  port: 0,
  webRoot: webRoot ?? null,
  clock: () => Number(now),
  graceMs: 0,
  logLevel: 'silent',
  messageRate: unlimited,
  joinRate: unlimited,
});
process.stdout.write(`READY ${relay.url}\n`);
process.once('SIGTERM', () => void relay.close().then(() => process.exit(0)));

import { parseArgs } from 'node:util';
import { startRelay } from '../../server/relay.ts';
import type { RateLimit } from '../../server/rate-limit.ts';

/**
 * Usage: relay-main.ts DB_PATH PORT GRACE_MS [--database-url URL] [--redis-url URL]
 *   [--message-rate PER_SECOND:BURST] [--join-rate PER_SECOND:BURST] [--resync-spread-ms N]
 *   [--redis-namespace NAME] [--redis-command-queue N] [--revocation-sweep-ms N]
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'database-url': { type: 'string' },
    'redis-url': { type: 'string' },
    'message-rate': { type: 'string' },
    'join-rate': { type: 'string' },
    'resync-spread-ms': { type: 'string' },
    'redis-namespace': { type: 'string' },
    'redis-command-queue': { type: 'string' },
    'revocation-sweep-ms': { type: 'string' },
  },
});
const [dbPath, port, grace] = positionals;

function rate(value: string | undefined, fallback: RateLimit): RateLimit {
  if (!value) return fallback;
  const [perSecond, burst] = value.split(':').map(Number);
  return { perSecond: perSecond ?? fallback.perSecond, burst: burst ?? fallback.burst };
}

const relay = await startRelay({
  dbPath: dbPath ?? ':memory:',
  databaseUrl: values['database-url'],
  redisUrl: values['redis-url'],
  port: Number(port ?? 0),
  graceMs: Number(grace ?? 0),
  logLevel: 'silent',
  messageRate: rate(values['message-rate'], { perSecond: 10_000, burst: 10_000 }),
  ...(values['join-rate'] ? { joinRate: rate(values['join-rate'], { perSecond: 1, burst: 20 }) } : {}),
  ...(values['redis-namespace'] ? { redisNamespace: values['redis-namespace'] } : {}),
  ...(values['resync-spread-ms'] ? { redisResyncSpreadMs: Number(values['resync-spread-ms']) } : {}),
  ...(values['redis-command-queue'] ? { redisCommandQueue: Number(values['redis-command-queue']) } : {}),
  ...(values['revocation-sweep-ms'] ? { revocationSweepMs: Number(values['revocation-sweep-ms']) } : {}),
});
process.stdout.write(`READY ${relay.url}\n`);
process.once('SIGTERM', () => void relay.close().then(() => process.exit(0)));

import { startRelay } from '../../server/relay.ts';

const [dbPath, port, grace] = process.argv.slice(2);
const relay = await startRelay({
  dbPath: dbPath ?? ':memory:',
  port: Number(port ?? 0),
  graceMs: Number(grace ?? 0),
  logLevel: 'silent',
  messageRate: { perSecond: 10_000, burst: 10_000 },
});
process.stdout.write(`READY ${relay.url}\n`);
process.once('SIGTERM', () => void relay.close().then(() => process.exit(0)));

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseCommand } from '../args.ts';
import type { Relay } from '../../server/relay.ts';
import { COMMON_HELP } from '../command.ts';
import type { Command } from '../command.ts';
import { CliError, usageError } from '../errors.ts';
import { profileDirFor } from '../live.ts';
import { showHelp } from '../output.ts';

function port(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65_535)
    throw usageError(`--port must be a port number, not "${value}"`);
  return Number(value);
}

/** A service address, checked before the relay tries it, so that a typo reads as one. */
function serviceUrl(flag: string, value: string, schemes: string[]): string {
  const scheme = URL.canParse(value) ? new URL(value).protocol : null;
  if (scheme === null) throw usageError(`${flag} must be a URL like ${schemes[0]}//host/name`);
  if (!schemes.includes(scheme))
    throw usageError(`${flag} must start with ${schemes.map((s) => `${s}//`).join(' or ')}`);
  return value;
}

function proxies(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 10)
    throw usageError(`--trust-proxies must be a number of proxies from 0 to 10, not "${value}"`);
  return Number(value);
}

function seconds(value: string): number {
  if (!/^\d+(\.\d+)?$/.test(value))
    throw usageError(`--grace-seconds must be a number of seconds, not "${value}"`);
  return Math.round(Number(value) * 1000);
}

export const serverCommand: Command = {
  usage:
    'wolfpack server [--port 7420] [--host 127.0.0.1] [--db PATH | --database-url URL] [--redis-url URL] [--trust-proxies N] [--grace-seconds N]',
  summary: 'Run a relay for your pack on this computer. Stops cleanly on Ctrl-C.',
  details: `
  --port N            the port to listen on (default 7420; 0 picks a free one)
  --host HOST         the address to listen on (default 127.0.0.1; 0.0.0.0 serves the local network)
  --db PATH           the SQLite file (default: relay.sqlite in the profile folder)
  --database-url URL  PostgreSQL instead of SQLite, for several relay nodes (postgres://user@host/db;
                      default: $WOLFPACK_DATABASE_URL)
  --redis-url URL     Redis that carries pushes and rate limits between relay nodes (redis://host:6379;
                      default: $WOLFPACK_REDIS_URL)
  --trust-proxies N   how many proxies of yours stand in front of the relay, each adding the address
                      it saw to X-Forwarded-For; limits per address then use the client's address
                      (default: $WOLFPACK_TRUST_PROXIES, else 0: the connecting address)
  --grace-seconds N   how long after a challenge ends late logs still count (default 60)
  --log-level LEVEL   info, warn, error or silent (default info)
${COMMON_HELP}`,
  async run(args, ctx) {
    const { values, positionals } = parseCommand(args, {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      'database-url': { type: 'string' },
      'redis-url': { type: 'string' },
      'grace-seconds': { type: 'string' },
      'log-level': { type: 'string' },
      'trust-proxies': { type: 'string' },
    });
    if (values.help) return showHelp(ctx, serverCommand);
    if (positionals.length > 0) throw usageError('server takes no arguments');
    const databaseUrl = values['database-url'] ?? ctx.env.WOLFPACK_DATABASE_URL;
    const redisUrl = values['redis-url'] ?? ctx.env.WOLFPACK_REDIS_URL;
    const trusted = values['trust-proxies'] ?? ctx.env.WOLFPACK_TRUST_PROXIES;
    if (databaseUrl && values.db) throw usageError('use either --db (SQLite) or --database-url (PostgreSQL)');
    const dbPath = values.db
      ? path.resolve(ctx.cwd, values.db)
      : path.join(profileDirFor(ctx, values.profile), 'relay.sqlite');
    if (!databaseUrl) await mkdir(path.dirname(dbPath), { recursive: true });
    // Loaded only here: every other command stays free of the relay's dependencies.
    const { startRelay } = await import('../../server/relay.ts');
    const { installLastResort } = await import('../../server/last-resort.ts');
    const { pino } = await import('pino');
    const options = {
      port: values.port === undefined ? 7420 : port(values.port),
      host: values.host ?? '127.0.0.1',
      dbPath,
      ...(databaseUrl
        ? { databaseUrl: serviceUrl('--database-url', databaseUrl, ['postgres:', 'postgresql:']) }
        : {}),
      ...(redisUrl ? { redisUrl: serviceUrl('--redis-url', redisUrl, ['redis:', 'rediss:']) } : {}),
      logLevel: values['log-level'] ?? 'info',
      ...(values['grace-seconds'] === undefined ? {} : { graceMs: seconds(values['grace-seconds']) }),
      ...(trusted === undefined ? {} : { trustedProxies: proxies(trusted) }),
    };
    let relay: Relay | undefined;
    let uninstall: () => void = () => undefined;
    try {
      const logger = pino({ level: options.logLevel });
      // Before the relay starts, so that a failure while it starts is handled the same way.
      uninstall = installLastResort({
        log: logger,
        stop: async () => relay?.close(),
        exit: (code) => process.exit(code),
        say: (line) => ctx.err(`wolfpack: ${line}`),
      });
      relay = await startRelay({ ...options, logger });
    } catch (error) {
      uninstall();
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE')
        throw new CliError(`port ${options.port} on ${options.host} is already in use`);
      throw new CliError(`the relay could not start: ${(error as Error).message}`);
    }
    const data = databaseUrl ? `PostgreSQL at ${hostOf(databaseUrl)}` : dbPath;
    const fanout = redisUrl ? `, pushes through Redis at ${hostOf(redisUrl)}` : '';
    ctx.out(`Wolfpack relay listening on ${relay.url} (data: ${data}${fanout})`);
    await new Promise<void>((resolve) => {
      const stop = ctx.onInterrupt(() => {
        stop();
        resolve();
      });
    });
    await relay.close();
    uninstall();
    return 0;
  },
};

/** Where a service is, without the credentials in its URL. */
function hostOf(url: string): string {
  const { host, pathname } = new URL(url);
  return `${host}${pathname === '/' ? '' : pathname}`;
}

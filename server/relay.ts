import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import { Server } from 'socket.io';
import { LIMITS } from '../core/protocol.ts';
import { finishChallenge, startChallenge } from './challenges.ts';
import { clientAddress } from './client-address.ts';
import { corkPerTurn } from './cork.ts';
import type { Push, RelayContext } from './context.ts';
import { httpHandler } from './http.ts';
import type { Fanout } from './fanout.ts';
import { gateJoins, gateMessages, sharedTake } from './fanout-limits.ts';
import { createRelayMetrics } from './metrics.ts';
import { RateLimiter, type RateLimit } from './rate-limit.ts';
import { Scheduler } from './scheduler.ts';
import { authenticate } from './socket/auth.ts';
import { attachSocket, createInFlight } from './socket/handlers.ts';
import { memberRoom, packRoom, type RelayServer } from './socket/types.ts';
import { SqliteStorage } from './storage/sqlite.ts';
import type { Storage } from './storage/types.ts';

export interface RelayOptions {
  /** Default 7420; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1; 0.0.0.0 serves the local network. */
  host?: string;
  /** SQLite file; ignored when `storage` or `databaseUrl` is given. */
  dbPath?: string;
  /** PostgreSQL (postgres://...): the storage of a relay that runs as several nodes. */
  databaseUrl?: string;
  /** Redis (redis://...): pushes, rate limits and removals reach every node. */
  redisUrl?: string;
  /** Keeps deployments that share one Redis apart (channels and keys). Default 'wolfpack'. */
  redisNamespace?: string;
  /** After a Redis outage, this node closes its sockets over this long so they catch up. Default 2 s. */
  redisResyncSpreadMs?: number;
  /** Redis commands that may wait for an answer on one connection. Default 10,000. */
  redisCommandQueue?: number;
  /** 'full' syncs the disk on every commit (survives power loss); default 'normal' (survives a crash). */
  sqliteSynchronous?: 'normal' | 'full';
  storage?: Storage;
  /** Late events are accepted this long after a challenge's end. Default 60 s. */
  graceMs?: number;
  /** pino level or 'silent'. Default 'info'. */
  logLevel?: string;
  logger?: Logger;
  clock?: () => number;
  /** Per member, over all its sockets. Default 20/s with bursts of 100. */
  messageRate?: RateLimit;
  /** The built web app (`npm run build:web`); null serves none. Default: dist/web of this checkout. */
  webRoot?: string | null;
  /** Per address, for creating and joining packs. Default 1/s with bursts of 20. */
  joinRate?: RateLimit;
  /**
   * Proxies of your own in front of the relay, each appending to X-Forwarded-For: limits per
   * address then key on the address the outermost one saw. Default 0: the TCP peer, and the
   * header is ignored (anyone can write it).
   */
  trustedProxies?: number;
}

export interface Relay {
  url: string;
  port: number;
  /** Stops accepting, finishes in-flight acknowledgements, closes storage. */
  close(): Promise<void>;
}

function defaultWebRoot(): string {
  return fileURLToPath(new URL('../dist/web', import.meta.url));
}

export async function startRelay(options: RelayOptions): Promise<Relay> {
  const clock = options.clock ?? Date.now;
  const log = options.logger ?? pino({ level: options.logLevel ?? 'info' });
  const metrics = createRelayMetrics();
  const storage = options.storage ?? (await openStorage(options, log, metrics.registry));
  const httpServer = createServer();
  const push: Push = {
    toPack: (packId, event, ...args) => io.to(packRoom(packId)).emit(event, ...args),
    toMember: (memberId, event, ...args) => io.to(memberRoom(memberId)).emit(event, ...args),
    disconnectMember: (memberId) => io.in(memberRoom(memberId)).disconnectSockets(),
    toRoom: (room, event, ...args) => io.to(room).emit(event, ...args),
    disconnectRoom: (room) => io.in(room).disconnectSockets(),
  };
  const inFlight = createInFlight();
  const joinRate = options.joinRate ?? { perSecond: 1, burst: 20 };
  const joinLimiter = new RateLimiter(joinRate, clock);
  let scheduler: Scheduler | null = null;
  // The handler must be in place before Socket.IO attaches: Socket.IO then answers its own path
  // and hands every other request to the handlers it found. A handler added later would see
  // Socket.IO's requests too and answer them a second time.
  httpServer.on('request', (req, res) => void admit(req, res));
  httpServer.on('connection', corkPerTurn);
  const io: RelayServer = new Server(httpServer, {
    transports: ['websocket'],
    maxHttpBufferSize: LIMITS.maxMessageBytes,
    serveClient: false,
  });
  let fanout: Fanout | null = null;
  if (options.redisUrl) {
    try {
      // Loaded only here, as PostgreSQL's driver is: a relay on one computer needs neither.
      const { startFanout } = await import('./fanout.ts');
      fanout = await startFanout(io, {
        url: options.redisUrl,
        log,
        registry: metrics.registry,
        resyncSpreadMs: options.redisResyncSpreadMs,
        commandQueue: options.redisCommandQueue,
        namespace: options.redisNamespace,
      });
    } catch (error) {
      if (!options.storage) await storage.close();
      throw error;
    }
  }
  const take = fanout ? sharedTake(fanout.commands, fanout.namespace) : null;
  const refused = () => metrics.rejections.inc({ code: 'rate_limited' });

  const ctx: RelayContext = {
    storage,
    clock,
    log,
    graceMs: options.graceMs ?? 60_000,
    metrics,
    push,
    wakeScheduler: () => scheduler?.wake(),
  };
  const addressOf = (req: IncomingMessage) => clientAddress(req, options.trustedProxies ?? 0);
  const handleHttp = httpHandler(
    ctx,
    joinLimiter,
    () => !inFlight.closing,
    options.webRoot === undefined ? defaultWebRoot() : options.webRoot,
    addressOf,
  );
  const admit = take ? gateJoins(handleHttp, take, joinRate, refused, addressOf) : handleHttp;
  scheduler = new Scheduler(ctx, {
    start: (c) => startChallenge(ctx, c),
    finish: async (c) => {
      const ended = await finishChallenge(ctx, c);
      if (ended) metrics.challengesEnded.inc();
      return ended;
    },
  });

  const messageRate = options.messageRate ?? { perSecond: 20, burst: 100 };
  const messageLimiter = new RateLimiter(messageRate, clock);
  io.use(authenticate(ctx));
  io.on('connection', (socket) => {
    if (take) gateMessages(socket, take, messageRate, refused);
    attachSocket(ctx, socket, messageLimiter, inFlight);
  });

  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(options.port ?? 7420, options.host ?? '127.0.0.1', () => {
        httpServer.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    // A pool or a Redis connection left open would keep the process alive after the failure.
    await fanout?.close();
    if (!options.storage) await storage.close();
    throw error;
  }
  scheduler.start();
  const { port, address } = httpServer.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  log.info({ port, host: address }, 'relay listening');

  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () => {
      closing ??= (async () => {
        inFlight.closing = true;
        httpServer.close();
        await scheduler.stop();
        await inFlight.drained();
        await io.close();
        httpServer.closeAllConnections();
        await fanout?.close();
        await storage.close();
        log.info('relay stopped');
      })();
      return closing;
    },
  };
}

async function openStorage(options: RelayOptions, log: Logger, registry: Registry): Promise<Storage> {
  if (!options.databaseUrl) {
    return SqliteStorage.open(options.dbPath ?? ':memory:', { synchronous: options.sqliteSynchronous });
  }
  const { PostgresStorage } = await import('./storage/postgres.ts');
  const storage = await PostgresStorage.open(options.databaseUrl, {
    onError: (error) => log.warn({ err: error }, 'a pooled PostgreSQL connection failed; it is replaced'),
  });
  new Gauge({
    name: 'wolfpack_pg_pool_waiting',
    help: 'Transactions waiting for a PostgreSQL connection of this node',
    registers: [registry],
    collect() {
      this.set(storage.poolStats().waiting);
    },
  });
  for (const [name, help, key] of [
    [
      'wolfpack_pg_one_message_logs_total',
      'Logs written in one message from the pack as this node kept it',
      'done',
    ],
    [
      'wolfpack_pg_one_message_retries_total',
      'One-message logs the database refused (the pack had changed, or an event id was taken) and that ran again the usual way',
      'retried',
    ],
  ] as const) {
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(storage.oneMessageStats()[key]);
      },
    });
  }
  return storage;
}

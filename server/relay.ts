import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import { Server } from 'socket.io';
import { LIMITS } from '../core/protocol.ts';
import { finishChallenge, startChallenge } from './challenges.ts';
import type { Push, RelayContext } from './context.ts';
import { httpHandler } from './http.ts';
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
  /** SQLite file; ignored when `storage` is given. */
  dbPath?: string;
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
  const storage =
    options.storage ??
    SqliteStorage.open(options.dbPath ?? ':memory:', { synchronous: options.sqliteSynchronous });
  const metrics = createRelayMetrics();
  const httpServer = createServer();
  const push: Push = {
    toPack: (packId, event, ...args) => io.to(packRoom(packId)).emit(event, ...args),
    toMember: (memberId, event, ...args) => io.to(memberRoom(memberId)).emit(event, ...args),
    disconnectMember: (memberId) => io.in(memberRoom(memberId)).disconnectSockets(),
    toRoom: (room, event, ...args) => io.to(room).emit(event, ...args),
    disconnectRoom: (room) => io.in(room).disconnectSockets(),
  };
  const inFlight = createInFlight();
  const joinLimiter = new RateLimiter(options.joinRate ?? { perSecond: 1, burst: 20 }, clock);
  let scheduler: Scheduler | null = null;
  // The handler must be in place before Socket.IO attaches: Socket.IO then answers its own path
  // and hands every other request to the handlers it found. A handler added later would see
  // Socket.IO's requests too and answer them a second time.
  httpServer.on('request', (req, res) => void handleHttp(req, res));
  const io: RelayServer = new Server(httpServer, {
    transports: ['websocket'],
    maxHttpBufferSize: LIMITS.maxMessageBytes,
    serveClient: false,
  });

  const ctx: RelayContext = {
    storage,
    clock,
    log,
    graceMs: options.graceMs ?? 60_000,
    metrics,
    push,
    wakeScheduler: () => scheduler?.wake(),
  };
  const handleHttp = httpHandler(
    ctx,
    joinLimiter,
    () => !inFlight.closing,
    options.webRoot === undefined ? defaultWebRoot() : options.webRoot,
  );
  scheduler = new Scheduler(ctx, {
    start: (c) => startChallenge(ctx, c),
    finish: async (c) => {
      const ended = await finishChallenge(ctx, c);
      if (ended) metrics.challengesEnded.inc();
      return ended;
    },
  });

  const messageLimiter = new RateLimiter(options.messageRate ?? { perSecond: 20, burst: 100 }, clock);
  io.use(authenticate(ctx));
  io.on('connection', (socket) => attachSocket(ctx, socket, messageLimiter, inFlight));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 7420, options.host ?? '127.0.0.1', () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
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
        await storage.close();
        log.info('relay stopped');
      })();
      return closing;
    },
  };
}

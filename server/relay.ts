import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { Server } from 'socket.io';
import { LIMITS } from '../core/protocol.ts';
import { finishChallenge, startChallenge } from './challenges.ts';
import { clientAddress } from './client-address.ts';
import { corkPerTurn } from './cork.ts';
import type { Push, RelayContext } from './context.ts';
import { answerFailures, httpHandler } from './http.ts';
import type { Fanout } from './fanout.ts';
import { gateJoins, gateMessages, sharedTake } from './fanout-limits.ts';
import { createRelayMetrics } from './metrics.ts';
import { RateLimiter } from './rate-limit.ts';
import { refuseStrayUpgrades } from './stray-upgrades.ts';
import { startRevocationSweep } from './revocation-sweep.ts';
import { Scheduler } from './scheduler.ts';
import { authenticate } from './socket/auth.ts';
import { closeSlowConsumers } from './socket/backpressure.ts';
import { attachSocket, createInFlight } from './socket/handlers.ts';
import { shapeCheckingParser } from './socket/parser.ts';
import { memberRoom, packRoom, type RelayServer } from './socket/types.ts';
import { openStorage } from './storage/open.ts';
import type { RelayOptions } from './relay-options.ts';

export type { RelayOptions } from './relay-options.ts';

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
  httpServer.on(
    'request',
    answerFailures((req, res) => admit(req, res), { log, metrics }),
  );
  httpServer.on('connection', corkPerTurn);
  refuseStrayUpgrades(httpServer);
  const io: RelayServer = new Server(httpServer, {
    transports: ['websocket'],
    maxHttpBufferSize: LIMITS.maxMessageBytes,
    parser: shapeCheckingParser(),
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
  const stopSlowConsumers = closeSlowConsumers(io, { log });
  const sweep = startRevocationSweep(ctx, io, { intervalMs: options.revocationSweepMs });
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
        await sweep.stop();
        await inFlight.drained();
        stopSlowConsumers();
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

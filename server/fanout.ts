import { createAdapter } from '@socket.io/redis-adapter';
import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import { createClient } from 'redis';
import { LostPushes, noticeChannel } from './fanout-lost.ts';
import type { RelayServer } from './socket/types.ts';

function redisClient(
  url: string,
  name: string,
  retryDelay: (retries: number, cause: Error) => number | Error,
  queueLimit: number,
) {
  return createClient({
    url,
    // Shown by CLIENT LIST, so that an operator (or a test) can tell the connections apart.
    name,
    // A command while disconnected fails at once instead of queueing without bound: a push is
    // then skipped (clients catch up) and a rate limit falls back to this node's own.
    disableOfflineQueue: true,
    // No timeout per command: the driver makes each one an AbortSignal.timeout, which lives for
    // the whole timeout (5 s by default) and so is promoted to the old generation. At three
    // commands a log, that took each node's young collections from about 1 ms to 3. The shared
    // rate limit has its own 250 ms wait. A Redis that stops answering without closing the
    // connection instead fills this queue, and a command beyond it fails at once (a push is
    // skipped and noted, a rate limit falls back to this node's own); when the connection
    // closes, every command still waiting fails.
    commandOptions: { timeout: 0 },
    commandsQueueMaxLength: queueLimit,
    socket: { connectTimeout: 5_000, reconnectStrategy: retryDelay },
  });
}

export type RedisClient = ReturnType<typeof redisClient>;

export interface FanoutOptions {
  url: string;
  log: Logger;
  registry: Registry;
  /**
   * After Redis comes back, this node's sockets are closed over this many milliseconds (not all
   * at once) so that their clients reconnect and catch up from the database. Default 2000.
   */
  resyncSpreadMs?: number;
  /** The prefix of every channel and key, so that deployments can share one Redis. Default 'wolfpack'. */
  namespace?: string | undefined;
  /**
   * Commands that may wait for Redis's answer on one connection (a few seconds of pushes).
   * Beyond it a command fails at once. Default 10,000.
   */
  commandQueue?: number | undefined;
}

export interface Fanout {
  /** The connection for commands (the shared rate limits); it also publishes. */
  commands: RedisClient;
  namespace: string;
  close(): Promise<void>;
}

/** Attempts at start-up before the relay gives up (about 7 s); after that it retries for ever. */
const START_ATTEMPTS = 8;

/**
 * Pushes between relay nodes through Redis pub/sub (the Socket.IO Redis adapter): a push to a
 * pack's room reaches its members on every node. Redis carries pushes only; the database is the
 * source of truth. When Redis drops, each node keeps serving its own sockets; when it is back,
 * the node closes its sockets' connections so that their clients reconnect, resume, and catch up
 * on whatever they missed from the database.
 */
export async function startFanout(io: RelayServer, options: FanoutOptions): Promise<Fanout> {
  const { log } = options;
  const up = new Gauge({
    name: 'wolfpack_fanout_redis_up',
    help: '1 while both Redis connections of this node are ready',
    registers: [options.registry],
  });
  const failedPublishes = new Counter({
    name: 'wolfpack_fanout_publish_failures_total',
    help: 'Pushes that could not be handed to Redis (other nodes missed them; clients catch up on resync)',
    registers: [options.registry],
  });
  const resyncs = new Counter({
    name: 'wolfpack_fanout_resyncs_total',
    help: 'Times this node closed its sockets after Redis came back, so that clients catch up',
    registers: [options.registry],
  });

  let started = false;
  const client = (role: string): RedisClient => {
    const redis = redisClient(
      options.url,
      `wolfpack-${role}`,
      (retries, cause) =>
        !started && retries >= START_ATTEMPTS ? cause : Math.min(50 * 2 ** retries, 2_000),
      options.commandQueue ?? 10_000,
    );
    let down = false;
    redis.on('error', (error: Error) => {
      up.set(0);
      if (down) return;
      down = true;
      log.warn({ err: error, role }, 'redis connection lost; serving this node only until it is back');
    });
    redis.on('ready', () => {
      up.set(pub.isReady && sub.isReady ? 1 : 0);
      if (!down) return;
      down = false;
      log.info({ role }, 'redis connection back');
      // Pushes from other nodes were lost while the subscription was down.
      if (role === 'subscriber' && started) resync('*');
      // This node's own pushes were lost while the publisher was down: tell the others.
      if (role === 'publisher' && started) lost.notify();
    });
    return redis;
  };

  const pub = client('publisher');
  const sub = client('subscriber');
  try {
    await Promise.all([pub.connect(), sub.connect()]);
  } catch (error) {
    pub.destroy();
    sub.destroy();
    throw new Error(`cannot reach Redis at ${redactUrl(options.url)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  started = true;
  up.set(1);

  const resyncTimers = new Set<NodeJS.Timeout>();
  /** Closes the connections of this node's sockets in those rooms ('*': all), spread out. */
  function resync(rooms: readonly string[] | '*'): void {
    resyncs.inc();
    const spread = options.resyncSpreadMs ?? 2_000;
    for (const socket of io.of('/').sockets.values()) {
      if (rooms !== '*' && !rooms.some((room) => socket.rooms.has(room))) continue;
      // Closing the connection itself, not the Socket.IO session: a client takes a "server
      // disconnect" as final, but reconnects after a dropped connection and resumes.
      const timer = setTimeout(() => {
        resyncTimers.delete(timer);
        socket.conn.close();
      }, Math.random() * spread);
      resyncTimers.add(timer);
    }
  }

  const namespace = options.namespace ?? 'wolfpack';
  const lost = new LostPushes(namespace, (notice) => pub.publish(noticeChannel(namespace), notice), log);
  await sub.subscribe(noticeChannel(namespace), (notice) => {
    const rooms = lost.roomsToResync(notice);
    if (rooms) resync(rooms);
  });
  const adapterPub = guarded(pub, ['publish'], (args) => {
    failedPublishes.inc();
    lost.add(args);
  });
  const adapterSub = guarded(sub, ['pSubscribe', 'subscribe', 'pUnsubscribe', 'unsubscribe'], () =>
    log.warn('redis subscription change failed'),
  );
  io.adapter(createAdapter(adapterPub, adapterSub, { key: namespace }));

  return {
    commands: pub,
    namespace,
    close: async () => {
      for (const timer of resyncTimers) clearTimeout(timer);
      lost.stop();
      started = false;
      await Promise.all(
        [pub, sub].map((redis) =>
          redis.isReady ? redis.close().catch(() => redis.destroy()) : redis.destroy(),
        ),
      );
    },
  };
}

/**
 * The adapter calls publish and (un)subscribe without awaiting them; one that fails (Redis down)
 * would be an unhandled rejection, which ends a Node process. These calls are made to report
 * their failure instead; every other call goes to the client as it is.
 */
function guarded(redis: RedisClient, methods: string[], onFailure: (args: unknown[]) => void): RedisClient {
  return new Proxy(redis, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      // Methods run on the client itself: it keeps its state in private fields.
      const method = (value as (...a: unknown[]) => unknown).bind(target);
      if (typeof property !== 'string' || !methods.includes(property)) return method;
      return (...args: unknown[]) => {
        try {
          return Promise.resolve(method(...args)).catch(() => void onFailure(args));
        } catch {
          onFailure(args);
          return Promise.resolve();
        }
      };
    },
  });
}

/** A URL fit for a log line: without its password. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an invalid URL)';
  }
}

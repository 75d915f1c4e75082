import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { WolfpackError } from '../core/errors.ts';
import type { RedisClient } from './fanout.ts';
import type { RateLimit } from './rate-limit.ts';
import type { RelaySocket } from './socket/types.ts';

/**
 * A token bucket in one Redis hash, refilled lazily like the in-process one. Redis's own clock
 * is used, so nodes with drifting clocks still share one rate. Takes up to ARGV[3] tokens at once
 * and answers how many it took (none when the bucket is empty). The key expires once the bucket
 * would be full again, so idle members and addresses cost nothing.
 */
const TAKE = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local want = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
local taken = math.min(want, math.floor(tokens))
tokens = tokens - taken
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) * 1000 / rate) + 1000)
return taken
`;
const TAKE_SHA = createHash('sha1').update(TAKE).digest('hex');

/**
 * Takes up to `want` tokens (default 1) from the bucket all nodes share: how many it took (0: over
 * the limit on all nodes together), or null when Redis cannot say now.
 */
export type SharedTake = (
  bucket: string,
  key: string,
  limit: RateLimit,
  want?: number,
) => Promise<number | null>;

/**
 * Rate limits that hold across nodes. When Redis cannot answer within timeoutMs the answer is
 * null and the caller relies on its in-process limiter alone (which every request passes too).
 */
export function sharedTake(redis: RedisClient, namespace: string, timeoutMs = 250): SharedTake {
  const run = async (keys: string[], args: string[]): Promise<unknown> => {
    try {
      return await redis.evalSha(TAKE_SHA, { keys, arguments: args });
    } catch (error) {
      // The script cache is empty after a Redis restart: send the script itself once.
      if (!String((error as Error).message).startsWith('NOSCRIPT')) throw error;
      return redis.eval(TAKE, { keys, arguments: args });
    }
  };
  return async (bucket, key, limit, want = 1) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutMs);
    });
    const answer = run(
      [`${namespace}:rate:${bucket}:${key}`],
      [String(limit.perSecond), String(limit.burst), String(want)],
    ).then(
      (reply) => Number(reply),
      () => null,
    );
    try {
      return await Promise.race([answer, late]);
    } finally {
      clearTimeout(timer);
    }
  };
}

const MESSAGE_REFUSAL = 'too many messages; slow down and retry in a moment';

/** Tokens a socket takes from the shared bucket at once, and how long it may hold them. */
export const LEASE = { tokens: 5, ms: 1_000 } as const;

/**
 * Socket middleware: every message of a member (or board) spends a token of the bucket all nodes
 * share. The socket takes them a few at a time (a lease, at most LEASE.tokens, never more than
 * the burst) and takes the next few before the last is spent, so a message rarely waits for
 * Redis: one command serves several messages. A lease unspent after LEASE.ms is dropped; its
 * tokens stay taken, so a lease can only hold a member below the shared rate, never above it,
 * except that a burst may run a few messages past the bucket's (at most LEASE.tokens + 1 per
 * socket: what its lease still holds). A refused request is answered like the in-process
 * limiter answers it. When Redis cannot say, the message goes ahead (the in-process limiter,
 * which every request passes, still holds).
 */
export function gateMessages(
  socket: RelaySocket,
  take: SharedTake,
  limit: RateLimit,
  onRefused: () => void,
  now: () => number = Date.now,
): void {
  const key = socket.data.member?.id ?? socket.data.board?.id ?? socket.id;
  const size = Math.max(1, Math.min(LEASE.tokens, Math.floor(limit.burst)));
  let leased = 0;
  let expires = 0;
  /** The take in flight, shared by every message that waits for it: what it took. */
  let taking: Promise<number | null> | null = null;
  const refill = (): Promise<number | null> =>
    (taking ??= take('message', key, limit, size).then((taken) => {
      taking = null;
      if (taken !== null && taken > 0) {
        leased = (now() < expires ? leased : 0) + taken;
        expires = now() + LEASE.ms;
      }
      return taken;
    }));
  const spend = (): boolean => {
    if (now() >= expires) leased = 0;
    if (leased === 0) return false;
    leased -= 1;
    // The next few are on their way before this lease runs out.
    if (leased <= 1) void refill();
    return true;
  };
  const refuse = (packet: unknown[]): void => {
    onRefused();
    const error = new WolfpackError('rate_limited', MESSAGE_REFUSAL).toWire();
    const ack = packet.at(-1);
    if (typeof ack === 'function') (ack as (response: unknown) => void)({ ok: false, error });
    else socket.emit('request:error', { event: String(packet[0]).slice(0, 60), error });
  };
  const admit = async (packet: unknown[], next: () => void): Promise<void> => {
    // Each round either takes tokens (and someone spends them) or finds none: it ends.
    for (;;) {
      if (spend()) return next();
      const taken = await refill();
      if (taken === null) return next();
      if (taken === 0) return refuse(packet);
    }
  };
  socket.use((packet, next) => {
    if (spend()) return next();
    void admit(packet, next);
  });
}

type HttpHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Creating and joining packs is where an invite code could be guessed, so those two routes take
 * a token per address from the shared bucket before the HTTP handler (and its own limiter) runs.
 */
export function gateJoins(
  handle: HttpHandler,
  take: SharedTake,
  limit: RateLimit,
  onRefused: () => void,
  addressOf: (req: IncomingMessage) => string,
) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'POST' && (path === '/api/packs' || path === '/api/join')) {
      if ((await take('join', addressOf(req), limit)) === 0) {
        onRefused();
        const body = JSON.stringify({
          error: new WolfpackError(
            'rate_limited',
            'too many attempts from your address; wait a minute',
          ).toWire(),
        });
        res.writeHead(429, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(body),
        });
        res.end(body);
        return;
      }
    }
    return handle(req, res);
  };
}

import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { WolfpackError } from '../core/errors.ts';
import { requestSchemas, type RequestName } from '../core/protocol.ts';
import type { RedisClient } from './fanout.ts';
import { requestPath, type HttpHandler } from './http.ts';
import type { RateLimit } from './rate-limit.ts';
import { requestCost } from './socket/cost.ts';
import { eventField } from './socket/echo.ts';
import type { RelaySocket } from './socket/types.ts';

/**
 * A token bucket in one Redis hash, refilled lazily like the in-process one. Redis's own clock
 * is used, so nodes with drifting clocks still share one rate. Takes up to ARGV[3] tokens at once
 * and answers how many it took: none when fewer than ARGV[4] are left, so that a request that
 * needs several takes them all or leaves the bucket as it was. The key expires once the bucket
 * would be full again, so idle members and addresses cost nothing.
 */
const TAKE = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local want = tonumber(ARGV[3])
local least = tonumber(ARGV[4]) or 1
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
local taken = math.min(want, math.floor(tokens))
if taken < least then taken = 0 end
tokens = tokens - taken
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) * 1000 / rate) + 1000)
return taken
`;
const TAKE_SHA = createHash('sha1').update(TAKE).digest('hex');

/**
 * Takes up to `want` tokens (default 1), and at least `least` (default 1) or none, from the bucket
 * all nodes share: how many it took (0: over the limit on all nodes together), or null when Redis
 * cannot say now.
 */
export type SharedTake = (
  bucket: string,
  key: string,
  limit: RateLimit,
  want?: number,
  least?: number,
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
  return async (bucket, key, limit, want = 1, least = 1) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutMs);
    });
    const answer = run(
      [`${namespace}:rate:${bucket}:${key}`],
      [String(limit.perSecond), String(limit.burst), String(want), String(least)],
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

/** What a message costs: a request its REQUEST_COSTS, anything else (refused later) one token. */
function messageCost(packet: unknown[]): number {
  const [name, raw] = packet;
  return typeof name === 'string' && Object.hasOwn(requestSchemas, name)
    ? requestCost(name as RequestName, raw)
    : 1;
}

/**
 * Socket middleware: every message of a member (or board) spends its cost (REQUEST_COSTS, at most
 * the burst) from the bucket all nodes share. The socket takes tokens a few at a time (a lease of
 * LEASE.tokens, or what a message lacks when it costs more; never more than the burst) and takes
 * the next few before the last is spent, so a message rarely waits for Redis: one command serves
 * several messages. A message that costs more than the lease holds takes what it lacks all at once
 * or not at all, so an expensive request refused leaves the bucket to cheap ones. A lease unspent
 * after LEASE.ms is dropped; its tokens stay taken, so a lease can only hold a member below the
 * shared rate, never above it, except that a burst may run a few messages past the bucket's (at
 * most LEASE.tokens + 1 per socket: what its lease still holds). A refused request is answered
 * like the in-process limiter answers it. When Redis cannot say, the message goes ahead (the
 * in-process limiter, which every request passes, still holds).
 */
export function gateMessages(
  socket: RelaySocket,
  take: SharedTake,
  limit: RateLimit,
  onRefused: () => void,
  now: () => number = Date.now,
): void {
  const key = socket.data.member?.id ?? socket.data.board?.id ?? socket.id;
  const burst = Math.max(1, Math.floor(limit.burst));
  const size = Math.min(LEASE.tokens, burst);
  let leased = 0;
  let expires = 0;
  /** The take in flight, shared by every message that waits for it: what it took. */
  let taking: Promise<number | null> | null = null;
  const refill = (least: number): Promise<number | null> =>
    (taking ??= take('message', key, limit, Math.max(size, least), least).then((taken) => {
      taking = null;
      if (taken !== null && taken > 0) {
        leased = (now() < expires ? leased : 0) + taken;
        expires = now() + LEASE.ms;
      }
      return taken;
    }));
  const spend = (cost: number): boolean => {
    if (now() >= expires) leased = 0;
    if (leased < cost) return false;
    leased -= cost;
    // The next few are on their way before this lease runs out.
    if (leased <= 1) void refill(1);
    return true;
  };
  const refuse = (packet: unknown[]): void => {
    onRefused();
    const error = new WolfpackError('rate_limited', MESSAGE_REFUSAL).toWire();
    const ack = packet.at(-1);
    if (typeof ack === 'function') (ack as (response: unknown) => void)({ ok: false, error });
    else socket.emit('request:error', { event: eventField(packet[0]), error });
  };
  const admit = async (packet: unknown[], cost: number, next: () => void): Promise<void> => {
    // Each round spends, or takes tokens (all that this message lacks, if it started the take),
    // or finds none and refuses: the bucket is finite, so the rounds end.
    for (;;) {
      if (spend(cost)) return next();
      const taken = await refill(cost - leased);
      if (taken === null) return next();
      if (taken === 0) return refuse(packet);
    }
  };
  socket.use((packet, next) => {
    const cost = Math.min(burst, messageCost(packet));
    if (spend(cost)) return next();
    void admit(packet, cost, next);
  });
}

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
    // The route as the HTTP handler will see it: `http://host/api/join` and `/api/./join` are
    // joins too, and must not pass by the shared limit.
    const path = requestPath(req.url);
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

import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { WolfpackError } from '../core/errors.ts';
import type { RedisClient } from './fanout.ts';
import type { RateLimit } from './rate-limit.ts';
import type { RelaySocket } from './socket/types.ts';

/**
 * A token bucket in one Redis hash, refilled lazily like the in-process one. Redis's own clock
 * is used, so nodes with drifting clocks still share one rate. The key expires once the bucket
 * would be full again, so idle members and addresses cost nothing.
 */
const TAKE = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) * 1000 / rate) + 1000)
return allowed
`;
const TAKE_SHA = createHash('sha1').update(TAKE).digest('hex');

/** true: go ahead; false: over the limit on all nodes together; null: Redis cannot say now. */
export type SharedTake = (bucket: string, key: string, limit: RateLimit) => Promise<boolean | null>;

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
  return async (bucket, key, limit) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutMs);
    });
    const answer = run(
      [`${namespace}:rate:${bucket}:${key}`],
      [String(limit.perSecond), String(limit.burst)],
    ).then(
      (reply) => Number(reply) === 1,
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

/**
 * Socket middleware: every message of a member (or board) takes a token from the bucket all
 * nodes share. A refused request is answered like the in-process limiter answers it.
 */
export function gateMessages(
  socket: RelaySocket,
  take: SharedTake,
  limit: RateLimit,
  onRefused: () => void,
): void {
  const key = socket.data.member?.id ?? socket.data.board?.id ?? socket.id;
  socket.use((packet, next) => {
    void take('message', key, limit).then((allowed) => {
      if (allowed !== false) return next();
      onRefused();
      const error = new WolfpackError('rate_limited', MESSAGE_REFUSAL).toWire();
      const ack = packet.at(-1);
      if (typeof ack === 'function') (ack as (response: unknown) => void)({ ok: false, error });
      else socket.emit('request:error', { event: String(packet[0]).slice(0, 60), error });
    });
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
      if ((await take('join', addressOf(req), limit)) === false) {
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

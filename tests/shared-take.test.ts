import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedTake, type SharedTake } from '../server/fanout-limits.ts';
import type { RedisClient } from '../server/fanout.ts';
import { REDIS_URL, redisUnavailable } from './helpers/redis.ts';

/** The shared bucket's script on the machine's Redis, under a namespace of this run's own. */
const missing = await redisUnavailable();
const SLOW = { perSecond: 0.001, burst: 30 };

(missing ? describe.skip : describe)(
  `the shared bucket in Redis${missing ? ` (skipped: no Redis at ${REDIS_URL}: ${missing})` : ''}`,
  () => {
    let redis: RedisClient;
    let take: SharedTake;
    const namespace = `wolfpack-test-${randomUUID()}`;

    beforeAll(async () => {
      redis = createClient({ url: REDIS_URL }) as unknown as RedisClient;
      await redis.connect();
      take = sharedTake(redis, namespace);
    });

    afterAll(async () => {
      for (const key of await redis.keys(`${namespace}:*`)) await redis.del(key);
      redis.destroy();
    });

    it('takes what a request needs all at once, or nothing, leaving the rest to cheaper ones', async () => {
      expect(await take('message', 'm1', SLOW, 25, 25)).toBe(25);
      // Five are left: a request that needs ten gets none of them ...
      expect(await take('message', 'm1', SLOW, 10, 10)).toBe(0);
      // ... and a lease of up to five for cheap ones still finds them all.
      expect(await take('message', 'm1', SLOW, 5, 1)).toBe(5);
      expect(await take('message', 'm1', SLOW, 5, 1)).toBe(0);
    });

    it('takes one token at least by default, as before', async () => {
      expect(await take('message', 'm2', { perSecond: 0.001, burst: 3 }, 5)).toBe(3);
    });
  },
);

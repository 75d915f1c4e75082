import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.ts';

describe('RateLimiter with costs', () => {
  it('takes a request’s whole cost or nothing, leaving the rest to cheaper requests', () => {
    const clock = { now: 0 };
    const limiter = new RateLimiter({ perSecond: 10, burst: 20 }, () => clock.now);
    expect(limiter.take('m', 15)).toBe(true);
    expect(limiter.take('m', 10)).toBe(false);
    for (let i = 0; i < 5; i++) expect(limiter.take('m')).toBe(true);
    expect(limiter.take('m')).toBe(false);
    clock.now += 1000;
    expect(limiter.take('m', 10)).toBe(true);
  });

  it('lets a request that costs more than the burst through on a full budget', () => {
    const clock = { now: 0 };
    const limiter = new RateLimiter({ perSecond: 1, burst: 5 }, () => clock.now);
    expect(limiter.take('m', 30)).toBe(true);
    expect(limiter.take('m', 30)).toBe(false);
    clock.now += 5000;
    expect(limiter.take('m', 30)).toBe(true);
  });

  it('keeps members apart', () => {
    const limiter = new RateLimiter({ perSecond: 1, burst: 5 }, () => 0);
    expect(limiter.take('a', 5)).toBe(true);
    expect(limiter.take('b', 5)).toBe(true);
    expect(limiter.take('a')).toBe(false);
  });
});

export interface RateLimit {
  /** Tokens added per second. */
  perSecond: number;
  /** Bucket size: how many may come at once. */
  burst: number;
}

/**
 * Token buckets keyed by member or address. One bucket per key, refilled lazily on use;
 * buckets left full are dropped so idle keys cost no memory.
 */
export class RateLimiter {
  readonly #limit: RateLimit;
  readonly #clock: () => number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(limit: RateLimit, clock: () => number) {
    this.#limit = limit;
    this.#clock = clock;
  }

  /**
   * Takes `cost` tokens, or none when fewer are left. A cost above the burst takes the whole
   * burst: the bucket could never hold more, and the request should pass on a full budget.
   */
  take(key: string, cost = 1): boolean {
    const need = Math.min(cost, this.#limit.burst);
    const now = this.#clock();
    const bucket = this.#buckets.get(key) ?? { tokens: this.#limit.burst, at: now };
    bucket.tokens = Math.min(
      this.#limit.burst,
      bucket.tokens + ((now - bucket.at) / 1000) * this.#limit.perSecond,
    );
    bucket.at = now;
    if (bucket.tokens < need) {
      this.#buckets.set(key, bucket);
      return false;
    }
    bucket.tokens -= need;
    this.#buckets.set(key, bucket);
    if (this.#buckets.size > 10_000) this.#sweep(now);
    return true;
  }

  #sweep(now: number): void {
    for (const [key, bucket] of this.#buckets) {
      const refilled = bucket.tokens + ((now - bucket.at) / 1000) * this.#limit.perSecond;
      if (refilled >= this.#limit.burst) this.#buckets.delete(key);
    }
  }
}

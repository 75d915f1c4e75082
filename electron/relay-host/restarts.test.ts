import { describe, expect, it } from 'vitest';
import { RestartPolicy } from './restarts.ts';

describe('restarting the hosted relay after its process ended by itself', () => {
  it('waits longer after each quick crash in a row, up to the most, then gives up', () => {
    let now = 0;
    const policy = new RestartPolicy(
      { firstDelayMs: 1_000, maxDelayMs: 5_000, stableMs: 60_000, maxQuickCrashes: 4 },
      () => now,
    );
    const delays = [1, 2, 3, 4, 5].map(() => {
      now += 10_000;
      return policy.afterCrash(now - 5_000);
    });
    expect(delays).toEqual([1_000, 2_000, 4_000, 5_000, null]);
  });

  it('starts afresh after a relay that had run for a while', () => {
    let now = 0;
    const policy = new RestartPolicy({ firstDelayMs: 1_000, stableMs: 60_000 }, () => now);
    now = 1_000;
    expect(policy.afterCrash(0)).toBe(1_000);
    now = 3_000;
    expect(policy.afterCrash(2_000)).toBe(2_000);
    now = 100_000;
    expect(policy.afterCrash(4_000)).toBe(1_000);
  });
});

import { describe, expect, it } from 'vitest';
import { Mutex } from './mutex.ts';

describe('Mutex', () => {
  it('lets one holder in at a time, in arrival order', async () => {
    const mutex = new Mutex();
    const order: string[] = [];
    const slow = mutex.run(async () => {
      order.push('a starts');
      await new Promise((r) => setTimeout(r, 20));
      order.push('a ends');
    });
    const fast = mutex.run(async () => {
      order.push('b');
    });
    await Promise.all([slow, fast]);
    expect(order).toEqual(['a starts', 'a ends', 'b']);
  });

  it('lets the holder in again instead of waiting for itself', async () => {
    const mutex = new Mutex();
    const nested = mutex.run(async () => mutex.run(async () => 'inner'));
    await expect(
      Promise.race([nested, new Promise((r) => setTimeout(() => r('stuck'), 1000))]),
    ).resolves.toBe('inner');
  });
});

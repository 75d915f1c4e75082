import { describe, expect, it } from 'vitest';
import { queuedBytes } from './backpressure.ts';

describe('queuedBytes', () => {
  it('adds what ws still holds and the packets engine.io has not handed over', () => {
    const conn = {
      writeBuffer: [{ data: 'x'.repeat(100) }, { data: new Uint8Array(50) }, {}],
      transport: { socket: { bufferedAmount: 1000 } },
    };
    expect(queuedBytes(conn)).toBe(1150);
  });

  it('stops adding once the sum passes what is enough to decide', () => {
    const conn = { writeBuffer: Array.from({ length: 1000 }, () => ({ data: 'x'.repeat(10) })) };
    expect(queuedBytes(conn, 95)).toBe(100);
  });

  it('reads nothing from a connection without those members', () => {
    expect(queuedBytes({})).toBe(0);
  });
});

import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { LostPushes, roomsOf } from './fanout-lost.ts';

describe('the rooms a failed publish was meant for', () => {
  it('reads a one-room broadcast from its channel', () => {
    expect(roomsOf('wp', 'wp#/#pack:abc#', Buffer.from([1]))).toEqual(['pack:abc']);
  });

  it("reads a removal's rooms from its request", () => {
    const request = JSON.stringify({ uid: 'x', type: 4, opts: { rooms: ['member:m1'], except: [] } });
    expect(roomsOf('wp', 'wp-request#/#', request)).toEqual(['member:m1']);
  });

  it('takes anything else to concern everyone', () => {
    expect(roomsOf('wp', 'wp#/#', Buffer.from([1]))).toBe('*');
    expect(roomsOf('wp', 'wp-request#/#', Buffer.from([1]))).toBe('*');
    expect(roomsOf('wp', 'wp-request#/#', '{not json')).toBe('*');
    expect(roomsOf('wp', 'other#/#pack:abc#', 'x')).toBe('*');
  });
});

describe('telling the other nodes', () => {
  const log = pino({ level: 'silent' });

  it('sends the lost rooms once the publisher is back, and other nodes resync just those', async () => {
    const sent: string[] = [];
    const one = new LostPushes('wp', async (notice) => void sent.push(notice), log);
    const two = new LostPushes('wp', async () => undefined, log);
    one.add(['wp#/#pack:a#', Buffer.from([1])]);
    one.add(['wp#/#pack:b#', Buffer.from([1])]);
    one.add(['wp#/#pack:a#', Buffer.from([1])]);
    one.notify();
    await Promise.resolve();
    expect(sent).toHaveLength(1);
    expect(two.roomsToResync(sent[0] ?? '')).toEqual(['pack:a', 'pack:b']);
    // A node ignores its own notice, and there is nothing left to send.
    expect(one.roomsToResync(sent[0] ?? '')).toBeNull();
    one.notify();
    expect(sent).toHaveLength(1);
    one.stop();
  });

  it('keeps the rooms while Redis refuses the notice, and tries again every second', async () => {
    vi.useFakeTimers();
    try {
      let refuse = true;
      const sent: string[] = [];
      const one = new LostPushes(
        'wp',
        async (notice) => {
          if (refuse) throw new Error('NOAUTH');
          sent.push(notice);
        },
        log,
      );
      one.add(['wp#/#pack:a#', Buffer.from([1])]);
      await vi.advanceTimersByTimeAsync(1000);
      expect(sent).toEqual([]);
      one.add(['wp-request#/#', Buffer.from([1])]);
      refuse = false;
      await vi.advanceTimersByTimeAsync(1000);
      expect(sent.map((n) => (JSON.parse(n) as { rooms: unknown }).rooms)).toEqual(['*']);
      one.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('ignores a notice it cannot read', () => {
    const two = new LostPushes('wp', async () => undefined, log);
    expect(two.roomsToResync('{')).toBeNull();
    expect(two.roomsToResync(JSON.stringify({ from: 'x', rooms: 5 }))).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { LEASE, gateMessages, type SharedTake } from './fanout-limits.ts';
import type { RateLimit } from './rate-limit.ts';
import type { RelaySocket } from './socket/types.ts';

type Middleware = (packet: unknown[], next: () => void) => void;

/** A shared bucket held here instead of in Redis: each take is answered when the test says. */
class Bucket {
  tokens: number;
  takes: number[] = [];
  #pending: (() => void)[] = [];
  /** Answer takes at once (true) or only on answer() (false). */
  prompt = true;
  /** What every take answers instead of tokens (Redis cannot say). */
  unknown = false;

  constructor(tokens: number) {
    this.tokens = tokens;
  }

  readonly take: SharedTake = (_bucket, _key, _limit, want = 1, least = 1) => {
    this.takes.push(want);
    return new Promise((resolve) => {
      const settle = () => {
        if (this.unknown) return resolve(null);
        const taken = this.tokens >= least ? Math.min(want, this.tokens) : 0;
        this.tokens -= taken;
        resolve(taken);
      };
      if (this.prompt) settle();
      else this.#pending.push(settle);
    });
  };

  answer(): void {
    for (const settle of this.#pending.splice(0)) settle();
  }
}

const LIMIT: RateLimit = { perSecond: 20, burst: 100 };

function gatedSocket(bucket: Bucket, limit = LIMIT, clock = { now: 0 }) {
  let middleware: Middleware | undefined;
  const errors: unknown[] = [];
  const socket = {
    id: 'socket-1',
    data: { member: { id: 'member-1' } },
    use: (fn: Middleware) => (middleware = fn),
    emit: (_event: string, payload: unknown) => errors.push(payload),
  } as unknown as RelaySocket;
  let refused = 0;
  gateMessages(
    socket,
    bucket.take,
    limit,
    () => (refused += 1),
    () => clock.now,
  );
  const answers: string[] = [];
  /** Sends one message; its fate is 'passed' or 'refused' once known. */
  const send = (n: number, event = 'challenge:list', payload: unknown = {}): void => {
    const ack = (response: { error: { code: string } }) => answers.push(`${n} ${response.error.code}`);
    middleware?.([event, payload, ack], () => answers.push(`${n} passed`));
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { send, answers, settle, refused: () => refused, errors };
}

describe('the shared message limit, taken a few tokens at a time', () => {
  it('lets most messages through without waiting for the shared bucket', async () => {
    const bucket = new Bucket(1000);
    const socket = gatedSocket(bucket);
    for (let i = 1; i <= 20; i++) {
      socket.send(i);
      await socket.settle();
    }
    expect(socket.answers).toEqual(Array.from({ length: 20 }, (_, i) => `${i + 1} passed`));
    // One take of a few tokens serves several messages (the next few are fetched ahead).
    expect(bucket.takes.length).toBeLessThanOrEqual(Math.ceil(20 / (LEASE.tokens - 1)) + 1);
    expect(bucket.takes.every((want) => want === LEASE.tokens)).toBe(true);
    // Nothing more is taken than a lease ahead of what was sent.
    expect(1000 - bucket.tokens).toBeLessThanOrEqual(20 + LEASE.tokens);
  });

  it('refuses, in order, what the shared bucket cannot pay for', async () => {
    const bucket = new Bucket(3);
    const socket = gatedSocket(bucket);
    for (let i = 1; i <= 5; i++) socket.send(i);
    await socket.settle();
    expect(socket.answers).toEqual(['1 passed', '2 passed', '3 passed', '4 rate_limited', '5 rate_limited']);
    expect(socket.refused()).toBe(2);
  });

  it('makes messages that arrive while a take is on its way share it, keeping their order', async () => {
    const bucket = new Bucket(100);
    bucket.prompt = false;
    const socket = gatedSocket(bucket);
    for (let i = 1; i <= 3; i++) socket.send(i);
    expect(socket.answers).toEqual([]);
    expect(bucket.takes).toHaveLength(1);
    bucket.answer();
    await socket.settle();
    expect(socket.answers).toEqual(['1 passed', '2 passed', '3 passed']);
  });

  it('takes again when more messages wait than one take paid for', async () => {
    const bucket = new Bucket(100);
    bucket.prompt = false;
    const socket = gatedSocket(bucket);
    const count = LEASE.tokens + 2;
    for (let i = 1; i <= count; i++) socket.send(i);
    for (let round = 0; round < 4; round++) {
      bucket.answer();
      await socket.settle();
    }
    expect(socket.answers).toEqual(Array.from({ length: count }, (_, i) => `${i + 1} passed`));
  });

  it('drops a lease that was not spent in time: its tokens are not carried into a later burst', async () => {
    const bucket = new Bucket(100);
    const clock = { now: 0 };
    const socket = gatedSocket(bucket, LIMIT, clock);
    socket.send(1);
    await socket.settle();
    const takenBefore = bucket.takes.length;
    clock.now += LEASE.ms;
    socket.send(2);
    await socket.settle();
    expect(socket.answers).toEqual(['1 passed', '2 passed']);
    expect(bucket.takes.length).toBe(takenBefore + 1);
  });

  it('never leases more than the burst', async () => {
    const bucket = new Bucket(100);
    const socket = gatedSocket(bucket, { perSecond: 1, burst: 2 });
    socket.send(1);
    await socket.settle();
    expect(bucket.takes[0]).toBe(2);
  });

  it('lets messages through when Redis cannot say (the in-process limit still holds)', async () => {
    const bucket = new Bucket(0);
    bucket.unknown = true;
    const socket = gatedSocket(bucket);
    socket.send(1);
    socket.send(2);
    await socket.settle();
    expect(socket.answers).toEqual(['1 passed', '2 passed']);
  });

  it('says so on the side when a refused message had no acknowledgement to answer', async () => {
    const bucket = new Bucket(0);
    let middleware: Middleware | undefined;
    const errors: unknown[] = [];
    const socket = {
      id: 'socket-1',
      data: { board: { id: 'board-1' } },
      use: (fn: Middleware) => (middleware = fn),
      emit: (event: string, payload: unknown) => errors.push({ event, payload }),
    } as unknown as RelaySocket;
    gateMessages(socket, bucket.take, LIMIT, () => undefined);
    middleware?.(['board:resume', {}], () => errors.push('passed'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(errors).toEqual([
      {
        event: 'request:error',
        payload: { event: 'board:resume', error: expect.objectContaining({ code: 'rate_limited' }) },
      },
    ]);
  });

  it('takes what an expensive request lacks all at once', async () => {
    const bucket = new Bucket(100);
    const socket = gatedSocket(bucket);
    socket.send(1, 'challenge:create');
    await socket.settle();
    expect(socket.answers).toEqual(['1 passed']);
    expect(bucket.takes[0]).toBe(30);
  });

  it('refuses an expensive request the bucket cannot pay for without taking anything, so cheap ones still pass', async () => {
    const bucket = new Bucket(20);
    const socket = gatedSocket(bucket);
    socket.send(1, 'challenge:create');
    await socket.settle();
    expect(socket.answers).toEqual(['1 rate_limited']);
    expect(bucket.tokens).toBe(20);
    socket.send(2);
    await socket.settle();
    expect(socket.answers).toEqual(['1 rate_limited', '2 passed']);
  });

  it('prices a batch by its size', async () => {
    const bucket = new Bucket(100);
    const socket = gatedSocket(bucket);
    socket.send(1, 'activity:log', { events: Array.from({ length: 500 }, () => ({})) });
    await socket.settle();
    expect(socket.answers).toEqual(['1 passed']);
    expect(100 - bucket.tokens).toBeGreaterThanOrEqual(20);
  });

  it('never asks for more than the burst, however much a request costs', async () => {
    const bucket = new Bucket(100);
    const socket = gatedSocket(bucket, { perSecond: 1, burst: 10 });
    socket.send(1, 'challenge:create');
    await socket.settle();
    expect(socket.answers).toEqual(['1 passed']);
    expect(bucket.takes[0]).toBe(10);
  });

  it('names no event in request:error when the message had none', async () => {
    const bucket = new Bucket(0);
    let middleware: Middleware | undefined;
    const errors: unknown[] = [];
    const socket = {
      id: 'socket-1',
      data: { member: { id: 'member-1' } },
      use: (fn: Middleware) => (middleware = fn),
      emit: (event: string, payload: unknown) => errors.push({ event, payload }),
    } as unknown as RelaySocket;
    gateMessages(socket, bucket.take, LIMIT, () => undefined);
    middleware?.([{ toString: () => 'function () { // prevent double callbacks' }], () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(errors).toEqual([
      {
        event: 'request:error',
        payload: {
          event: 'a message without an event name',
          error: expect.objectContaining({ code: 'rate_limited' }),
        },
      },
    ]);
  });
});

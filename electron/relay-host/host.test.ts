import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { hostRelay, type RelayProcess } from './host.ts';
import type { FromChild, StartRelay, ToChild } from './protocol.ts';
import { RestartPolicy } from './restarts.ts';

/** A utility process that answers as the relay child would, and can be made to end. */
class FakeProcess extends EventEmitter implements RelayProcess {
  readonly received: ToChild[] = [];
  readonly answer: (start: StartRelay) => FromChild | null;
  constructor(answer: (start: StartRelay) => FromChild | null) {
    super();
    this.answer = answer;
    setImmediate(() => this.emit('spawn'));
  }
  postMessage(message: ToChild): void {
    this.received.push(message);
    if (message.type === 'start') {
      const reply = this.answer(message);
      if (reply) setImmediate(() => this.emit('message', reply));
    } else if (message.type === 'stop') {
      setImmediate(() => this.end(0));
    }
  }
  kill(): boolean {
    this.end(null);
    return true;
  }
  end(code: number | null): void {
    this.emit('exit', code);
  }
}

function harness(answer: (start: StartRelay) => FromChild | null = (s) => listening(s.port || 7420)) {
  const forks: FakeProcess[] = [];
  const lines: string[] = [];
  let forked: () => void = () => undefined;
  const host = hostRelay({
    fork: () => {
      const proc = new FakeProcess(answer);
      forks.push(proc);
      forked();
      return proc;
    },
    dbPath: '/data/relay.sqlite',
    webRoot: null,
    lanUrls: (port) => [`http://192.168.1.20:${port}`],
    report: (line) => lines.push(line),
    restarts: new RestartPolicy({ firstDelayMs: 5, maxQuickCrashes: 2 }),
  });
  const nextFork = () => new Promise<void>((resolve) => (forked = resolve));
  return { host, forks, lines, nextFork };
}

const listening = (port: number): FromChild => ({ type: 'listening', url: `http://0.0.0.0:${port}`, port });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the hosted relay', () => {
  it('is started again, on the port it had, when its process ends by itself', async () => {
    const h = harness((s) => listening(s.port === 7420 ? 51_234 : s.port));
    expect(await h.host.start()).toEqual({
      url: 'http://127.0.0.1:51234',
      lanUrls: ['http://192.168.1.20:51234'],
    });
    const restarted = h.nextFork();
    h.forks[0]?.end(1);
    await restarted;
    await pause(10);
    expect(h.forks).toHaveLength(2);
    expect(h.forks[1]?.received[0]).toMatchObject({
      type: 'start',
      port: 51_234,
      dbPath: '/data/relay.sqlite',
    });
    expect(h.lines).toEqual(['wolfpack: the hosted relay ended (code 1); it starts again in 5 ms']);
    expect(await h.host.start()).toMatchObject({ url: 'http://127.0.0.1:51234' });
  });

  it('is not started again after the app stopped it', async () => {
    const h = harness();
    await h.host.start();
    await h.host.stop();
    await pause(30);
    expect(h.forks).toHaveLength(1);
    expect(h.lines).toEqual([]);
  });

  it('is not started again when it never listened: the start itself reports the failure', async () => {
    const h = harness(() => null);
    const starting = h.host.start();
    setImmediate(() => h.forks[0]?.end(1));
    await expect(starting).rejects.toThrow('the relay process ended (code 1)');
    await pause(30);
    expect(h.forks).toHaveLength(1);
  });

  it('stays stopped, and says so, once it keeps crashing right after each start', async () => {
    const h = harness();
    await h.host.start();
    for (let i = 0; i < 2; i++) {
      const restarted = h.nextFork();
      h.forks.at(-1)?.end(1);
      await restarted;
      await pause(10);
    }
    h.forks.at(-1)?.end(1);
    await pause(30);
    expect(h.forks).toHaveLength(3);
    expect(h.lines.at(-1)).toBe(
      'wolfpack: the hosted relay keeps ending (code 1); it stays stopped until you host again',
    );
  });
});

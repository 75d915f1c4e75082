import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { installLastResort } from './last-resort.ts';

function harness(stop: () => Promise<void>, drainMs = 50) {
  const target = new EventEmitter();
  const lines: string[] = [];
  const exits: number[] = [];
  let exited: () => void = () => undefined;
  const exit = new Promise<void>((resolve) => (exited = resolve));
  const uninstall = installLastResort({
    log: {
      error: (_details, message) => lines.push(`error ${message}`),
      fatal: (_details, message) => lines.push(`fatal ${message}`),
    },
    stop,
    exit: (code) => {
      exits.push(code);
      exited();
    },
    drainMs,
    target,
  });
  return { target, lines, exits, exit, uninstall };
}

describe('the last-resort handlers', () => {
  it('log an unhandled rejection and exit nothing', async () => {
    const h = harness(() => Promise.resolve());
    h.target.emit('unhandledRejection', new Error('lost'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.exits).toEqual([]);
    expect(h.lines).toEqual([expect.stringMatching(/^error .*goes on serving/)]);
  });

  it('drain, then exit with 1, after an uncaught exception', async () => {
    let stopped = false;
    const h = harness(async () => {
      stopped = true;
    });
    h.target.emit('uncaughtException', new Error('boom'));
    await h.exit;
    expect(stopped).toBe(true);
    expect(h.exits).toEqual([1]);
  });

  it('exit with 1 after drainMs when the drain never ends', async () => {
    const h = harness(() => new Promise<void>(() => undefined), 50);
    const started = Date.now();
    h.target.emit('uncaughtException', new Error('boom'));
    await h.exit;
    expect(h.exits).toEqual([1]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('exit at once on a second uncaught exception while draining', async () => {
    const h = harness(() => new Promise<void>(() => undefined), 60_000);
    h.target.emit('uncaughtException', new Error('boom'));
    h.target.emit('uncaughtException', new Error('again'));
    await h.exit;
    expect(h.exits).toEqual([1]);
  });

  it('exit with 1 when the drain itself fails', async () => {
    const h = harness(() => Promise.reject(new Error('close failed')));
    h.target.emit('uncaughtException', new Error('boom'));
    await h.exit;
    expect(h.exits).toEqual([1]);
    expect(h.lines).toContain('error the relay did not stop cleanly');
  });

  it('leave the process alone once uninstalled', () => {
    const h = harness(() => Promise.resolve());
    h.uninstall();
    expect(h.target.listenerCount('uncaughtException')).toBe(0);
    expect(h.target.listenerCount('unhandledRejection')).toBe(0);
  });
});

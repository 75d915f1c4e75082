import { describe, expect, it, vi } from 'vitest';
import type { AppView } from '../app/services.ts';
import { lazyWebApi } from './lazy-api.ts';
import type { WebApi } from './lazy-api.ts';

function fakeApi(): WebApi {
  const listeners = new Set<(state: AppView) => void>();
  return {
    history: vi.fn(async () => ({ ok: true as const, items: [], nextCursor: null })),
    setDailyTarget: vi.fn(async (_metric: string, target: number) => ({ ok: true as const, target })),
    onState: (listener: (state: AppView) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit: (state: AppView) => listeners.forEach((l) => l(state)),
  } as unknown as WebApi;
}

describe('the web API loaded on first use', () => {
  it('loads nothing until a screen asks, then once for every call', async () => {
    const real = fakeApi();
    const load = vi.fn(async () => real);
    const api = lazyWebApi(load);
    expect(load).not.toHaveBeenCalled();
    await api.history({});
    await api.history({ limit: 5 });
    expect(load).toHaveBeenCalledTimes(1);
    expect(real.history).toHaveBeenLastCalledWith({ limit: 5 });
  });

  it('subscribes a listener once loaded, and not at all when it unsubscribed first', async () => {
    const real = fakeApi() as WebApi & { emit(state: AppView): void };
    const api = lazyWebApi(async () => real);
    const kept = vi.fn();
    const dropped = vi.fn();
    api.onState(kept);
    api.onState(dropped)();
    await api.history({});
    real.emit({} as AppView);
    expect(kept).toHaveBeenCalledTimes(1);
    expect(dropped).not.toHaveBeenCalled();
  });

  it('forwards the streak and recap calls with their arguments, so the screens find them', async () => {
    const real = fakeApi();
    const api = lazyWebApi(async () => real);
    expect(await api.setDailyTarget('call', 20)).toEqual({ ok: true, target: 20 });
    expect(real.setDailyTarget).toHaveBeenCalledWith('call', 20);
    expect(typeof api.progress).toBe('function');
    expect(typeof api.recap).toBe('function');
  });
});

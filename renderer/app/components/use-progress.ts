import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiResult } from '../../../core/app-api.ts';
import type { WireError } from '../../../core/errors.ts';
import type { ProgressApi } from '../../../core/progress-types.ts';
import type { AppView, Services } from '../services.ts';

const PROGRESS_METHODS = ['progress', 'setDailyTarget', 'recap'] as const;

/** The streaks and recap calls, where this app's implementation offers them (an older one may not). */
export function progressApiOf(services: Services): ProgressApi | null {
  for (const candidate of [services.api, services.pack, services.desktop]) {
    if (!candidate) continue;
    const methods = candidate as unknown as Record<string, unknown>;
    if (PROGRESS_METHODS.every((name) => typeof methods[name] === 'function'))
      return candidate as unknown as ProgressApi;
  }
  return null;
}

/**
 * Something that changes whenever the pack's counts may have: the newest feed entry and your
 * latest record. Asking again then keeps today's count current without a push of its own.
 */
export function countsKey(state: AppView): string {
  const newest = state.feed.reduce((max, entry) => Math.max(max, entry.seq), 0);
  return `${newest}:${state.bests?.length ?? 0}:${state.connection.state}`;
}

export interface Loaded<T> {
  /** Null while the first answer is awaited. */
  data: T | null;
  error: WireError | null;
  reload: () => void;
}

/**
 * Calls `ask` now, again whenever `key` changes, and on `reload`; an answer that arrives after
 * a newer question is dropped. Earlier data stays on screen while a new answer is awaited.
 */
export function useLoaded<T extends object, R>(
  ask: (() => Promise<ApiResult<T>>) | null,
  pick: (result: { ok: true } & T) => R,
  key: string,
): Loaded<R> {
  const [data, setData] = useState<R | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  // `ask` and `pick` are rebuilt each render; `key` says when the question really changed.
  const latest = useRef({ ask, pick });
  latest.current = { ask, pick };
  const offered = ask !== null;
  useEffect(() => {
    const { ask, pick } = latest.current;
    if (!ask) return;
    let live = true;
    ask().then(
      (result) => {
        if (!live) return;
        if (!result.ok) return setError(result.error);
        try {
          setData(pick(result));
          setError(null);
        } catch {
          // An answer of another shape (an older or newer app behind the bridge): said, not thrown.
          setError({ code: 'internal', message: "the relay's answer could not be read" });
        }
      },
      (thrown: unknown) => {
        if (live)
          setError({ code: 'internal', message: thrown instanceof Error ? thrown.message : String(thrown) });
      },
    );
    return () => {
      live = false;
    };
  }, [key, round, offered]);
  return { data, error, reload };
}

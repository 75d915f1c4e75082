import { useCallback, useState } from 'react';
import type { ApiResult } from '../../../core/app-api.ts';
import type { WireError } from '../../../core/errors.ts';

/** One button's call: busy while it runs, its error kept to show next to it. */
export function useAction<A extends unknown[], T extends object>(
  call: (...args: A) => Promise<ApiResult<T>>,
  onDone?: (result: { ok: true } & T) => void,
): { run: (...args: A) => Promise<void>; busy: boolean; error: WireError | null; clear: () => void } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const run = useCallback(
    async (...args: A) => {
      setBusy(true);
      setError(null);
      try {
        const result = await call(...args);
        if (result.ok) onDone?.(result);
        else setError(result.error);
      } catch (thrown) {
        setError({ code: 'internal', message: thrown instanceof Error ? thrown.message : String(thrown) });
      } finally {
        setBusy(false);
      }
    },
    [call, onDone],
  );
  return { run, busy, error, clear: () => setError(null) };
}

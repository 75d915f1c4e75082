import { useCallback, useEffect, useRef, useState } from 'react';
import type { WolfpackApi } from '../../../core/app-api.ts';
import type { WireError } from '../../../core/errors.ts';
import type { ChallengeView } from '../../../core/types.ts';
import type { PageCache } from '../logic/history-cache.ts';

const FIRST_PAGE = 40;
/**
 * The relay's LIMITS.historyPage. Not imported: core/protocol.ts brings zod, which this screen
 * would then wait for before its first paint.
 */
const PAGE = 100;

export interface HistoryPages {
  items: ChallengeView[];
  hasMore: boolean;
  loading: boolean;
  /** The first page has been answered (with items, none, or an error). */
  settled: boolean;
  error: WireError | null;
  loadMore(): void;
}

/**
 * Ended challenges, newest first, a page at a time through the relay's cursor. A new `refresh`
 * value (another result arrived) starts again from the newest.
 */
export function useHistoryPages(
  api: WolfpackApi,
  query: { metric?: string; memberId?: string },
  refresh: number,
  /** The unfiltered first page kept from last time, shown until the relay answers. */
  cache: PageCache | null,
): HistoryPages {
  const { metric, memberId } = query;
  const kept = metric || memberId ? null : cache;
  const [items, setItems] = useState<ChallengeView[]>(() => kept?.read()?.items ?? []);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  // A page answered for an earlier filter must not land in the list of the current one.
  const generation = useRef(0);
  const inFlight = useRef(false);

  const fetchPage = useCallback(
    async (after: string | undefined, gen: number) => {
      inFlight.current = true;
      setLoading(true);
      const result = await api.history({
        // A screenful or two first, so the page shows sooner; then full pages as it scrolls.
        limit: after ? PAGE : FIRST_PAGE,
        ...(after ? { cursor: after } : {}),
        ...(metric ? { metric } : {}),
        ...(memberId ? { memberId } : {}),
      });
      if (gen !== generation.current) return;
      inFlight.current = false;
      setLoading(false);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      setItems((current) => (after ? [...current, ...result.items] : result.items));
      setCursor(result.nextCursor);
      if (!after) kept?.write({ items: result.items, nextCursor: result.nextCursor });
    },
    [api, metric, memberId, kept],
  );

  useEffect(() => {
    const gen = ++generation.current;
    // The kept page stays on screen until the answer replaces it; paging waits for the answer.
    setItems(kept?.read()?.items ?? []);
    setCursor(undefined);
    void fetchPage(undefined, gen);
  }, [fetchPage, refresh]);

  const loadMore = useCallback(() => {
    if (inFlight.current || !cursor) return;
    void fetchPage(cursor, generation.current);
  }, [cursor, fetchPage]);

  return {
    items,
    hasMore: Boolean(cursor),
    loading,
    settled: cursor !== undefined || error !== null,
    error,
    loadMore,
  };
}

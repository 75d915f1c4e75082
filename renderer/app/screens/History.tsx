import { useCallback, useMemo, useState } from 'react';
import { useApp } from '../context.ts';
import { CsvExport } from '../components/CsvExport.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { HeadToHeadTable } from '../components/HeadToHeadTable.tsx';
import { HistoryDetail } from '../components/HistoryDetail.tsx';
import { HistoryFilters } from '../components/HistoryFilters.tsx';
import { HistoryRow, ROW_HEIGHT } from '../components/HistoryRow.tsx';
import { useHistoryPages } from '../components/use-history.ts';
import { WindowedList } from '../components/WindowedList.tsx';
import { matchesFilter, NO_FILTER, serverFilter } from '../logic/history.ts';
import { FIRST_SCREEN_MARK } from '../logic/marks.ts';
import { historyCache } from '../logic/history-cache.ts';
import type { HistoryFilter } from '../logic/history.ts';
import { needsMore } from '../logic/windowed.ts';
import type { WindowRange } from '../logic/windowed.ts';
import type { AppView } from '../services.ts';

/** Ended challenges with results, filters, head-to-head records, export and rematch. */
export function History({ state, openId }: { state: AppView; openId: string | null }) {
  const { services } = useApp();
  const youId = state.you?.id ?? '';
  const [filter, setFilter] = useState<HistoryFilter>(NO_FILTER);
  const query = useMemo(() => serverFilter(filter), [filter]);
  const cache = useMemo(() => historyCache(window.localStorage, youId), [youId]);
  const pages = useHistoryPages(services.api, query, state.results?.length ?? 0, cache);
  const shown = useMemo(
    () => (filter.outcome ? pages.items.filter((c) => matchesFilter(c, filter, youId)) : pages.items),
    [pages.items, filter, youId],
  );
  const { hasMore, loadMore } = pages;
  const onRange = useCallback(
    (range: WindowRange) => {
      if (needsMore(range, shown.length, hasMore)) loadMore();
    },
    [shown.length, hasMore, loadMore],
  );
  const onFirstPaint = useCallback(() => performance.mark(FIRST_SCREEN_MARK), []);
  const open = openId ? pages.items.find((c) => c.id === openId) : undefined;
  return (
    <div className="history">
      <div className="history-head">
        <h1>History</h1>
        <CsvExport />
      </div>
      {openId ? <HistoryDetail challenge={open ?? null} loading={pages.loading} state={state} /> : null}
      <HeadToHeadTable
        state={state}
        recent={filter.metric || filter.partnerId ? null : pages.items}
        complete={!pages.hasMore}
        ready={pages.settled}
      />
      <HistoryFilters state={state} filter={filter} onChange={setFilter} />
      <ErrorText error={pages.error} />
      <p className="hint" aria-live="polite">
        {shown.length === 0 && !pages.loading
          ? 'No ended challenges match.'
          : `${shown.length}${pages.hasMore ? '+' : ''} ended ${shown.length === 1 && !pages.hasMore ? 'challenge' : 'challenges'}`}
      </p>
      <WindowedList
        count={shown.length}
        rowHeight={ROW_HEIGHT}
        label="Ended challenges"
        onRange={onRange}
        onFirstPaint={onFirstPaint}
        renderRow={(i) => {
          const challenge = shown[i];
          return challenge ? <HistoryRow challenge={challenge} state={state} /> : null;
        }}
      />
    </div>
  );
}

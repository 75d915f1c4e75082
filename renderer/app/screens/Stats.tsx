import { useEffect, useId, useState } from 'react';
import type { WireError } from '../../../core/errors.ts';
import { addDays, localDateOf } from '../../../core/time-window.ts';
import type { CountRow } from '../../../core/types.ts';
import { BarChart } from '../components/BarChart.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { StreaksAndBests } from '../components/StreaksAndBests.tsx';
import { useApp } from '../context.ts';
import { bucketsBetween, chartOf } from '../logic/stats-series.ts';
import { nameOf } from '../logic/standings.ts';
import type { AppView } from '../services.ts';

const SPANS = { day: 14, week: 12 * 7 } as const;

/** Activity per day or week for one metric: you against your partners. */
export function Stats({ state }: { state: AppView }) {
  const { services } = useApp();
  const id = useId();
  const [bucket, setBucket] = useState<'day' | 'week'>('day');
  const [metric, setMetric] = useState('call');
  const [rows, setRows] = useState<CountRow[] | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  const zone = state.pack?.timeZone ?? 'UTC';
  const to = localDateOf(Date.now(), zone);
  const from = addDays(to, -(SPANS[bucket] - 1));
  useEffect(() => {
    let live = true;
    setRows(null);
    void services.api.counts({ from, to, bucket, metric }).then((result) => {
      if (!live) return;
      setError(result.ok ? null : result.error);
      setRows(result.ok ? result.rows : []);
    });
    return () => {
      live = false;
    };
  }, [services.api, from, to, bucket, metric]);
  const youId = state.you?.id ?? '';
  const memberIds = [youId, ...state.members.filter((m) => m.id !== youId && m.active).map((m) => m.id)];
  const buckets = bucketsBetween(from, to, bucket, state.pack?.weekStart ?? 1);
  const chart = chartOf(rows ?? [], metric, buckets, memberIds);
  const label = state.metrics.find((m) => m.id === metric)?.label ?? metric;
  return (
    <div className="stats">
      <h1>Stats</h1>
      <div className="filters" role="group" aria-label="What to chart">
        <div className="field">
          <label htmlFor={`${id}-metric`}>Metric</label>
          <select id={`${id}-metric`} value={metric} onChange={(e) => setMetric(e.target.value)}>
            {state.metrics.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-bucket`}>Per</label>
          <select
            id={`${id}-bucket`}
            value={bucket}
            onChange={(e) => setBucket(e.target.value as 'day' | 'week')}
          >
            <option value="day">Day (last 14 days)</option>
            <option value="week">Week (last 12 weeks)</option>
          </select>
        </div>
      </div>
      <ErrorText error={error} />
      <section className="card" aria-labelledby={`${id}-chart`}>
        <h2 id={`${id}-chart`}>
          {label} per {bucket}
        </h2>
        {rows === null ? (
          <p className="hint">Loading…</p>
        ) : (
          <BarChart
            chart={chart}
            bucket={bucket}
            members={state.members}
            names={(m) => nameOf(state.members, m, youId)}
          />
        )}
      </section>
      <StreaksAndBests state={state} metric={metric} />
    </div>
  );
}

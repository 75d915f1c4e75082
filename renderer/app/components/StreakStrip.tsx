import { useId, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { ApiResult } from '../../../core/app-api.ts';
import type { WireError } from '../../../core/errors.ts';
import type { MetricDef } from '../../../core/metrics.ts';
import type { MetricProgress } from '../../../core/progress-types.ts';
import { useApp } from '../context.ts';
import {
  metricLabel,
  metricPlural,
  parseTarget,
  streakWords,
  targetWords,
  todayWords,
} from '../logic/progress-lines.ts';
import type { AppView } from '../services.ts';
import { ErrorText } from './ErrorText.tsx';
import { countsKey, progressApiOf, useLoaded } from './use-progress.ts';

type SetTarget = (metric: string, target: number) => Promise<ApiResult<{ target: number }>>;

/** Your streak per metric and today's count against your daily target, on Live. */
export function StreakStrip({ state }: { state: AppView }) {
  const { services } = useApp();
  const api = progressApiOf(services);
  const youId = state.you?.id ?? '';
  const loaded = useLoaded(
    api ? () => api.progress() : null,
    (result) => result.report.members.find((m) => m.memberId === youId)?.metrics ?? [],
    `${youId}:${countsKey(state)}`,
  );
  // A relay from before streaks: nothing to show, and nothing to apologise for either.
  if (!api) return null;
  const setTarget: SetTarget = async (metric, target) => {
    const result = await api.setDailyTarget(metric, target);
    if (result.ok) loaded.reload();
    return result;
  };
  return (
    <StreakStripView
      metrics={state.metrics}
      progress={loaded.data}
      error={loaded.error}
      onSetTarget={setTarget}
    />
  );
}

export function StreakStripView({
  metrics,
  progress,
  error,
  onSetTarget,
}: {
  metrics: readonly MetricDef[];
  progress: MetricProgress[] | null;
  error: WireError | null;
  onSetTarget: SetTarget;
}) {
  const id = useId();
  const [all, setAll] = useState(false);
  // A rep mostly counts calls: metrics with nothing going on wait behind a button, the first never.
  const relevant = (progress ?? []).filter((p, i) => i === 0 || p.streak > 0 || p.today > 0 || p.target > 1);
  const hidden = (progress?.length ?? 0) - relevant.length;
  const shown = all ? (progress ?? []) : relevant;
  return (
    <section className="card streaks" aria-labelledby={`${id}-title`} data-testid="streaks">
      <h2 id={`${id}-title`}>Your streaks</h2>
      <ErrorText error={error} />
      {progress === null ? (
        error ? null : (
          <p className="hint">Loading your streaks…</p>
        )
      ) : (
        <>
          <ul className="streak-list">
            {shown.map((p) => (
              <StreakRow key={p.metric} metrics={metrics} progress={p} onSetTarget={onSetTarget} />
            ))}
          </ul>
          {hidden > 0 ? (
            <button
              type="button"
              className="link-button streak-more"
              aria-expanded={all}
              onClick={() => setAll(!all)}
            >
              {all ? 'Show fewer' : `Show ${hidden} more ${hidden === 1 ? 'metric' : 'metrics'}`}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}

function StreakRow({
  metrics,
  progress,
  onSetTarget,
}: {
  metrics: readonly MetricDef[];
  progress: MetricProgress;
  onSetTarget: SetTarget;
}) {
  const today = todayWords(progress);
  const met = progress.today >= progress.target;
  const filled = Math.min(1, progress.today / Math.max(1, progress.target));
  const label = metricLabel(metrics, progress.metric);
  return (
    <li className={`streak${met ? ' met' : ''}`} data-testid="streak" data-metric={progress.metric}>
      <div className="streak-head">
        <span className="streak-metric">{label}</span>
        <span className={`streak-days${progress.streak > 0 ? ' on' : ''}`} data-testid="streak-days">
          {streakWords(progress.streak)}
        </span>
      </div>
      <div className="streak-bar" aria-hidden="true">
        <span style={{ width: `${Math.round(filled * 100)}%` }} />
      </div>
      <TargetControl metrics={metrics} progress={progress} label={label} onSetTarget={onSetTarget}>
        <span>
          <strong data-testid="streak-today">{today.count}</strong>
          <span className="streak-left"> · {today.left}</span>
        </span>
      </TargetControl>
    </li>
  );
}

function TargetControl({
  metrics,
  progress,
  label,
  onSetTarget,
  children,
}: {
  metrics: readonly MetricDef[];
  progress: MetricProgress;
  label: string;
  onSetTarget: SetTarget;
  /** Today's count, shown beside the button and above the form. */
  children: ReactNode;
}) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(String(progress.target));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!editing) {
    return (
      <p className="streak-today">
        {children}
        <button
          type="button"
          className="link-button"
          aria-label={`Change target for ${label.toLowerCase()}, now ${targetWords(metrics, progress.metric, progress.target)}`}
          onClick={() => {
            setText(String(progress.target));
            setError(null);
            setEditing(true);
          }}
        >
          Change target
        </button>
      </p>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = parseTarget(text);
    if (!checked.ok) return setError(checked.message);
    setBusy(true);
    const result = await onSetTarget(progress.metric, checked.target).catch((thrown: unknown) => ({
      ok: false as const,
      error: {
        code: 'internal' as const,
        message: thrown instanceof Error ? thrown.message : String(thrown),
      },
    }));
    setBusy(false);
    if (result.ok) setEditing(false);
    else setError(result.error.message);
  };
  return (
    <>
      <p className="streak-today">{children}</p>
      <form
        className="target-form"
        onSubmit={(e) => void submit(e)}
        aria-label={`Daily target for ${label.toLowerCase()}`}
      >
        <label htmlFor={`${id}-target`}>{capitalize(metricPlural(metrics, progress.metric))} a day</label>
        <div className="target-inputs">
          <input
            id={`${id}-target`}
            inputMode="numeric"
            autoComplete="off"
            size={6}
            value={text}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => setText(e.target.value)}
            // Opened on purpose, so typing goes straight in.
            autoFocus
          />
          <button type="submit" disabled={busy}>
            Save
          </button>
          <button type="button" className="ghost" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </div>
        <ErrorText error={error} id={`${id}-error`} />
      </form>
    </>
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

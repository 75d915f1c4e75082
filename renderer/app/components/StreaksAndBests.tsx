import { useId } from 'react';
import type { MemberProgress } from '../../../core/progress-types.ts';
import { useApp } from '../context.ts';
import { dayLabel, daysWords, metricLabel, weekOfLabel } from '../logic/progress-lines.ts';
import { nameOf } from '../logic/standings.ts';
import type { AppView } from '../services.ts';
import { ErrorText } from './ErrorText.tsx';
import { countsKey, progressApiOf, useLoaded } from './use-progress.ts';

/** On Stats: every member's streaks and records for the metric the page charts. */
export function StreaksAndBests({ state, metric }: { state: AppView; metric: string }) {
  const { services } = useApp();
  const api = progressApiOf(services);
  const loaded = useLoaded(
    api ? () => api.progress() : null,
    (result) => result.report.members,
    countsKey(state),
  );
  if (!api) return null;
  return <StreaksAndBestsView state={state} metric={metric} members={loaded.data} error={loaded.error} />;
}

export function StreaksAndBestsView({
  state,
  metric,
  members,
  error,
}: {
  state: AppView;
  metric: string;
  members: MemberProgress[] | null;
  error: { message: string } | null;
}) {
  const id = useId();
  const youId = state.you?.id ?? null;
  // You first, then the longest streak: the table reads as a ranking without saying so.
  const rows = (members ?? [])
    .map((m) => ({ memberId: m.memberId, progress: m.metrics.find((p) => p.metric === metric) }))
    .sort(
      (a, b) =>
        Number(b.memberId === youId) - Number(a.memberId === youId) ||
        (b.progress?.streak ?? 0) - (a.progress?.streak ?? 0),
    );
  const label = metricLabel(state.metrics, metric);
  return (
    <section className="card bests" aria-labelledby={`${id}-title`} data-testid="bests">
      <h2 id={`${id}-title`}>Streaks &amp; bests: {label.toLowerCase()}</h2>
      <ErrorText error={error?.message ?? null} />
      {members === null ? (
        error ? null : (
          <p className="hint">Loading…</p>
        )
      ) : rows.length === 0 ? (
        <p className="hint">Nobody has logged yet.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="hint">
              A streak counts working days in a row with the daily target met.
            </caption>
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Streak now</th>
                <th scope="col">Best streak</th>
                <th scope="col">Best day</th>
                <th scope="col">Best week</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ memberId, progress }) => (
                <tr key={memberId} data-testid="bests-row">
                  <th scope="row">{nameOf(state.members, memberId, youId)}</th>
                  <td>{daysWords(progress?.streak ?? 0)}</td>
                  <td>{daysWords(progress?.bestStreak ?? 0)}</td>
                  <Record
                    count={progress?.bestDay?.count}
                    when={progress?.bestDay && dayLabel(progress.bestDay.day)}
                  />
                  <Record
                    count={progress?.bestWeek?.count}
                    when={progress?.bestWeek && weekOfLabel(progress.bestWeek.weekStart)}
                  />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** A record's count, and under it when it was set; "None" before the first log. */
function Record({ count, when }: { count: number | undefined; when: string | null | undefined }) {
  if (count === undefined || !when) return <td>None</td>;
  return (
    <td>
      <strong className="record-count">{count}</strong>
      <span className="record-when">{when}</span>
    </td>
  );
}

import type { ReactNode } from 'react';
import type { WeeklyRecap } from '../../../core/progress-types.ts';
import { addDays, localDateOf, weekStartDate } from '../../../core/time-window.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { Link } from '../components/Link.tsx';
import { MetricWeek, RecapChallenges, recapMetrics, YourWeek } from '../components/RecapSections.tsx';
import type { RecapNames } from '../components/RecapSections.tsx';
import { progressApiOf, useLoaded } from '../components/use-progress.ts';
import { useApp } from '../context.ts';
import { weekRangeLabel } from '../logic/progress-lines.ts';
import type { AppView } from '../services.ts';

/** Last week (or the week asked for) per metric against the week before, for every member. */
export function Recap({ state, weekStart }: { state: AppView; weekStart: string | null }) {
  const { services } = useApp();
  const api = progressApiOf(services);
  const loaded = useLoaded(
    api ? () => api.recap(weekStart ?? undefined) : null,
    (result) => result.recap,
    weekStart ?? 'last',
  );
  // The data on screen may still be the week before this address's while the answer is awaited.
  const recap =
    loaded.data && (weekStart === null || loaded.data.weekStart === weekStart) ? loaded.data : null;
  if (!api) {
    return (
      <RecapFrame title={null}>
        <p className="card empty">This relay does not keep weekly recaps yet.</p>
      </RecapFrame>
    );
  }
  if (!recap) {
    return (
      <RecapFrame title={null}>
        <ErrorText error={loaded.error} />
        {loaded.error ? null : <p className="hint">Loading the recap…</p>}
      </RecapFrame>
    );
  }
  return <RecapView state={state} recap={recap} now={Date.now()} />;
}

function RecapFrame({
  title,
  nav,
  children,
}: {
  title: string | null;
  nav?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="recap">
      <div className="recap-head">
        <div>
          <h1>Weekly recap</h1>
          {title ? (
            <p className="recap-range" data-testid="recap-range">
              {title}
            </p>
          ) : null}
        </div>
        {nav}
      </div>
      {children}
    </div>
  );
}

export function RecapView({ state, recap, now }: { state: AppView; recap: WeeklyRecap; now: number }) {
  const names: RecapNames = { members: state.members, youId: state.you?.id ?? null, metrics: state.metrics };
  const zone = state.pack?.timeZone ?? recap.timeZone;
  const thisWeek = weekStartDate(localDateOf(now, zone), state.pack?.weekStart ?? 1);
  const next = addDays(recap.weekStart, 7);
  const shown = recapMetrics(recap, state.metrics);
  const ended = recap.members.some((m) => m.challenges.length > 0);
  const nav = (
    <nav className="recap-weeks" aria-label="Weeks">
      <Link to={{ name: 'recap', weekStart: recap.previousWeekStart }}>← Week before</Link>
      {/* A week still running has no recap: it would compare half a week with a whole one. */}
      {next < thisWeek ? <Link to={{ name: 'recap', weekStart: next }}>Week after →</Link> : null}
    </nav>
  );
  return (
    <RecapFrame title={weekRangeLabel(recap.weekStart, recap.weekEnd)} nav={nav}>
      {shown.length === 0 && !ended ? (
        <div className="card empty" data-testid="recap-empty">
          <p>Nothing was logged that week or the week before.</p>
          <p className="hint">
            A new pack's first recap comes after its first full week; what you log on Live fills the next one.
          </p>
          <Link to={{ name: 'live', challengeId: null }}>Go to Live</Link>
        </div>
      ) : (
        <>
          <YourWeek recap={recap} names={names} shown={shown} />
          {shown.map((metric) => (
            <MetricWeek key={metric} recap={recap} names={names} metric={metric} />
          ))}
          <RecapChallenges recap={recap} names={names} />
        </>
      )}
    </RecapFrame>
  );
}

import { Fragment, useId, useState } from 'react';
import type { MetricDef } from '../../../core/metrics.ts';
import { addDays, dayOfWeek, localDateOf } from '../../../core/time-window.ts';
import { useApp } from '../context.ts';
import { forwardWarningFor } from '../logic/forward-check.ts';
import type { AppView } from '../services.ts';
import { ErrorText } from './ErrorText.tsx';
import { OfflineRaceNotice } from './OfflineRaceNotice.tsx';
import { useBottomBar } from './use-bottom-bar.ts';
import { useAction } from './use-action.ts';

const BUTTON_WORDS: Record<string, string> = {
  call: 'Call',
  appointment: 'Appointment',
  proposal: 'Proposal',
  forward_appointment: 'Forward appointment',
};

/** Meetings are booked for a working day; tomorrow, or Monday after a Friday. */
function nextWorkingDay(now: number, timeZone: string): string {
  let day = addDays(localDateOf(now, timeZone), 1);
  while (dayOfWeek(day) === 0 || dayOfWeek(day) === 6) day = addDays(day, 1);
  return day;
}

/** Log by button, for a rep without the desktop app; what the relay has not acked yet is counted. */
export function LogPanel({ state }: { state: AppView }) {
  const { services } = useApp();
  const zone = state.pack?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [meetingDate, setMeetingDate] = useState(() => nextWorkingDay(Date.now(), zone));
  const [lastLogged, setLastLogged] = useState<string | null>(null);
  const dateId = useId();
  const bar = useBottomBar<HTMLElement>();
  const log = useAction(services.api.log, () => setLastLogged(null));
  const undo = useAction(services.api.undo, () => setLastLogged('Took back your last log'));
  const metrics = state.metrics.length > 0 ? state.metrics : [];
  const queued = state.connection.queued;
  const press = (metric: MetricDef) => {
    setLastLogged(null);
    void log.run(metric.needsMeetingDate ? { metric: metric.id, meetingDate } : { metric: metric.id });
  };
  return (
    <section ref={bar} className="card log-panel" aria-labelledby="log-title">
      <h2 id="log-title">Log activity</h2>
      <OfflineRaceNotice state={state} />
      <div className="log-buttons">
        {metrics
          .filter((m) => !m.needsMeetingDate)
          .map((metric) => (
            <button key={metric.id} type="button" className="log" onClick={() => press(metric)}>
              {BUTTON_WORDS[metric.id] ?? metric.label}
            </button>
          ))}
      </div>
      {metrics
        .filter((m) => m.needsMeetingDate)
        .map((metric) => {
          const warning = forwardWarningFor(state, metric, meetingDate, Date.now());
          const warningId = `${dateId}-${metric.id}-warning`;
          return (
            <Fragment key={metric.id}>
              <div className="log-dated">
                <div className="field">
                  <label htmlFor={`${dateId}-${metric.id}`}>Meeting date</label>
                  <input
                    id={`${dateId}-${metric.id}`}
                    type="date"
                    value={meetingDate}
                    aria-describedby={warning ? warningId : undefined}
                    onChange={(event) => setMeetingDate(event.target.value)}
                  />
                </div>
                <button type="button" className="log" onClick={() => press(metric)}>
                  {BUTTON_WORDS[metric.id] ?? metric.label}
                </button>
              </div>
              {warning ? (
                <p id={warningId} className="forward-warning" role="status" data-testid="forward-warning">
                  {warning}
                </p>
              ) : null}
            </Fragment>
          );
        })}
      <div className="log-foot">
        <button type="button" className="ghost" disabled={undo.busy} onClick={() => void undo.run()}>
          Undo
        </button>
        <span className={queued > 0 ? 'queued waiting' : 'queued'} data-testid="queued" aria-live="polite">
          {queued > 0 ? `${queued} waiting to send` : 'All sent'}
        </span>
      </div>
      <ErrorText error={log.error ?? undo.error} />
      {lastLogged ? <p className="hint">{lastLogged}</p> : null}
    </section>
  );
}

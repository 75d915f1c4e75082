import { findMetric, metricNoun } from '../core/metrics.ts';
import type { MetricDef } from '../core/metrics.ts';
import { LIMITS, describeIssue, logEventSchema, undoEventSchema } from '../core/protocol.ts';
import { isValidLocalDate } from '../core/time-window.ts';
import type { LogEvent, UndoEvent } from '../core/types.ts';
import { uuidv7 } from '../core/uuid.ts';

/**
 * Turning what a user typed into the events the outbox stores, shared by every client (the
 * command line, the desktop app), so each refuses the same things in the same words before
 * anything is queued: a queued event the relay refuses later is a log the user believed counted.
 */
export interface LogInput {
  metric: string;
  count?: number;
  meetingDate?: string;
  note?: string;
}

export interface LogContext {
  /** The pack's metrics, as last known. */
  metrics: readonly MetricDef[];
  now: number;
  /** Makes the event id; a UUIDv7 of `now` unless a test wants a fixed one. */
  newId?: () => string;
}

/** Which input a refusal is about, so a form can point at it; null when it is about none. */
export type LogField = 'metric' | 'count' | 'meetingDate' | 'note';

export type LogEventResult =
  | { ok: true; event: LogEvent }
  | { ok: false; code: 'unknown_metric' | 'bad_request'; message: string; field: LogField | null };

const EXAMPLE_DATE = '2026-03-31';

function refuse(
  code: 'unknown_metric' | 'bad_request',
  field: LogField | null,
  message: string,
): LogEventResult {
  return { ok: false, code, message, field };
}

export function buildLogEvent(input: LogInput, ctx: LogContext): LogEventResult {
  const metric = findMetric(ctx.metrics, input.metric);
  if (!metric) {
    const known = ctx.metrics.map((m) => m.id).join(', ');
    return refuse('unknown_metric', 'metric', `unknown metric "${input.metric}"; this pack counts ${known}`);
  }
  const count = input.count ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > LIMITS.countPerEvent) {
    return refuse(
      'bad_request',
      'count',
      `the count must be a whole number from 1 to ${LIMITS.countPerEvent}, not ${count}`,
    );
  }
  const event: LogEvent = {
    id: ctx.newId?.() ?? uuidv7(ctx.now),
    type: 'log',
    metric: metric.id,
    count,
    occurredAt: ctx.now,
  };
  // The relay ignores a meeting date on other metrics; dropping it here keeps the outbox honest.
  if (metric.needsMeetingDate) {
    if (input.meetingDate === undefined || input.meetingDate.trim() === '') {
      return refuse(
        'bad_request',
        'meetingDate',
        `${metricNoun(metric, 2)} need the date of the booked meeting, like ${EXAMPLE_DATE}`,
      );
    }
    if (!isValidLocalDate(input.meetingDate)) {
      return refuse(
        'bad_request',
        'meetingDate',
        `the meeting date must be a real date like ${EXAMPLE_DATE}, not "${input.meetingDate}"`,
      );
    }
    event.meetingDate = input.meetingDate;
  }
  if (input.note !== undefined && input.note !== '') {
    if (input.note.length > LIMITS.noteLength) {
      return refuse(
        'bad_request',
        'note',
        `the note must be at most ${LIMITS.noteLength} characters, not ${input.note.length}`,
      );
    }
    event.note = input.note;
  }
  // The schema is what the relay checks; whatever the rules above missed (control characters in
  // a note, a bad id or clock) is refused here rather than by the relay after queueing.
  const checked = logEventSchema.safeParse(event);
  if (!checked.success) {
    const [path] = checked.error.issues[0]?.path ?? [];
    const field = path === 'note' || path === 'meetingDate' ? path : null;
    return refuse('bad_request', field, describeIssue(checked.error));
  }
  return { ok: true, event };
}

export type UndoEventResult<T> =
  | { ok: true; event: UndoEvent; retracted: T }
  | { ok: false; code: 'nothing_to_undo' | 'bad_request'; message: string };

/** Retracts the newest of `recentLogs` (newest last), whatever shape a client keeps them in. */
export function buildUndoEvent<T extends { id: string }>(
  recentLogs: readonly T[],
  now: number,
  newId: () => string = () => uuidv7(now),
): UndoEventResult<T> {
  const last = recentLogs.at(-1);
  if (!last) {
    return {
      ok: false,
      code: 'nothing_to_undo',
      message: 'nothing to undo: there is no log left to take back',
    };
  }
  const event: UndoEvent = { id: newId(), type: 'undo', retracts: last.id, occurredAt: now };
  // A damaged list of recent logs must not queue an undo the relay would refuse.
  const checked = undoEventSchema.safeParse(event);
  if (!checked.success) return { ok: false, code: 'bad_request', message: describeIssue(checked.error) };
  return { ok: true, event, retracted: last };
}

import type { LogInput } from '../../../core/app-api.ts';
import type { MetricDef } from '../../../core/metrics.ts';
import { LIMITS } from '../../../core/protocol.ts';
import { textProblem } from '../../../core/safe-text.ts';
import { addDays, dayOfWeek, isValidLocalDate, localDateOf } from '../../../core/time-window.ts';

/**
 * The date the quick-entry box proposes for a forward appointment: the next working day (Monday
 * to Friday) after today in the pack's zone. A meeting booked on the phone is rarely for the same
 * day, and the next business day is the most common and the cheapest to correct (one arrow key);
 * on Friday, Saturday and Sunday that is Monday.
 */
export function defaultMeetingDate(now: number, timeZone: string): string {
  let date = addDays(localDateOf(now, timeZone), 1);
  while (dayOfWeek(date) === 0 || dayOfWeek(date) === 6) date = addDays(date, 1);
  return date;
}

export interface QuickEntryInput {
  metric: MetricDef;
  /** As typed; 'YYYY-MM-DD'. */
  meetingDate: string;
  note: string;
  /** As typed; empty means 1. */
  count: string;
}

export type QuickEntryResult =
  { ok: true; value: LogInput } | { ok: false; field: 'meetingDate' | 'note' | 'count'; message: string };

/** The clock and zone that decide what "in the past" means; the pack's zone, not the machine's. */
export interface QuickEntryClock {
  now: number;
  timeZone: string;
}

const systemClock = (): QuickEntryClock => ({
  now: Date.now(),
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
});

/**
 * Checks the quick-entry box field by field, in the order the user sees them, and names the
 * first field to fix. The limits are the relay's (core/protocol.ts LIMITS), so whatever passes
 * here is accepted there.
 */
export function parseQuickEntry(
  input: QuickEntryInput,
  clock: QuickEntryClock = systemClock(),
): QuickEntryResult {
  const value: LogInput = { metric: input.metric.id };

  if (input.metric.needsMeetingDate) {
    const date = input.meetingDate.trim();
    if (date === '') {
      return { ok: false, field: 'meetingDate', message: 'Enter the date of the meeting, like 2026-03-31.' };
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      return {
        ok: false,
        field: 'meetingDate',
        message: `Write the date as year-month-day, like 2026-03-31.`,
      };
    }
    if (!isValidLocalDate(date)) {
      return { ok: false, field: 'meetingDate', message: `${date} is not a date on the calendar.` };
    }
    // Yesterday is allowed: logging last night's booking the next morning is normal.
    const yesterday = addDays(localDateOf(clock.now, clock.timeZone), -1);
    if (date < yesterday) {
      return {
        ok: false,
        field: 'meetingDate',
        message: `${date} has passed; a forward appointment is for a meeting to come.`,
      };
    }
    value.meetingDate = date;
  }

  const note = input.note.trim();
  if (note.length > LIMITS.noteLength) {
    return {
      ok: false,
      field: 'note',
      message: `Keep the note to ${LIMITS.noteLength} characters; it has ${note.length}.`,
    };
  }
  // The relay's own rule (one line, nothing invisible), said here next to the field.
  const problem = textProblem(note);
  if (problem) return { ok: false, field: 'note', message: `The note ${problem}.` };
  if (note !== '') value.note = note;

  const countText = input.count.trim();
  const count = countText === '' ? 1 : /^\d+$/.test(countText) ? Number(countText) : Number.NaN;
  if (!Number.isSafeInteger(count) || count < 1 || count > LIMITS.countPerEvent) {
    return { ok: false, field: 'count', message: `Enter a whole number from 1 to ${LIMITS.countPerEvent}.` };
  }
  value.count = count;
  return { ok: true, value };
}

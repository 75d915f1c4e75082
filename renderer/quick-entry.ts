import { forwardWarning } from '../core/forward-check.ts';
import type { MeetingCheckContext } from '../core/forward-check.ts';
import type { MetricDef } from '../core/metrics.ts';
import { byId, errorText } from './dom.ts';

/**
 * The quick-entry box: keyboard only. Enter logs, Esc cancels; the main process closes the box
 * and gives focus back to the app the rep was in. The page is loaded afresh each time it opens.
 */

const api = window.wolfpack;
const title = byId<HTMLHeadingElement>('title');
const date = byId<HTMLInputElement>('meeting-date');
const note = byId<HTMLInputElement>('note');
const error = byId<HTMLParagraphElement>('error');
const warning = byId<HTMLParagraphElement>('warning');
let metric: MetricDef | null = null;
let meetingCheck: MeetingCheckContext | null = null;

/** Said before Enter: a date that counts in no running challenge is still logged, so say so first. */
function showWarning(): void {
  const text =
    metric?.needsMeetingDate && /^\d{4}-\d{2}-\d{2}$/.test(date.value)
      ? forwardWarning({
          metric: metric.id,
          meetingDate: date.value,
          now: Date.now(),
          timeZone: meetingCheck?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
          youId: meetingCheck?.youId ?? null,
          challenges: meetingCheck?.challenges ?? [],
        })
      : null;
  warning.textContent = text ?? '';
  warning.hidden = text === null;
  // Part of the date's description while shown, so a screen reader hears it with the field.
  if (text === null) date.removeAttribute('aria-describedby');
  else date.setAttribute('aria-describedby', 'warning');
}

date.addEventListener('input', showWarning);
let busy = false;

async function submit(): Promise<void> {
  if (!metric || busy) return;
  busy = true;
  error.textContent = '';
  try {
    const result = await api.submitQuickEntry({
      metric: metric.id,
      ...(metric.needsMeetingDate ? { meetingDate: date.value } : {}),
      ...(note.value.trim() ? { note: note.value.trim() } : {}),
    });
    if (!result.ok) error.textContent = result.error.message;
  } catch (e) {
    error.textContent = errorText(e);
  } finally {
    busy = false;
  }
}

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') {
    event.preventDefault();
    void api.cancelQuickEntry();
  } else if (event.key === 'Enter' && !event.isComposing) {
    // A form with two fields and no button never submits on Enter by itself.
    event.preventDefault();
    void submit();
  }
});

api.quickEntryContext().then(
  (context) => {
    metric = context.metric;
    title.textContent = `Log: ${context.metric.label}`;
    date.value = context.defaultMeetingDate;
    meetingCheck = context.meetingCheck ?? null;
    showWarning();
    date.closest('label')?.toggleAttribute('hidden', !context.metric.needsMeetingDate);
    (context.metric.needsMeetingDate ? date : note).focus();
  },
  (e: unknown) => {
    error.textContent = errorText(e);
  },
);

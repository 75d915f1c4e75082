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
let metric: MetricDef | null = null;
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
    date.closest('label')?.toggleAttribute('hidden', !context.metric.needsMeetingDate);
    (context.metric.needsMeetingDate ? date : note).focus();
  },
  (e: unknown) => {
    error.textContent = errorText(e);
  },
);

import { forwardWarning } from '../../../core/forward-check.ts';
import type { MetricDef } from '../../../core/metrics.ts';
import type { AppView } from '../services.ts';

/**
 * The warning the log panel shows under a forward appointment's date before it is sent: the
 * core rule (core/forward-check.ts), read against what this screen knows of the pack.
 */
export function forwardWarningFor(
  state: Pick<AppView, 'challenges' | 'pack' | 'you'>,
  metric: MetricDef,
  meetingDate: string,
  now: number,
): string | null {
  if (!metric.needsMeetingDate) return null;
  // A half-typed date is the date field's business, not a reason to warn about horizons.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(meetingDate)) return null;
  return forwardWarning({
    metric: metric.id,
    meetingDate,
    now,
    timeZone: state.pack?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    youId: state.you?.id ?? null,
    challenges: state.challenges,
  });
}

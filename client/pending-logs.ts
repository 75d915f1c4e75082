import type { PendingLog } from '../core/app-api.ts';
import type { ActivityEvent } from '../core/types.ts';

/**
 * The outbox as Pack activity shows it: each event the relay has not acknowledged yet. The desktop
 * and the web app both build their state with it, so a log made offline reads the same in both.
 */
export function pendingLogs(events: readonly ActivityEvent[]): PendingLog[] {
  return events.map((event) =>
    event.type === 'log'
      ? {
          id: event.id,
          type: 'log',
          metric: event.metric,
          count: event.count,
          at: event.occurredAt,
          retracts: null,
        }
      : { id: event.id, type: 'undo', metric: '', count: 0, at: event.occurredAt, retracts: event.retracts },
  );
}

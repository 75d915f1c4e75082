import { LIMITS } from '../core/protocol.ts';
import type { WireError } from '../core/errors.ts';
import type { ActivityEvent, EventOutcome } from '../core/types.ts';

/** Stays well under the relay's message limit, whatever the notes hold. */
export const MAX_BATCH_BYTES = Math.floor(LIMITS.maxMessageBytes * 0.75);

/** The first pending events that fit one `activity:log` message. Always at least one. */
export function takeBatch(
  pending: readonly ActivityEvent[],
  maxEvents: number = LIMITS.eventsPerBatch,
  maxBytes: number = MAX_BATCH_BYTES,
): ActivityEvent[] {
  const batch: ActivityEvent[] = [];
  let bytes = 0;
  for (const event of pending) {
    if (batch.length >= maxEvents) break;
    // Notes may hold multibyte text; three bytes per UTF-16 unit bounds it.
    const size = JSON.stringify(event).length * 3;
    if (batch.length > 0 && bytes + size > maxBytes) break;
    batch.push(event);
    bytes += size;
  }
  return batch;
}

export interface SortedOutcomes {
  /** Ids the relay now holds (accepted now or earlier). */
  stored: string[];
  rejected: { event: ActivityEvent; error: WireError }[];
  /** Ids that leave the outbox: stored or refused for good. */
  done: string[];
  /** Events whose id another member's event has: they stay, to be sent again under a new id. */
  taken: ActivityEvent[];
  /** Refused undos of a log that has (or is getting) a new id: they stay, to retract that one. */
  held: ActivityEvent[];
}

/** `renamedBefore`: ids of logs that were sent again under new ids already. */
export function sortOutcomes(
  batch: readonly ActivityEvent[],
  outcomes: readonly EventOutcome[],
  renamedBefore: ReadonlySet<string> = new Set(),
): SortedOutcomes {
  const byId = new Map(batch.map((event) => [event.id, event]));
  const sorted: SortedOutcomes = { stored: [], rejected: [], done: [], taken: [], held: [] };
  const refused: SortedOutcomes['rejected'] = [];
  for (const outcome of outcomes) {
    const event = byId.get(outcome.id);
    // An outcome for an id we did not send says nothing about our outbox.
    if (!event) continue;
    byId.delete(outcome.id);
    if (outcome.status !== 'rejected') {
      sorted.stored.push(outcome.id);
      sorted.done.push(outcome.id);
    } else if (outcome.error.code === 'id_taken') sorted.taken.push(event);
    else refused.push({ event, error: outcome.error });
  }
  // An undo of a log whose id was taken was judged against the other member's event; once it
  // names the log's new id, it is judged afresh.
  const renamed = new Set([...renamedBefore, ...sorted.taken.map((event) => event.id)]);
  for (const rejection of refused) {
    const { event } = rejection;
    if (event.type === 'undo' && renamed.has(event.retracts)) {
      sorted.held.push(event);
      continue;
    }
    sorted.rejected.push(rejection);
    sorted.done.push(event.id);
  }
  return sorted;
}

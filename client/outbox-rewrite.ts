import type { ActivityEvent } from '../core/types.ts';
import type { EventRewrite } from './session-events.ts';

/**
 * What both outboxes (the file and the browser's) do with a rewrite. The changes whose `from` is
 * among the pending ids: another tab may have sent or rewritten an event first. One that would
 * give an event the id of another pending event is refused, or both would be one entry and one
 * of them lost.
 */
export function applicableRewrites(
  pendingIds: Iterable<string>,
  changes: readonly EventRewrite[],
): EventRewrite[] {
  const ids = new Set(pendingIds);
  const made = changes.filter(({ from }) => ids.has(from));
  for (const { from } of made) ids.delete(from);
  for (const { event } of made) {
    if (ids.has(event.id)) throw new Error(`the outbox already holds an event with id ${event.id}`);
    ids.add(event.id);
  }
  return made;
}

/** The events with each rewritten one in the place of the one it replaces. */
export function withRewrites(
  events: Iterable<ActivityEvent>,
  changes: readonly EventRewrite[],
): ActivityEvent[] {
  const byFrom = new Map(changes.map(({ from, event }) => [from, event]));
  return Array.from(events, (event) => byFrom.get(event.id) ?? event);
}

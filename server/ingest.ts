import { WolfpackError } from '../core/errors.ts';
import type { PersonalBest } from '../core/progress-types.ts';
import { localDateOf } from '../core/time-window.ts';
import type { ActivityEvent, EventOutcome, Member, Pack } from '../core/types.ts';
import type { RelayContext } from './context.ts';
import { Batch } from './ingest-batch.ts';
import { publishLive } from './ingest-publish.ts';
import { duplicateOutcome, logOne, undoOne, type Draft } from './ingest-steps.ts';
import { requireActive } from './membership.ts';
import { packMetrics } from './metric-catalog.ts';
import { bestsBeaten, type CountedLog } from './progress.ts';
import { EventIdTaken } from './storage/types.ts';

/**
 * Stores a batch of a member's events and moves every affected tally in the same transaction.
 * Idempotent by event id: a resent event is reported as a duplicate and counts nothing.
 * Cost per event: a few indexed writes plus the pack's open challenges, never a scan of history.
 */
export async function logEvents(
  ctx: RelayContext,
  member: Member,
  events: ActivityEvent[],
): Promise<{ outcomes: EventOutcome[]; bests: PersonalBest[] }> {
  try {
    return await logOnce(ctx, member, events);
  } catch (error) {
    // A member of another pack (whose lock we do not hold) stored one of these ids between our
    // look-up and our insert, and nothing was written. The rerun finds it and answers id_taken.
    if (error instanceof EventIdTaken) return logOnce(ctx, member, events);
    throw error;
  }
}

async function logOnce(
  ctx: RelayContext,
  member: Member,
  events: ActivityEvent[],
): Promise<{ outcomes: EventOutcome[]; bests: PersonalBest[] }> {
  const receivedAt = ctx.clock();
  // The events looked up below: fetched with the transaction's first round trip.
  const lookups = events.flatMap((e) => (e.type === 'undo' ? [e.id, e.retracts] : [e.id]));
  const committed = await ctx.storage.transaction(
    async (q) => {
      const pack = await q.getPack(member.packId);
      if (!pack) throw new WolfpackError('not_found', 'your pack no longer exists');
      // Answered from the pack's snapshot or kept copy (PostgreSQL) or one look-up by key (SQLite).
      await requireActive(q, member);
      const metrics = await packMetrics(q, pack.id);
      const batch = new Batch(q, pack, member, receivedAt);
      const results: Draft[] = [];
      for (const event of events) {
        const existing = await q.getEvent(event.id);
        if (existing) {
          results.push(duplicateOutcome(existing, member));
        } else if (event.type === 'log') {
          results.push(await logOne(batch, event, metrics));
        } else {
          results.push(await undoOne(batch, event));
        }
      }
      return { drafts: results, effects: batch.effects, pack };
    },
    {
      lock: member.packId,
      events: lookups,
      shared: true,
      flushLater: true,
      // Logs only, each id once: then none of them is known yet unless resent.
      newLogs: events.every((e) => e.type === 'log') && new Set(lookups).size === lookups.length,
    },
  );
  const outcomes = await Promise.all(
    committed.drafts.map(async (d): Promise<EventOutcome> =>
      d.status === 'accepted' ? { ...d, seq: await d.seq } : d,
    ),
  );
  // Partners see the new tallies now, while the database's disk catches up: should the database
  // crash first, the sender (never acknowledged) resends, and the next push corrects them.
  await publishLive(ctx, member.packId, committed.effects);
  // An acknowledgement is a promise kept, and so is an ended race: both wait for the disk. So
  // does a duplicate, whose first copy may have been committed a moment ago and not flushed yet.
  // The records beaten are read while the disk catches up, so they cost the sender no extra wait.
  const logs = countedLogs(events, outcomes, committed.pack, receivedAt);
  const [bests] = await Promise.all([
    bestsBeaten(ctx, member, committed.pack, logs, receivedAt).catch((error: unknown) => {
      // The logs are stored and counted: a record that could not be read is not worth failing
      // their acknowledgement for (the client would resend them and hear "duplicate").
      ctx.log.warn({ err: error }, 'could not read the personal bests of a log');
      return [];
    }),
    outcomes.some((o) => o.status !== 'rejected') ? ctx.storage.durable() : undefined,
  ]);
  for (const view of committed.effects.ended) ctx.push.toPack(member.packId, 'challenge:ended', view);
  ctx.metrics.eventsIngested.inc(outcomes.filter((o) => o.status === 'accepted').length);
  return { outcomes, bests };
}

/** The logs this batch counted, on the local day each was counted on (as ingest-steps.ts does). */
function countedLogs(
  events: ActivityEvent[],
  outcomes: EventOutcome[],
  pack: Pack,
  receivedAt: number,
): CountedLog[] {
  return events.flatMap((event, i) =>
    event.type === 'log' && outcomes[i]?.status === 'accepted'
      ? [
          {
            metric: event.metric,
            day: localDateOf(Math.min(event.occurredAt, receivedAt), pack.timeZone),
            count: event.count,
          },
        ]
      : [],
  );
}

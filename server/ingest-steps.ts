/** The steps of one event in a batch: a log, an undo, or a resent id. */
import { WolfpackError } from '../core/errors.ts';
import { findMetric } from '../core/metrics.ts';
import { LIMITS } from '../core/protocol.ts';
import { eventCountsFor } from '../core/tally.ts';
import { localDateOf } from '../core/time-window.ts';
import type {
  Challenge,
  EventOutcome,
  FeedEntry,
  LogEvent,
  Member,
  StoredEvent,
  UndoEvent,
} from '../core/types.ts';
import type { Batch } from './ingest-batch.ts';
import type { packMetrics } from './metric-catalog.ts';

type Settled = Exclude<EventOutcome, { status: 'accepted' }>;
/** An accepted event before its transaction commits: its sequence number is on its way. */
export type Draft = Settled | { id: string; status: 'accepted'; seq: PromiseLike<number> };

const rejected = (id: string, code: WolfpackError['code'], message: string): Settled => ({
  id,
  status: 'rejected',
  error: { code, message },
});

export function duplicateOutcome(existing: StoredEvent, member: Member): Settled {
  // An id is only "ours" if this member sent it. Another member's event under the same id (in any
  // pack: the key is global) is a different event, which the client sends again under a new id.
  // A code of its own, never one a client drops the event for: else whoever learned a queued
  // log's id and stored it first would make that log vanish. The message names nobody.
  if (existing.memberId !== member.id) {
    return rejected(existing.id, 'id_taken', 'this event id is taken; send the event again with a new id');
  }
  return { id: existing.id, status: 'duplicate', seq: existing.seq };
}

export async function logOne(
  batch: Batch,
  event: LogEvent,
  metrics: Awaited<ReturnType<typeof packMetrics>>,
): Promise<Draft> {
  const metric = findMetric(metrics, event.metric);
  if (!metric) return rejected(event.id, 'unknown_metric', `this pack has no metric "${event.metric}"`);
  if (metric.needsMeetingDate && !event.meetingDate) {
    return rejected(event.id, 'bad_request', `${metric.label.toLowerCase()} need the date of the meeting`);
  }
  if (event.occurredAt < batch.receivedAt - LIMITS.maxEventAgeMs) {
    return rejected(event.id, 'bad_request', 'events older than 90 days cannot be logged');
  }
  // A client clock ahead of the relay must not log into a window that has not started.
  const occurredAt = Math.min(event.occurredAt, batch.receivedAt);
  const row = {
    id: event.id,
    packId: batch.pack.id,
    memberId: batch.member.id,
    type: 'log' as const,
    metric: metric.id,
    count: event.count,
    occurredAt,
    receivedAt: batch.receivedAt,
    meetingDate: metric.needsMeetingDate ? (event.meetingDate ?? null) : null,
    note: event.note ?? null,
    retracts: null,
  };
  // Not awaited: the insert goes with the tally writes and the commit, in one round trip.
  const seq = batch.q.appendEvent(row);
  const tallyEvent = {
    memberId: batch.member.id,
    metric: metric.id,
    occurredAt,
    meetingDate: row.meetingDate,
  };
  for (const challenge of await batch.openChallenges()) {
    if (!eventCountsFor(challenge, tallyEvent)) continue;
    await batch.q.recordCounted(event.id, challenge.id);
    await batch.adjust(challenge, event.count, seq);
  }
  await batch.q.addDailyCount(
    batch.pack.id,
    batch.member.id,
    metric.id,
    localDateOf(occurredAt, batch.pack.timeZone),
    event.count,
  );
  batch.effects.feed.push({ entry: feedEntry({ ...row, seq: 0, retractedBy: null }), seq });
  return { id: event.id, status: 'accepted', seq };
}

export async function undoOne(batch: Batch, event: UndoEvent): Promise<Draft> {
  const target = await batch.q.getEvent(event.retracts);
  // Another pack's event is reported exactly like a missing one: ids must not leak across packs.
  if (!target || target.packId !== batch.pack.id)
    return rejected(event.id, 'not_found', 'no such event to undo');
  if (target.memberId !== batch.member.id)
    return rejected(event.id, 'forbidden', 'you can only undo your own logs');
  if (target.type !== 'log') return rejected(event.id, 'bad_request', 'an undo cannot be undone');
  if (target.retractedBy) return rejected(event.id, 'conflict', 'that log was already undone');
  const challengeIds = await batch.q.countedIn(target.id);
  const challenges = (await Promise.all(challengeIds.map((id) => batch.q.getChallenge(id)))).filter(
    (c): c is Challenge => c !== null,
  );
  if (challenges.some((c) => c.status === 'ended')) {
    return rejected(event.id, 'undo_too_late', 'that log counts in a challenge whose result is final');
  }
  const row = {
    id: event.id,
    packId: batch.pack.id,
    memberId: batch.member.id,
    type: 'undo' as const,
    metric: target.metric,
    count: target.count,
    occurredAt: Math.min(event.occurredAt, batch.receivedAt),
    receivedAt: batch.receivedAt,
    meetingDate: target.meetingDate,
    note: null,
    retracts: target.id,
  };
  const seq = batch.q.appendEvent(row);
  // Two different undo events for one log can race on two nodes; only one may retract it.
  if (!(await batch.q.markRetracted(target.id, event.id))) {
    throw new WolfpackError('conflict', 'that log was undone at the same moment; resend to see the outcome');
  }
  for (const challenge of challenges) {
    if (challenge.status === 'cancelled') continue;
    await batch.adjust(challenge, -target.count, seq);
  }
  const day = localDateOf(target.occurredAt, batch.pack.timeZone);
  await batch.q.addDailyCount(batch.pack.id, batch.member.id, target.metric, day, -target.count);
  batch.effects.feed.push({ entry: feedEntry({ ...row, seq: 0, retractedBy: null }), seq });
  return { id: event.id, status: 'accepted', seq };
}

export function feedEntry(e: StoredEvent): FeedEntry {
  return {
    seq: e.seq,
    eventId: e.id,
    memberId: e.memberId,
    type: e.type,
    metric: e.metric,
    count: e.count,
    occurredAt: e.occurredAt,
    meetingDate: e.meetingDate,
    note: e.note,
    retracts: e.retracts,
  };
}

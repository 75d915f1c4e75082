import { WolfpackError } from '../core/errors.ts';
import { findMetric } from '../core/metrics.ts';
import { LIMITS } from '../core/protocol.ts';
import { applyDelta, decideResult, eventCountsFor, raceFinished } from '../core/tally.ts';
import { localDateOf } from '../core/time-window.ts';
import type {
  ActivityEvent,
  Challenge,
  ChallengeView,
  EventOutcome,
  FeedEntry,
  LogEvent,
  Member,
  Pack,
  StoredEvent,
  UndoEvent,
} from '../core/types.ts';
import type { RelayContext } from './context.ts';
import { packMetrics } from './metric-catalog.ts';
import { EventIdTaken, type ParticipantRow, type Queries } from './storage/types.ts';
import { toView } from './views.ts';

/**
 * What one batch changed, pushed after the transaction commits (never before: a rollback pushes
 * nothing). Sequence numbers are known only then: the inserts ride with the commit.
 */
interface BatchEffects {
  /** Rows known now, or (tallies moved without reading them) once the transaction has sent them. */
  standings: Map<
    string,
    { challenge: Challenge; rows: ParticipantRow[] | PromiseLike<ParticipantRow[]>; seq: PromiseLike<number> }
  >;
  feed: { entry: Omit<FeedEntry, 'seq'>; seq: PromiseLike<number> }[];
  ended: ChallengeView[];
}

class Batch {
  readonly effects: BatchEffects = { standings: new Map(), feed: [], ended: [] };
  #open: Challenge[] | null = null;
  readonly q: Queries;
  readonly pack: Pack;
  readonly member: Member;
  readonly receivedAt: number;

  constructor(q: Queries, pack: Pack, member: Member, receivedAt: number) {
    this.q = q;
    this.pack = pack;
    this.member = member;
    this.receivedAt = receivedAt;
  }

  /** Loaded once per batch, and only when an event is actually new. */
  async openChallenges(): Promise<Challenge[]> {
    this.#open ??= await this.q.listOpenChallenges(this.pack.id);
    return this.#open;
  }

  async adjust(challenge: Challenge, delta: number, seq: PromiseLike<number>): Promise<void> {
    // No race can end here: the tally moves without being read (the storage offers that only
    // where it saves a round trip), and the rows come back with the commit.
    if (this.q.addToTally && challenge.format !== 'race') {
      const rows = this.q.addToTally(challenge.id, this.member.id, delta, this.receivedAt, challenge.target);
      this.effects.standings.set(challenge.id, { challenge, rows, seq });
      return;
    }
    const known = this.effects.standings.get(challenge.id);
    const rows = known ? await known.rows : await this.q.participants(challenge.id);
    const index = rows.findIndex((r) => r.memberId === this.member.id);
    const row = rows[index];
    if (!row) return;
    const next = { ...applyDelta(row, delta, this.receivedAt, challenge.target), declined: row.declined };
    rows[index] = next;
    await this.q.setTally(challenge.id, next);
    this.effects.standings.set(challenge.id, { challenge, rows, seq });
    if (
      delta > 0 &&
      raceFinished(
        challenge,
        rows.filter((r) => !r.declined),
      )
    ) {
      await this.#endRace(challenge, rows);
    }
  }

  async #endRace(challenge: Challenge, rows: ParticipantRow[]): Promise<void> {
    // The conditional update makes the race end once, even when two nodes see the winning log.
    if (!(await this.q.claimStatus(challenge.id, ['scheduled', 'active'], 'ended', this.receivedAt))) return;
    // Its result is delivered to whoever connects next: it must not outlive a database crash.
    this.q.durableCommit();
    const counting = rows.filter((r) => !r.declined);
    const result = decideResult(challenge, counting, this.receivedAt, 'target');
    await this.q.storeResult(challenge.id, result);
    const ended = { ...challenge, status: 'ended' as const, endedAt: this.receivedAt };
    this.effects.ended.push(toView(ended, rows, result));
    this.#open = (this.#open ?? []).filter((c) => c.id !== challenge.id);
  }
}

type Outcome = EventOutcome;
type Settled = Exclude<Outcome, { status: 'accepted' }>;
/** An accepted event before its transaction commits: its sequence number is on its way. */
type Draft = Settled | { id: string; status: 'accepted'; seq: PromiseLike<number> };

const rejected = (id: string, code: WolfpackError['code'], message: string): Settled => ({
  id,
  status: 'rejected',
  error: { code, message },
});

/**
 * Stores a batch of a member's events and moves every affected tally in the same transaction.
 * Idempotent by event id: a resent event is reported as a duplicate and counts nothing.
 * Cost per event: a few indexed writes plus the pack's open challenges, never a scan of history.
 */
export async function logEvents(
  ctx: RelayContext,
  member: Member,
  events: ActivityEvent[],
): Promise<Outcome[]> {
  try {
    return await logOnce(ctx, member, events);
  } catch (error) {
    // A member of another pack (whose lock we do not hold) stored one of these ids between our
    // look-up and our insert, and nothing was written. The rerun finds it and says so.
    if (error instanceof EventIdTaken) return logOnce(ctx, member, events);
    throw error;
  }
}

async function logOnce(ctx: RelayContext, member: Member, events: ActivityEvent[]): Promise<Outcome[]> {
  const receivedAt = ctx.clock();
  // The events looked up below: fetched with the transaction's first round trip.
  const lookups = events.flatMap((e) => (e.type === 'undo' ? [e.id, e.retracts] : [e.id]));
  const committed = await ctx.storage.transaction(
    async (q) => {
      const pack = await q.getPack(member.packId);
      if (!pack) throw new WolfpackError('not_found', 'your pack no longer exists');
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
      return { drafts: results, effects: batch.effects };
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
    committed.drafts.map(async (d): Promise<Outcome> =>
      d.status === 'accepted' ? { ...d, seq: await d.seq } : d,
    ),
  );
  // Partners see the new tallies now, while the database's disk catches up: should the database
  // crash first, the sender (never acknowledged) resends, and the next push corrects them.
  await publishLive(ctx, member.packId, committed.effects);
  // An acknowledgement is a promise kept, and so is an ended race: both wait for the disk. So
  // does a duplicate, whose first copy may have been committed a moment ago and not flushed yet.
  if (outcomes.some((o) => o.status !== 'rejected')) await ctx.storage.durable();
  for (const view of committed.effects.ended) ctx.push.toPack(member.packId, 'challenge:ended', view);
  ctx.metrics.eventsIngested.inc(outcomes.filter((o) => o.status === 'accepted').length);
  return outcomes;
}

function duplicateOutcome(existing: StoredEvent, member: Member): Settled {
  // An id is only "ours" if this member sent it; another member's id is not theirs to resend.
  if (existing.memberId !== member.id) {
    return rejected(existing.id, 'conflict', 'this event id is already used by another event');
  }
  return { id: existing.id, status: 'duplicate', seq: existing.seq };
}

async function logOne(
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

async function undoOne(batch: Batch, event: UndoEvent): Promise<Draft> {
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

async function publishLive(ctx: RelayContext, packId: string, effects: BatchEffects): Promise<void> {
  const standings = await Promise.all(
    [...effects.standings].map(async ([challengeId, { challenge, rows, seq }]) => ({
      challengeId,
      standings: toView(challenge, await rows, null).standings,
      seq: await seq,
    })),
  );
  const feed = await Promise.all(effects.feed.map(async ({ entry, seq }) => ({ ...entry, seq: await seq })));
  // One message for the whole batch: one frame per member, one publish between relay nodes.
  if (standings.length > 0 || feed.length > 0)
    ctx.push.toPack(packId, 'activity:stored', { standings, feed });
}

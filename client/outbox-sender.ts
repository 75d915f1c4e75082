import { LIMITS } from '../core/protocol.ts';
import type { ActivityEvent, EventOutcome } from '../core/types.ts';
import { uuidv7 } from '../core/uuid.ts';
import { sortOutcomes, takeBatch } from './batch.ts';
import { RelayError, isRelayError } from './relay-error.ts';
import type { EventRewrite, FlushReport, Rejection } from './session-events.ts';

/** The part of the outbox the session needs; the desktop app may hand in its own. */
export interface SessionOutbox {
  readonly size: number;
  pending(limit?: number): ActivityEvent[];
  append(events: readonly ActivityEvent[]): Promise<void>;
  markDone(ids: readonly string[]): Promise<void>;
  /**
   * Puts each change's event in the place of the pending event `from`, in its position, all of
   * them or (after a crash) none, and resolves once that is durable, with the changes made: a
   * `from` no longer pending (another tab sent it) is skipped.
   */
  rewrite(changes: readonly EventRewrite[]): Promise<EventRewrite[]>;
}

export interface SenderDeps {
  /** One `activity:log` request; rejects with a RelayError when the whole batch was refused. */
  send(events: ActivityEvent[]): Promise<EventOutcome[]>;
  canSend(): boolean;
  onStored(ids: string[]): void;
  onRejected(rejection: Rejection): void;
  onReidentified(changes: EventRewrite[]): void;
}

/** Renames remembered for undos that come late; far more than a session ever needs. */
const RENAMES_KEPT = 1_000;

export function toRelayError(error: unknown): RelayError {
  return isRelayError(error)
    ? error
    : new RelayError('internal', error instanceof Error ? error.message : String(error));
}

/**
 * Empties the outbox in batches, one flush at a time. Accepted and duplicate events leave it
 * (both mean the relay holds them); rejected ones leave it too and are reported; a refusal of a
 * whole batch for a passing reason (rate limit, relay failure) keeps everything for later. An
 * event whose id another member's event has (`id_taken`) stays: it gets a fresh id and goes
 * again in the same flush.
 */
export class OutboxSender {
  outbox: SessionOutbox | null;
  #deps: SenderDeps;
  #running: Promise<FlushReport> | null = null;
  #again = false;
  /** Ids this flush made; chance cannot make one of them taken. */
  #minted = new Set<string>();
  /**
   * Old id to new, for logs sent again under a new id: an undo queued while its log was being
   * rewritten (or built from a cache that had not caught up) still names the old one.
   */
  #renamed = new Map<string, string>();

  constructor(outbox: SessionOutbox | null, deps: SenderDeps) {
    this.outbox = outbox;
    this.#deps = deps;
  }

  get running(): Promise<FlushReport> | null {
    return this.#running;
  }

  /** Joins a flush in progress (which then runs once more for what arrived since), or starts one. */
  flush(): Promise<FlushReport> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    const run = this.#loop().finally(() => {
      this.#running = null;
    });
    this.#running = run;
    return run;
  }

  async #loop(): Promise<FlushReport> {
    const outbox = this.outbox;
    const report: FlushReport = { stored: [], rejected: [], remaining: outbox?.size ?? 0, error: null };
    if (!outbox) return report;
    this.#minted.clear();
    do {
      this.#again = false;
      while (outbox.size > 0 && this.#deps.canSend() && !report.error) {
        report.error = await this.#send(takeBatch(outbox.pending(LIMITS.eventsPerBatch)), outbox, report);
      }
    } while (this.#again && this.#deps.canSend() && !report.error);
    report.remaining = outbox.size;
    return report;
  }

  /** Sends one batch; returns why sending must stop, or null when every event got its outcome. */
  async #send(
    batch: ActivityEvent[],
    outbox: SessionOutbox,
    report: FlushReport,
  ): Promise<RelayError | null> {
    let outcomes: EventOutcome[];
    try {
      outcomes = await this.#deps.send(batch);
    } catch (error) {
      const relayError = toRelayError(error);
      if (relayError.code !== 'bad_request' && relayError.code !== 'payload_too_large') return relayError;
      const [only] = batch;
      // A refused batch is retried event by event, so that one bad event cannot hold back the rest.
      if (batch.length > 1 || !only) {
        for (const event of batch) {
          const stopped = await this.#send([event], outbox, report);
          if (stopped) return stopped;
        }
        return null;
      }
      const { code, message } = relayError;
      outcomes = [{ id: only.id, status: 'rejected', error: { code, message } }];
    }
    const sorted = sortOutcomes(batch, outcomes, new Set(this.#renamed.keys()));
    report.stored.push(...sorted.stored);
    report.rejected.push(...sorted.rejected);
    // Told before the outbox is rewritten: the relay already pushed the standings that count them.
    if (sorted.stored.length > 0) this.#deps.onStored(sorted.stored);
    for (const rejection of sorted.rejected) this.#deps.onRejected(rejection);
    await outbox.markDone(sorted.done);
    if (sorted.taken.length === 0 && sorted.held.length === 0) return null;
    return this.#reidentify(sorted.taken, outbox);
  }

  /**
   * Gives each taken event a fresh id, and every queued undo of a renamed log that log's new id,
   * on disk before any of them is sent again: a crash in between sends the new ids, never the old.
   */
  async #reidentify(taken: readonly ActivityEvent[], outbox: SessionOutbox): Promise<RelayError | null> {
    // Only a relay that answers wrongly takes an id made a moment ago: retry later, not in a loop.
    if (taken.some((event) => this.#minted.has(event.id))) {
      return new RelayError(
        'id_taken',
        'the relay said a freshly made event id was taken; trying again later',
      );
    }
    for (const event of taken) this.#renamed.set(event.id, uuidv7());
    while (this.#renamed.size > RENAMES_KEPT) this.#renamed.delete(this.#renamed.keys().next().value ?? '');
    const changes: EventRewrite[] = [];
    for (const event of outbox.pending()) {
      const next = withFreshIds(event, this.#renamed);
      if (next !== event) changes.push({ from: event.id, event: next });
    }
    const made = await outbox.rewrite(changes);
    for (const { from, event } of made) if (event.id !== from) this.#minted.add(event.id);
    if (made.length > 0) this.#deps.onReidentified(made);
    return null;
  }
}

/** The event with its id, and an undo's target, as `renamed` says; itself if neither changes. */
function withFreshIds(event: ActivityEvent, renamed: ReadonlyMap<string, string>): ActivityEvent {
  const id = renamed.get(event.id) ?? event.id;
  if (event.type === 'log') return id === event.id ? event : { ...event, id };
  const retracts = renamed.get(event.retracts) ?? event.retracts;
  return id === event.id && retracts === event.retracts ? event : { ...event, id, retracts };
}

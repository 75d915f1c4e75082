import { LIMITS } from '../core/protocol.ts';
import type { ActivityEvent, EventOutcome } from '../core/types.ts';
import { sortOutcomes, takeBatch } from './batch.ts';
import { RelayError, isRelayError } from './relay-error.ts';
import type { FlushReport, Rejection } from './session-events.ts';

/** The part of the outbox the session needs; the desktop app may hand in its own. */
export interface SessionOutbox {
  readonly size: number;
  pending(limit?: number): ActivityEvent[];
  append(events: readonly ActivityEvent[]): Promise<void>;
  markDone(ids: readonly string[]): Promise<void>;
}

export interface SenderDeps {
  /** One `activity:log` request; rejects with a RelayError when the whole batch was refused. */
  send(events: ActivityEvent[]): Promise<EventOutcome[]>;
  canSend(): boolean;
  onStored(ids: string[]): void;
  onRejected(rejection: Rejection): void;
}

export function toRelayError(error: unknown): RelayError {
  return isRelayError(error)
    ? error
    : new RelayError('internal', error instanceof Error ? error.message : String(error));
}

/**
 * Empties the outbox in batches, one flush at a time. Accepted and duplicate events leave it
 * (both mean the relay holds them); rejected ones leave it too and are reported; a refusal of a
 * whole batch for a passing reason (rate limit, relay failure) keeps everything for later.
 */
export class OutboxSender {
  outbox: SessionOutbox | null;
  #deps: SenderDeps;
  #running: Promise<FlushReport> | null = null;
  #again = false;

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
    const sorted = sortOutcomes(batch, outcomes);
    report.stored.push(...sorted.stored);
    report.rejected.push(...sorted.rejected);
    // Told before the outbox is rewritten: the relay already pushed the standings that count them.
    if (sorted.stored.length > 0) this.#deps.onStored(sorted.stored);
    for (const rejection of sorted.rejected) this.#deps.onRejected(rejection);
    await outbox.markDone(sorted.done);
    return null;
  }
}

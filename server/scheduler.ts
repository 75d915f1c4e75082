import type { Challenge } from '../core/types.ts';
import type { RelayContext } from './context.ts';

export interface SchedulerActions {
  start(challenge: Challenge): Promise<boolean>;
  finish(challenge: Challenge): Promise<boolean>;
}

/**
 * Starts and ends challenges at their instants. The database says what is due, so a challenge
 * whose end passed while the relay was down ends once a grace period from start-up has passed
 * (logs queued offline meanwhile still count), and several nodes may run this at once: the
 * conditional status update lets exactly one of them act.
 * The timer sleeps until the next due instant, but never longer than maxSleepMs, so that a
 * challenge created on another node is picked up too.
 */
export class Scheduler {
  readonly #ctx: RelayContext;
  readonly #actions: SchedulerActions;
  readonly #maxSleepMs: number;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = false;
  /**
   * When this relay started. A challenge whose end fell before it ended while the relay was down,
   * and its grace runs from here: else the logs its members queued offline would arrive to a
   * result frozen at the first tick, and the relay's downtime, not the members, would decide it.
   */
  #resumedAt = 0;

  constructor(ctx: RelayContext, actions: SchedulerActions, maxSleepMs = 30_000) {
    this.#ctx = ctx;
    this.#actions = actions;
    this.#maxSleepMs = maxSleepMs;
  }

  start(): void {
    this.#resumedAt = this.#ctx.clock();
    this.wake();
  }

  /** Runs a tick now (or right after the one in progress) and re-arms the timer. */
  wake(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#tick().finally(() => {
      this.#running = null;
      if (this.#again) {
        this.#again = false;
        this.wake();
      }
    });
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
  }

  async #tick(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    const { storage, clock, graceMs, log } = this.#ctx;
    try {
      const now = clock();
      const [toStart, toEnd] = await storage.read(async (q) => [
        await q.dueToStart(now),
        await q.dueToEnd(now, graceMs, this.#resumedAt),
      ]);
      const ending = new Set(toEnd.map((c) => c.id));
      for (const c of toStart) if (!ending.has(c.id)) await this.#actions.start(c);
      for (const c of toEnd) await this.#actions.finish(c);
      const next = await storage.read((q) => q.nextDue(graceMs, this.#resumedAt));
      this.#arm(next === null ? this.#maxSleepMs : next - clock());
    } catch (error) {
      if (this.#stopped) return;
      log.error({ err: error }, 'scheduler tick failed; retrying');
      this.#arm(1000);
    }
  }

  #arm(delayMs: number): void {
    if (this.#stopped) return;
    const delay = Math.min(Math.max(delayMs, 0), this.#maxSleepMs);
    this.#timer = setTimeout(() => this.wake(), delay);
    this.#timer.unref();
  }
}

export interface RestartPolicyOptions {
  /** The wait before the first restart; each quick crash in a row doubles it. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** A relay that listened this long before it ended had not crashed "quickly". */
  stableMs?: number;
  /** Quick crashes in a row after which it is left down (a crash loop helps no one). */
  maxQuickCrashes?: number;
}

/**
 * Whether, and when, the desktop app starts its hosted relay again after the relay's process
 * ended by itself. The relay exits with 1 after an uncaught exception (server/last-resort.ts) so
 * that it comes back afresh: partners' apps reconnect and resend from their outboxes.
 */
export class RestartPolicy {
  readonly #options: Required<RestartPolicyOptions>;
  readonly #now: () => number;
  #quickCrashes = 0;

  constructor(options: RestartPolicyOptions = {}, now: () => number = Date.now) {
    this.#options = {
      firstDelayMs: options.firstDelayMs ?? 1_000,
      maxDelayMs: options.maxDelayMs ?? 30_000,
      stableMs: options.stableMs ?? 60_000,
      maxQuickCrashes: options.maxQuickCrashes ?? 5,
    };
    this.#now = now;
  }

  /** The relay, listening since `listeningSince`, ended unasked: ms to wait, or null to give up. */
  afterCrash(listeningSince: number): number | null {
    const { firstDelayMs, maxDelayMs, stableMs, maxQuickCrashes } = this.#options;
    this.#quickCrashes = this.#now() - listeningSince >= stableMs ? 1 : this.#quickCrashes + 1;
    if (this.#quickCrashes > maxQuickCrashes) return null;
    return Math.min(maxDelayMs, firstDelayMs * 2 ** (this.#quickCrashes - 1));
  }
}

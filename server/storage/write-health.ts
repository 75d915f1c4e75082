import type { StorageHealth } from './types.ts';

/**
 * A write that failed for the storage's own sake, and what can show that it is over:
 * - 'probe': a small write of the health check commits (the disk has room again, the database
 *   is reachable again);
 * - 'write': only a real write commits (a probe cannot reach the part that failed, such as a
 *   table PostgreSQL could not extend on a full disk);
 * - 'restart': nothing while this process runs (a damaged file: the relay refuses to start on it).
 */
export interface WriteFailure {
  reason: string;
  endsWith: 'probe' | 'write' | 'restart';
}

/**
 * The write path's last failure, kept for health(). Writes report here as they commit or fail,
 * at the cost of a field check: health never adds work to a log.
 */
export class WriteHealth {
  #failure: WriteFailure | null = null;

  /** A write or a probe failed; null (a refused or conflicting write) changes nothing. */
  failed(failure: WriteFailure | null): void {
    if (failure === null || this.#failure?.endsWith === 'restart') return;
    this.#failure = failure;
  }

  /** A real write committed. */
  wrote(): void {
    if (this.#failure !== null && this.#failure.endsWith !== 'restart') this.#failure = null;
  }

  /** The health check's own write committed. */
  probed(): void {
    if (this.#failure?.endsWith === 'probe') this.#failure = null;
  }

  get failure(): WriteFailure | null {
    return this.#failure;
  }

  report(): StorageHealth {
    return this.#failure === null ? { ok: true } : { ok: false, reason: this.#failure.reason };
  }
}

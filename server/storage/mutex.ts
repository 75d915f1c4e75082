import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * A FIFO lock. node:sqlite is synchronous on one connection, so a transaction that awaits in the
 * middle must keep every other caller out until it commits, or they would join it.
 * Re-entrant within one async call chain: a read made while holding the lock runs at once
 * instead of waiting for itself forever.
 */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();
  readonly #holder = new AsyncLocalStorage<Mutex>();

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#holder.getStore() === this) return fn();
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      return await this.#holder.run(this, fn);
    } finally {
      release();
    }
  }
}

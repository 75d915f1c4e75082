/**
 * Group commit: transactions that allow it (Storage's `shared` option) wait in one queue, and
 * each free slot takes everything that waits, up to `perGroup`, into one database transaction.
 * Idle, a transaction runs at once and alone, so nothing waits for a group to fill; under load,
 * one round trip and one commit (one disk flush) serve many.
 */
/** An item's fate in a group: done, refused, or left out (to run alone after the group). */
export type GroupOutcome = PromiseSettledResult<unknown> | { status: 'busy' };

export interface GroupRunner<T> {
  /**
   * Runs the items in one transaction and reports each one's outcome. Throws when the
   * transaction as a whole failed, having written nothing.
   */
  together(items: T[]): Promise<GroupOutcome[]>;
  alone(item: T): Promise<unknown>;
}

export interface GroupLimits {
  /** Transactions in flight at once (each holds a pooled connection). */
  groups: number;
  /** Items in one transaction at most. */
  perGroup: number;
}

interface Waiting<T> {
  item: T;
  resolve(value: unknown): void;
  reject(reason: unknown): void;
}

export class GroupCommit<T> {
  readonly #runner: GroupRunner<T>;
  readonly #limits: GroupLimits;
  readonly #queue: Waiting<T>[] = [];
  #running = 0;

  constructor(runner: GroupRunner<T>, limits: GroupLimits) {
    this.#runner = runner;
    this.#limits = { groups: Math.max(1, limits.groups), perGroup: Math.max(1, limits.perGroup) };
  }

  run(item: T): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      this.#pump();
    });
  }

  /** Transactions in flight and items waiting for one (for /metrics). */
  get load(): { running: number; waiting: number } {
    return { running: this.#running, waiting: this.#queue.length };
  }

  #pump(): void {
    while (this.#running < this.#limits.groups && this.#queue.length > 0) {
      const group = this.#queue.splice(0, this.#limits.perGroup);
      this.#running += 1;
      void this.#dispatch(group).finally(() => {
        this.#running -= 1;
        this.#pump();
      });
    }
  }

  async #dispatch(group: Waiting<T>[]): Promise<void> {
    if (group.length === 1) {
      const [only] = group as [Waiting<T>];
      await this.#runner.alone(only.item).then(only.resolve, only.reject);
      return;
    }
    let outcomes: GroupOutcome[];
    try {
      outcomes = await this.#runner.together(group.map((w) => w.item));
    } catch {
      // Nothing of the group was written. One item may be what failed it (a taken event id, say):
      // alone, each meets only its own fate.
      await Promise.all(group.map((w) => this.#runner.alone(w.item).then(w.resolve, w.reject)));
      return;
    }
    const busy: Waiting<T>[] = [];
    group.forEach((w, i) => {
      const outcome = outcomes[i];
      if (outcome?.status === 'fulfilled') w.resolve(outcome.value);
      else if (outcome?.status === 'rejected') w.reject(outcome.reason);
      else busy.push(w);
    });
    await Promise.all(busy.map((w) => this.#runner.alone(w.item).then(w.resolve, w.reject)));
  }
}

/**
 * Rounds of a job (a disk flush) shared by everyone who asks while one is due. A call is
 * answered only by a round that began after it: one already in flight may have begun before
 * the caller's commit and proves nothing for it, so the callers meanwhile share the next one.
 */
export class SharedRounds {
  readonly #run: () => Promise<void>;
  #current: Promise<void> | undefined;
  #next: Promise<void> | undefined;

  constructor(run: () => Promise<void>) {
    this.#run = run;
  }

  request(): Promise<void> {
    if (this.#current === undefined) return this.#start();
    this.#next ??= this.#current
      .catch(() => undefined)
      .then(() => {
        this.#next = undefined;
        return this.#start();
      });
    return this.#next;
  }

  #start(): Promise<void> {
    const round: Promise<void> = this.#run().finally(() => {
      if (this.#current === round) this.#current = undefined;
    });
    this.#current = round;
    return round;
  }
}

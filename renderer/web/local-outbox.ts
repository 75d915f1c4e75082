import { activityEventSchema } from '../../core/protocol.ts';
import type { ActivityEvent } from '../../core/types.ts';
import { applicableRewrites, withRewrites } from '../../client/outbox-rewrite.ts';
import type { SessionOutbox } from '../../client/outbox-sender.ts';
import type { EventRewrite } from '../../client/session-events.ts';
import { readJson, writeJson } from './key-value.ts';
import type { KeyValueStore } from './key-value.ts';

/**
 * Unsent logs kept in the browser until the relay acks them: a reload or a closed tab keeps
 * them, and the next page sends them. Every call reads the stored list afresh, so two tabs of
 * the app never overwrite each other's events (the relay drops a resent id as a duplicate).
 */
export class LocalOutbox implements SessionOutbox {
  readonly #store: KeyValueStore;
  readonly #key: string;

  constructor(store: KeyValueStore, key: string) {
    this.#store = store;
    this.#key = key;
  }

  get size(): number {
    return this.#read().length;
  }

  pending(limit?: number): ActivityEvent[] {
    const events = this.#read();
    return limit === undefined ? events : events.slice(0, limit);
  }

  async append(events: readonly ActivityEvent[]): Promise<void> {
    const stored = this.#read();
    const known = new Set(stored.map((e) => e.id));
    this.#write([...stored, ...events.filter((e) => !known.has(e.id))]);
  }

  async markDone(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const done = new Set(ids);
    this.#write(this.#read().filter((e) => !done.has(e.id)));
  }

  /** One write of the whole list: a closed tab keeps every change or none. */
  async rewrite(changes: readonly EventRewrite[]): Promise<EventRewrite[]> {
    const stored = this.#read();
    // Another tab may have sent it, or given it a new id already: then that tab's version stands.
    const made = applicableRewrites(
      stored.map((e) => e.id),
      changes,
    );
    if (made.length > 0) this.#write(withRewrites(stored, made));
    return made;
  }

  clear(): void {
    this.#store.removeItem(this.#key);
  }

  #read(): ActivityEvent[] {
    const raw = readJson<unknown>(this.#store, this.#key, []);
    if (!Array.isArray(raw)) return [];
    // Only what the relay would accept is sent; anything else in storage was not written by us.
    return raw.flatMap((item) => {
      const parsed = activityEventSchema.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    });
  }

  #write(events: ActivityEvent[]): void {
    if (events.length === 0) this.#store.removeItem(this.#key);
    else writeJson(this.#store, this.#key, events);
  }
}

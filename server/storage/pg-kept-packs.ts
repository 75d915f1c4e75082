import type { KeptPack } from './pg-pack-cache.ts';

/** Packs whose configuration a node keeps for one-message logs (the most recently used). */
const KEPT_PACKS = 10_000;

/** What this node keeps of the packs it wrote to lately, for logs in one message. */
export class KeptPacks {
  readonly #packs = new Map<string, KeptPack>();

  /** The kept pack a log of new events can be written from in one message, if any. */
  usableBy(item: { lock: string; newLogs: boolean }): KeptPack | undefined {
    const kept = item.newLogs ? this.#packs.get(item.lock) : undefined;
    // A race can end on a log, and its end needs the tallies before the commit.
    return kept && !kept.open.some((c) => c.format === 'race') ? kept : undefined;
  }

  /** Keeps (or forgets) a pack as the latest transaction used it; the least recent go first. */
  keep(packId: string, kept: KeptPack | null): void {
    this.#packs.delete(packId);
    if (!kept) return;
    this.#packs.set(packId, kept);
    if (this.#packs.size > KEPT_PACKS) this.#packs.delete(this.#packs.keys().next().value as string);
  }

  forget(packId: string): void {
    this.#packs.delete(packId);
  }
}

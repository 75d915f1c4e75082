import type { ChallengeView } from '../core/types.ts';

/** Remembers which results were shown, so each one reaches the user once. */
export interface ResultLedger {
  hasShown(challengeId: string): boolean;
  markShown(challengeId: string): void | Promise<void>;
}

/**
 * Hands each ended challenge's result to `show` once, then acknowledges all of them so the relay
 * stops offering them. Shown before recorded: a crash in between shows a result again, never not at all.
 */
export async function deliverResults(
  views: readonly ChallengeView[],
  ledger: ResultLedger,
  show: (view: ChallengeView) => void,
  acknowledge: (challengeIds: string[]) => Promise<unknown>,
): Promise<void> {
  const ended = views.filter((view) => view.result !== null);
  for (const view of ended) {
    if (ledger.hasShown(view.id)) continue;
    show(view);
    await ledger.markShown(view.id);
  }
  for (let i = 0; i < ended.length; i += 100) {
    // A lost ack only means the relay offers the result again; the ledger keeps it from showing twice.
    await acknowledge(ended.slice(i, i + 100).map((view) => view.id)).catch(() => undefined);
  }
}

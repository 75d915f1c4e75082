import type { RelayContext } from './context.ts';
import type { BatchEffects } from './ingest-batch.ts';
import { toView } from './views.ts';

/** Pushes what a committed batch changed to the pack: new standings and feed entries. */
export async function publishLive(ctx: RelayContext, packId: string, effects: BatchEffects): Promise<void> {
  const standings = await Promise.all(
    [...effects.standings].map(async ([challengeId, { challenge, rows, seq }]) => ({
      challengeId,
      standings: toView(challenge, await rows, null).standings,
      seq: await seq,
    })),
  );
  const feed = await Promise.all(effects.feed.map(async ({ entry, seq }) => ({ ...entry, seq: await seq })));
  // One message for the whole batch: one frame per member, one publish between relay nodes.
  if (standings.length > 0 || feed.length > 0)
    ctx.push.toPack(packId, 'activity:stored', { standings, feed });
}

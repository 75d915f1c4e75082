import { formatInstant } from '../core/format.ts';
import type { Snapshot } from '../core/types.ts';
import type { Mirror } from '../client/mirror.ts';
import type { Rejection } from '../client/session-events.ts';
import type { CliContext } from './context.ts';
import type { Live } from './live.ts';
import { quantity } from './render.ts';
import type { Scene } from './render.ts';

/** Names, metrics and the pack's zone for rendering; the mirror's members and metrics are the freshest. */
export function sceneFrom(snapshot: Snapshot, mirror?: Mirror): Scene {
  const members = mirror?.members() ?? [];
  const metrics = mirror?.metrics() ?? [];
  return {
    youId: snapshot.you.id,
    members: members.length > 0 ? members : snapshot.members,
    metrics: metrics.length > 0 ? metrics : snapshot.metrics,
    timeZone: snapshot.pack.timeZone,
  };
}

/** Queued events the relay refused for good leave the outbox; the user must hear about each. */
export function reportRejections(
  ctx: CliContext,
  live: Live,
  snapshot: Snapshot,
  rejections: readonly Rejection[],
): void {
  const scene = sceneFrom(snapshot, live.mirror);
  for (const { event, error } of rejections) {
    const what =
      event.type === 'log'
        ? `${quantity(scene, event.metric, event.count)} logged ${formatInstant(event.occurredAt, scene.timeZone)}`
        : `undo made ${formatInstant(event.occurredAt, scene.timeZone)}`;
    ctx.err(`wolfpack: the relay refused a queued ${what}: ${error.message}`);
  }
}

/**
 * Cross-node against its own floor: the live load with every partner on the other node, on two
 * real nodes (PostgreSQL and Redis) and on two bare Socket.IO nodes on the same Redis adapter
 * (no storage), in alternating slices of the same run. Both paths take the same hops (sender's
 * node, Redis, partner's node), so the ratio is what the relay adds to a cross-node push.
 */
import { randomBytes } from 'node:crypto';
import { LiveLoad } from './latency.ts';
import { alternate, bareRelays, ratio, type FloorOptions } from './floor.ts';
import { REDIS_URL, services, twoNodes } from './scale-out.ts';

export async function runFloorCross(o: FloorOptions): Promise<Record<string, unknown>> {
  const db = await services(true);
  let bare: LiveLoad | null = null;
  let real: LiveLoad | null = null;
  try {
    const namespace = `wp_bench_bare_${randomBytes(4).toString('hex')}`;
    bare = await LiveLoad.open(o.clients, bareRelays(2, { url: REDIS_URL, namespace }));
    real = await LiveLoad.open(o.clients, () => twoNodes(db.flags));
    await alternate(bare, real, o);
    const r = await real.figures();
    const b = await bare.figures();
    return {
      cross_node_push_p99_vs_bare: ratio(r.push_p99_ms, b.push_p99_ms),
      floor_cross_push_p50_ms: r.push_p50_ms,
      floor_cross_push_p99_ms: r.push_p99_ms,
      floor_cross_bare_push_p50_ms: b.push_p50_ms,
      floor_cross_bare_push_p99_ms: b.push_p99_ms,
      floor_cross_ack_p99_ms: r.ack_p99_ms,
      floor_cross_bare_ack_p99_ms: b.ack_p99_ms,
      floor_cross_relay_cpu_pct: r.relay_cpu_pct,
      floor_cross_bare_relay_cpu_pct: b.relay_cpu_pct,
      floor_cross_events_failed: r.events_failed,
      floor_cross_pushes_missing: r.pushes_missing,
      floor_cross_bare_events_failed: b.events_failed,
      floor_cross_bare_pushes_missing: b.pushes_missing,
    };
  } finally {
    await real?.close();
    await bare?.close();
    await db.drop();
  }
}

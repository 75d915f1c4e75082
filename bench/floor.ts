/**
 * The relay against its floor: the same LiveLoad drives the real relay and bare-relay.ts (bare
 * Socket.IO: token, ack, one emit to the pack's room) in alternating slices, so that both face
 * the same moments of a shared, noisy machine. The ratio of the two is what the relay's own work
 * costs; the machine's state cancels out of it far better than out of either figure alone.
 */
import { randomBytes } from 'node:crypto';
import { LiveLoad, singleRelay, type LatencyRelays } from './latency.ts';
import { round, spawnRelayScript, type RelayChild } from './lib.ts';

export interface SliceOptions {
  ratePerS: number;
  /** Measured slices per rig, in the order A B B A A B … so that a steady drift cancels too. */
  slices: number;
  /** Unmeasured seconds for each rig before the first slice (JIT, caches, connections). */
  warmupS: number;
  /** Unmeasured seconds at the start of each slice, then sliceS measured. */
  sliceWarmupS: number;
  sliceS: number;
}

/** Drives two opened loads in turns; each one's figures then cover its measured slices only. */
export async function alternate(first: LiveLoad, second: LiveLoad, o: SliceOptions): Promise<void> {
  for (const rig of [first, second]) await rig.drive(o.ratePerS, o.warmupS, 0);
  for (let i = 0; i < o.slices; i++) {
    const order = i % 2 === 0 ? [first, second] : [second, first];
    for (const rig of order) await rig.drive(o.ratePerS, o.sliceWarmupS, o.sliceS);
  }
}

/** `nodes` bare relays sharing one token secret; with more than one, on the Redis adapter. */
export function bareRelays(nodes: 1 | 2, redis?: { url: string; namespace: string }) {
  return async (): Promise<LatencyRelays> => {
    const secret = randomBytes(16).toString('hex');
    const flags = redis ? ['--redis-url', redis.url, '--redis-namespace', redis.namespace] : [];
    const started: RelayChild[] = [];
    try {
      for (let i = 0; i < nodes; i++)
        started.push(
          await spawnRelayScript('bare-relay.ts', ['--secret', secret, '--node', String(i), ...flags]),
        );
    } catch (error) {
      await Promise.all(started.map((n) => n.stop()));
      throw error;
    }
    const one = started[0] as RelayChild;
    return {
      ownerUrl: one.url,
      partnerUrl: (started[1] ?? one).url,
      relay: one,
      stop: async () => void (await Promise.all(started.map((n) => n.stop()))),
    };
  };
}

/** real / bare, or null when either is missing or not a finite positive figure. */
export function ratio(real: unknown, bare: unknown): number | null {
  if (typeof real !== 'number' || typeof bare !== 'number') return null;
  if (!Number.isFinite(real) || !Number.isFinite(bare) || bare <= 0) return null;
  return round(real / bare, 2);
}

/** The figures two alternated rigs share in every floor phase, with the keys' suffix. */
export function compared(
  real: Record<string, unknown>,
  bare: Record<string, unknown>,
  suffix: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ['push_p50_ms', 'push_p99_ms', 'ack_p99_ms', 'relay_cpu_pct']) {
    out[`bare_${k}${suffix}`] = bare[k];
  }
  out[`bare_events_failed${suffix}`] = bare.events_failed;
  out[`bare_pushes_missing${suffix}`] = bare.pushes_missing;
  out[`push_p99_vs_bare${suffix}`] = ratio(real.push_p99_ms, bare.push_p99_ms);
  out[`cpu_vs_bare${suffix}`] = ratio(real.relay_cpu_pct, bare.relay_cpu_pct);
  return out;
}

export interface FloorOptions extends SliceOptions {
  clients: number;
}

/**
 * The standard load (the latency phase's clients and rate) on one real node and one bare node.
 * The real node's figures here are `floor_*`: the latency phase's own keys come from a run of
 * their own, minutes away, and must not be compared with the bare figure.
 */
export async function runFloor(o: FloorOptions): Promise<Record<string, unknown>> {
  let bare: LiveLoad | null = null;
  let real: LiveLoad | null = null;
  try {
    bare = await LiveLoad.open(o.clients, bareRelays(1));
    real = await LiveLoad.open(o.clients, singleRelay);
    await alternate(bare, real, o);
    const r = await real.figures();
    const b = await bare.figures();
    return {
      ...compared(r, b, ''),
      floor_push_p50_ms: r.push_p50_ms,
      floor_push_p99_ms: r.push_p99_ms,
      floor_ack_p99_ms: r.ack_p99_ms,
      floor_relay_cpu_pct: r.relay_cpu_pct,
      floor_events_failed: r.events_failed,
      floor_pushes_missing: r.pushes_missing,
      floor_measured_s_each: r.load_duration_s,
      floor_client_eventloop_delay_p99_ms: r.client_eventloop_delay_p99_ms,
    };
  } finally {
    await real?.close();
    await bare?.close();
  }
}

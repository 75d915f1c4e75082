/**
 * A whole sales floor on one node: `members` connected in packs of two, most of them idle
 * (held by bench/idle-clients.ts in processes of their own, so that the load generator's event
 * loop carries only the members that log), `active` of them logging at `ratePerS` in all. The
 * real relay and the bare one each hold the full floor at the same time and take turns carrying
 * the load (floor.ts), so both face the same machine. The generator's own event-loop delay is
 * reported beside the relay's, so that a slow generator is not blamed on the relay.
 */
import { LiveLoad, singleRelay, type LatencyRelays } from './latency.ts';
import { alternate, bareRelays, compared, type SliceOptions } from './floor.ts';
import { round, rssMb, scrapeMetric, sleep, spawnChild, type Child, type RelayChild } from './lib.ts';

export interface Floor10kOptions extends SliceOptions {
  /** Connected members on each relay, idle and active together. */
  members: number;
  /** Of them, the ones that log (LiveLoad's clients); all of them leaves no idle members. */
  active: number;
  /** Processes that hold the idle members. */
  idleProcesses: number;
  /** Quiet time after set-up before the idle memory is read. */
  settleMs: number;
}

interface Floor {
  relays: LatencyRelays;
  idle: number;
}

/** Adds the idle members to a started relay; stopping the result stops them, then the relay. */
async function withIdleMembers(relays: LatencyRelays, idle: number, processes: number): Promise<Floor> {
  const clients: Child<{ connected: number }>[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(clients.map((c) => c.stop()));
    await relays.stop();
  };
  try {
    const packs = Math.ceil(idle / 2 / processes);
    const spawned = await Promise.allSettled(
      Array.from({ length: processes }, (_, i) =>
        spawnChild<{ connected: number }>(
          'idle-clients.ts',
          [relays.relay.url, String(packs), String(100_000 + i * packs)],
          300_000,
        ),
      ),
    );
    for (const s of spawned) if (s.status === 'fulfilled') clients.push(s.value);
    const failed = spawned.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (error) {
    await stop();
    throw error;
  }
  const held = clients.reduce((n, c) => n + c.hello.connected, 0);
  return { relays: { ...relays, stop }, idle: held };
}

export async function runFloor10k(o: Floor10kOptions): Promise<Record<string, unknown>> {
  if (o.active % 2 !== 0 || o.active > o.members || (o.members - o.active) % 2 !== 0)
    throw new Error('active and idle members must be even (packs of two), active at most members');
  const idle = o.members - o.active;
  /** The bare relay, then the real one, with the idle members each holds. */
  const nodes: { relay: RelayChild; idle: number }[] = [];
  const open = (start: () => Promise<LatencyRelays>) =>
    LiveLoad.open(o.active, async () => {
      const relays = await start();
      const floor = idle > 0 ? await withIdleMembers(relays, idle, o.idleProcesses) : { relays, idle: 0 };
      nodes.push({ relay: floor.relays.relay, idle: floor.idle });
      return floor.relays;
    });
  let bare: LiveLoad | null = null;
  let real: LiveLoad | null = null;
  try {
    const t0 = performance.now();
    bare = await open(bareRelays(1));
    real = await open(singleRelay);
    const setupS = (performance.now() - t0) / 1000;
    const [bareNode, realNode] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    await sleep(o.settleMs);
    const idleRss = rssMb(realNode.relay.pid);
    const connected = await scrapeMetric(realNode.relay.url, 'wolfpack_connected_sockets');
    const expected = realNode.idle + o.active;
    if (connected !== expected) throw new Error(`relay sees ${connected} sockets, clients hold ${expected}`);

    // BENCH_CPU_PROFILE=1: both relays profile the measured slices only (cpu-sampling.ts).
    const profiling = process.env.BENCH_CPU_PROFILE === '1';
    const signal = (): void => {
      for (const n of nodes) process.kill(n.relay.pid, 'SIGUSR2');
    };
    if (profiling) signal();
    await alternate(bare, real, o);
    if (profiling) {
      signal();
      await sleep(3000);
    }
    const r = await real.figures();
    const b = await bare.figures();
    return {
      push_p99_ms_10k: r.push_p99_ms,
      ack_p99_ms_10k: r.ack_p99_ms,
      ...compared(r, b, '_10k'),
      push_p50_ms_10k: r.push_p50_ms,
      ack_p50_ms_10k: r.ack_p50_ms,
      relay_cpu_pct_10k: r.relay_cpu_pct,
      relay_eventloop_lag_max_ms_10k: r.relay_eventloop_lag_max_ms,
      relay_lag_max_by_second_ms_10k: r.relay_lag_max_by_second_ms,
      relay_gc_ms_per_s_10k: r.relay_gc_ms_per_s,
      relay_gc_max_ms_10k: r.relay_gc_max_ms,
      relay_rss_mb_10k: round(rssMb(realNode.relay.pid), 1),
      bare_relay_eventloop_lag_max_ms_10k: b.relay_eventloop_lag_max_ms,
      bare_relay_rss_mb_10k: round(rssMb(bareNode.relay.pid), 1),
      idle_rss_mb_10000: round(idleRss, 1),
      events_per_s_10k: r.events_per_s,
      events_failed_10k: r.events_failed,
      pushes_missing_10k: r.pushes_missing,
      load_eventloop_delay_p99_ms_10k: r.client_eventloop_delay_p99_ms,
      bare_load_eventloop_delay_p99_ms_10k: b.client_eventloop_delay_p99_ms,
      floor_10k_members: connected,
      floor_10k_logging: o.active,
      floor_10k_measured_s_each: r.load_duration_s,
      floor_10k_setup_s: round(setupS, 1),
    };
  } finally {
    await real?.close();
    await bare?.close();
  }
}

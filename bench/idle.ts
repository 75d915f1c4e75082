/**
 * Memory of the relay process holding many idle, authenticated socket.io connections. The
 * clients live in child processes of their own; only the relay's VmRSS is read.
 */
import { join } from 'node:path';
import { round, rssMb, scrapeMetric, sleep, spawnChild, spawnRelay, tempDir, type Child } from './lib.ts';

export interface IdleOptions {
  connections: number;
  /** Client processes the connections are spread over. */
  processes: number;
  settleMs: number;
}

export async function runIdle(o: IdleOptions): Promise<Record<string, unknown>> {
  const tmp = tempDir();
  const relay = await spawnRelay(join(tmp.dir, 'relay.sqlite'));
  const clients: Child<{ connected: number }>[] = [];
  try {
    await sleep(500);
    const baseline = rssMb(relay.pid);
    const started = performance.now();
    const packsPer = Math.ceil(o.connections / 2 / o.processes);
    const spawned = await Promise.allSettled(
      Array.from({ length: o.processes }, (_, i) =>
        spawnChild<{ connected: number }>(
          'idle-clients.ts',
          [relay.url, String(packsPer), String(i * packsPer)],
          180_000,
        ),
      ),
    );
    for (const s of spawned) if (s.status === 'fulfilled') clients.push(s.value);
    const failed = spawned.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    const setupS = (performance.now() - started) / 1000;
    const afterSetup = rssMb(relay.pid);
    // Idle means idle: let the setup's garbage be collected before reading.
    await sleep(o.settleMs);
    const rss = rssMb(relay.pid);
    const connected = (await scrapeMetric(relay.url, 'wolfpack_connected_sockets')) ?? NaN;
    const reported = clients.reduce((n, c) => n + c.hello.connected, 0);
    if (connected !== reported) throw new Error(`relay sees ${connected} sockets, clients hold ${reported}`);
    return {
      idle_rss_mb_2000: round(rss, 1),
      idle_connections: connected,
      idle_rss_baseline_mb: round(baseline, 1),
      idle_rss_after_setup_mb: round(afterSetup, 1),
      idle_kb_per_connection: round(((rss - baseline) * 1024) / connected, 1),
      idle_setup_s: round(setupS, 1),
    };
  } finally {
    await Promise.all(clients.map((c) => c.stop()));
    await relay.stop();
    tmp.remove();
  }
}

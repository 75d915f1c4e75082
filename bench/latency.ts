/**
 * Live load: N clients in N/2 packs of two, each pack with an active "most calls this week"
 * challenge, logging a fixed total rate of single-event activity:log requests (open loop: the
 * schedule does not wait for acks). Measures emit -> ack, and emit -> the partner's
 * standings (in its activity:stored push) for the same seq. The relays are a single SQLite node by default; the
 * scale-out phase passes two nodes on PostgreSQL and Redis, each pack's partner on the other one.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import type { Ack, ResponseMap } from '../core/protocol.ts';
import type { ActivityPush } from '../core/types.ts';
import { uuidv7 } from '../core/uuid.ts';
import {
  connect,
  cpuSeconds,
  createPair,
  createWeeklyChallenge,
  mapLimit,
  round,
  serverAckBuckets,
  sleep,
  spawnRelay,
  summarize,
  tempDir,
  type BenchSocket,
  type RelayChild,
} from './lib.ts';
import type { RelayStats } from './relay-stats.ts';

/** Where the pack owners and their partners connect; figures of the relay come from the first. */
export interface LatencyRelays {
  ownerUrl: string;
  partnerUrl: string;
  relay: RelayChild;
  stop(): Promise<void>;
}

export async function singleRelay(): Promise<LatencyRelays> {
  const tmp = tempDir();
  const relay = await spawnRelay(join(tmp.dir, 'relay.sqlite'));
  return {
    ownerUrl: relay.url,
    partnerUrl: relay.url,
    relay,
    stop: async () => {
      await relay.stop();
      tmp.remove();
    },
  };
}

export interface LatencyOptions {
  clients: number;
  ratePerS: number;
  warmupS: number;
  durationS: number;
}

interface Sent {
  t0: number;
  sender: number;
  /** Seconds into the measured time of all drives when sent; null while warming up. */
  at: number | null;
  ackAt?: number;
  seq?: number;
  error?: string;
}

/**
 * A set of relays with its packs set up and every client connected, ready to carry load. The
 * load comes in one or more drives; the figures cover the measured part of all of them, so that
 * two rigs driven in alternating slices face the same moments of a noisy machine.
 */
export class LiveLoad {
  readonly #relays: LatencyRelays;
  readonly #sockets: BenchSocket[];
  readonly #setupS: number;
  readonly #sent: Sent[] = [];
  /** Partner push arrival, keyed by receiving socket and seq. The push may beat the sender's ack. */
  readonly #pushAt = new Map<string, number>();
  readonly #loop = monitorEventLoopDelay({ resolution: 5 });
  /** Measured windows (Unix ms), for the relay's own figures. */
  readonly #windows: { from: number; to: number }[] = [];
  #cpuS = 0;
  #drivenS = 0;
  #measuredS = 0;
  #rate = 0;

  private constructor(relays: LatencyRelays, sockets: BenchSocket[], setupS: number) {
    this.#relays = relays;
    this.#sockets = sockets;
    this.#setupS = setupS;
    sockets.forEach((s, i) =>
      s.on('activity:stored', (push: ActivityPush) => {
        for (const u of push.standings) {
          const key = `${i}:${u.seq}`;
          if (!this.#pushAt.has(key)) this.#pushAt.set(key, performance.now());
        }
      }),
    );
  }

  /** `clients` / 2 packs of two, each with an active "most calls this week" challenge. */
  static async open(clients: number, startRelays: () => Promise<LatencyRelays>): Promise<LiveLoad> {
    const relays = await startRelays();
    const sockets: BenchSocket[] = [];
    try {
      const setupStart = performance.now();
      const pairs = await mapLimit(
        Array.from({ length: clients / 2 }, (_, i) => i),
        8,
        (i) => createPair(relays.relay.url, i),
      );
      const connected = await mapLimit(pairs, 8, async (p) =>
        Promise.all([connect(relays.ownerUrl, p.owner.token), connect(relays.partnerUrl, p.partner.token)]),
      );
      for (const [a, b] of connected) sockets.push(a, b);
      const challenges = await mapLimit(connected, 8, ([owner]) => createWeeklyChallenge(owner));
      const notActive = challenges.filter((c) => c.status !== 'active').length;
      if (notActive > 0) throw new Error(`${notActive} challenges are not active`);
      return new LiveLoad(relays, sockets, (performance.now() - setupStart) / 1000);
    } catch (error) {
      for (const s of sockets) s.close();
      await relays.stop();
      throw error;
    }
  }

  /**
   * Single-event logs at `ratePerS` in all, round robin over the clients, open loop (the schedule
   * does not wait for acks): `warmupS` unmeasured, then `durationS` measured. Returns once the
   * last acks have arrived (or 30 s have passed).
   */
  async drive(ratePerS: number, warmupS: number, durationS: number): Promise<void> {
    const relay = this.#relays.relay;
    const sent = this.#sent;
    const first = sent.length;
    const cpu0 = cpuSeconds(relay.pid);
    const start = performance.now();
    const wallFrom = Date.now() + warmupS * 1000;
    const measureFrom = start + warmupS * 1000;
    const end = measureFrom + durationS * 1000;
    this.#loop.enable();
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const now = performance.now();
        const due =
          first + Math.min(Math.floor(((now - start) / 1000) * ratePerS), ratePerS * (warmupS + durationS));
        while (sent.length < due) {
          emitOne(
            this.#sockets,
            sent,
            sent.length % this.#sockets.length,
            now >= measureFrom ? this.#measuredS + (now - measureFrom) / 1000 : null,
          );
        }
        if (now >= end) {
          clearInterval(timer);
          resolve();
        }
      }, 2);
    });
    this.#cpuS += cpuSeconds(relay.pid) - cpu0;
    this.#loop.disable();
    this.#drivenS += (end - start) / 1000;
    this.#measuredS += durationS;
    if (durationS > 0) this.#windows.push({ from: wallFrom, to: wallFrom + durationS * 1000 });
    this.#rate = ratePerS;
    // Let the last acks and pushes arrive (bounded; the relay may be seconds behind).
    for (let waited = 0; waited < 30_000 && sent.some((s) => s.ackAt === undefined); waited += 50)
      await sleep(50);
    await sleep(200);
  }

  async figures(): Promise<Record<string, unknown>> {
    const relay = this.#relays.relay;
    const pushAt = this.#pushAt;
    const measured = this.#sent.filter((s) => s.at !== null);
    const acked = measured.filter((s) => s.seq !== undefined && s.ackAt !== undefined);
    // An event never acknowledged, or a push never received, counts as infinitely late (JSON
    // null): a lost message must not make the percentiles look better.
    const lost = measured.length - acked.length;
    const ack = summarize([
      ...acked.map((s) => (s.ackAt as number) - s.t0),
      ...Array<number>(lost).fill(Infinity),
    ]);
    const pushes: number[] = Array<number>(lost).fill(Infinity);
    let missingPushes = 0;
    for (const s of acked) {
      const at = pushAt.get(`${s.sender ^ 1}:${s.seq}`);
      if (at === undefined) missingPushes++;
      pushes.push(at === undefined ? Infinity : at - s.t0);
    }
    const push = summarize(pushes);
    // The same push to the sender itself (its own node): splits a cross-node push into the
    // sender's node and the hop to the partner's node.
    const own = summarize(
      acked.map((s) => {
        const at = pushAt.get(`${s.sender}:${s.seq}`);
        return at === undefined ? Infinity : at - s.t0;
      }),
    );
    // Per-second p99 of the measured time: a queue that builds up looks different from spikes.
    const bySecond: number[][] = Array.from({ length: Math.ceil(this.#measuredS) }, () => []);
    for (const s of acked) bySecond[Math.floor(s.at as number)]?.push((s.ackAt as number) - s.t0);
    const stats = this.#windows.flatMap((w) => relay.stats(w.from, w.to));
    return {
      ack_p50_ms: round(ack.p50),
      ack_p95_ms: round(ack.p95),
      ack_p99_ms: round(ack.p99),
      ack_max_ms: round(ack.max),
      push_p50_ms: round(push.p50),
      push_p95_ms: round(push.p95),
      push_p99_ms: round(push.p99),
      push_max_ms: round(push.max),
      own_push_p50_ms: round(own.p50),
      own_push_p99_ms: round(own.p99),
      events_per_s: round(acked.length / this.#measuredS, 1),
      events_sent: measured.length,
      events_failed: lost,
      pushes_missing: missingPushes,
      load_clients: this.#sockets.length,
      load_packs: this.#sockets.length / 2,
      load_target_rate_per_s: this.#rate,
      load_duration_s: this.#measuredS,
      setup_s: round(this.#setupS, 1),
      relay_cpu_pct: round((this.#cpuS / this.#drivenS) * 100, 1),
      ...relayLoop(stats),
      ack_p99_by_second_ms: bySecond.map((xs) => round(summarize(xs).p99, 1)),
      relay_ack_buckets: await serverAckBuckets(relay.url),
      client_eventloop_delay_p99_ms: round(this.#loop.percentile(99) / 1e6),
    };
  }

  async close(): Promise<void> {
    for (const s of this.#sockets) s.close();
    await this.#relays.stop();
  }
}

export async function runLatency(
  o: LatencyOptions,
  startRelays: () => Promise<LatencyRelays> = singleRelay,
): Promise<Record<string, unknown>> {
  const load = await LiveLoad.open(o.clients, startRelays);
  try {
    await load.drive(o.ratePerS, o.warmupS, o.durationS);
    return await load.figures();
  } finally {
    await load.close();
  }
}

/** The relay's own view of the measured window: how busy its event loop was, second by second. */
function relayLoop(stats: RelayStats[]): Record<string, unknown> {
  const sum = (f: (s: RelayStats) => number | undefined): number =>
    stats.reduce((n, s) => n + (f(s) ?? 0), 0);
  const out: Record<string, unknown> = {
    relay_elu_mean: round(sum((s) => s.elu) / Math.max(1, stats.length)),
    relay_elu_by_second: stats.map((s) => s.elu),
    relay_eventloop_lag_max_ms: Math.max(0, ...stats.map((s) => s.lagMaxMs)),
    relay_lag_max_by_second_ms: stats.map((s) => s.lagMaxMs),
    relay_gc_max_ms: Math.max(0, ...stats.map((s) => s.gcMaxMs)),
    relay_gc_max_by_second_ms: stats.map((s) => s.gcMaxMs),
    /** Share of the relay's time in garbage collection pauses, ms per second. */
    relay_gc_ms_per_s: round(sum((s) => s.gcMs) / Math.max(1, stats.length), 1),
    relay_heap_mb_by_second: stats.map((s) => s.heapMb),
  };
  if (stats.some((s) => s.commits !== undefined)) {
    const seconds = Math.max(1, stats.length);
    Object.assign(out, {
      profile_sql_ms_per_s: round(sum((s) => s.sqlMs) / seconds, 1),
      profile_commit_ms_per_s: round(sum((s) => s.commitMs) / seconds, 1),
      profile_commit_mean_ms: round(
        sum((s) => s.commitMs) /
          Math.max(
            1,
            sum((s) => s.commits),
          ),
        3,
      ),
      profile_commit_max_ms: Math.max(0, ...stats.map((s) => s.commitMaxMs ?? 0)),
      profile_commit_max_by_second_ms: stats.map((s) => s.commitMaxMs ?? 0),
    });
  }
  return out;
}

function emitOne(sockets: BenchSocket[], sent: Sent[], sender: number, at: number | null): void {
  const socket = sockets[sender] as BenchSocket;
  const record: Sent = { t0: performance.now(), sender, at };
  sent.push(record);
  const event = { id: uuidv7(), type: 'log' as const, metric: 'call', count: 1, occurredAt: Date.now() };
  socket.emit('activity:log', { events: [event] }, (res: Ack<ResponseMap['activity:log']>) => {
    record.ackAt = performance.now();
    const outcome = res.ok ? res.outcomes[0] : undefined;
    if (outcome?.status === 'accepted') record.seq = outcome.seq;
    else record.error = res.ok ? JSON.stringify(outcome) : res.error.code;
  });
}

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

async function singleRelay(): Promise<LatencyRelays> {
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
  measured: boolean;
  ackAt?: number;
  seq?: number;
  error?: string;
}

export async function runLatency(
  o: LatencyOptions,
  startRelays: () => Promise<LatencyRelays> = singleRelay,
): Promise<Record<string, unknown>> {
  const relays = await startRelays();
  const relay = relays.relay;
  const sockets: BenchSocket[] = [];
  try {
    const packs = o.clients / 2;
    const setupStart = performance.now();
    const pairs = await mapLimit(
      Array.from({ length: packs }, (_, i) => i),
      8,
      (i) => createPair(relay.url, i),
    );
    const connected = await mapLimit(pairs, 8, async (p) =>
      Promise.all([connect(relays.ownerUrl, p.owner.token), connect(relays.partnerUrl, p.partner.token)]),
    );
    for (const [a, b] of connected) sockets.push(a, b);
    const challenges = await mapLimit(connected, 8, ([owner]) => createWeeklyChallenge(owner));
    const notActive = challenges.filter((c) => c.status !== 'active').length;
    if (notActive > 0) throw new Error(`${notActive} challenges are not active`);
    const setupS = (performance.now() - setupStart) / 1000;

    // Partner push arrival, keyed by receiving socket and seq. The push may beat the sender's ack.
    const pushAt = new Map<string, number>();
    sockets.forEach((s, i) =>
      s.on('activity:stored', (push: ActivityPush) => {
        for (const u of push.standings) {
          const key = `${i}:${u.seq}`;
          if (!pushAt.has(key)) pushAt.set(key, performance.now());
        }
      }),
    );

    const sent: Sent[] = [];
    const loop = monitorEventLoopDelay({ resolution: 5 });
    const cpu0 = cpuSeconds(relay.pid);
    const start = performance.now();
    const wallFrom = Date.now() + o.warmupS * 1000;
    const measureFrom = start + o.warmupS * 1000;
    const end = measureFrom + o.durationS * 1000;
    loop.enable();
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const now = performance.now();
        const due = Math.min(
          Math.floor(((now - start) / 1000) * o.ratePerS),
          o.ratePerS * (o.warmupS + o.durationS),
        );
        while (sent.length < due) emitOne(sockets, sent, sent.length % sockets.length, now >= measureFrom);
        if (now >= end) {
          clearInterval(timer);
          resolve();
        }
      }, 2);
    });
    const cpu1 = cpuSeconds(relay.pid);
    loop.disable();
    // Let the last acks and pushes arrive (bounded; the relay may be seconds behind).
    for (let waited = 0; waited < 30_000 && sent.some((s) => s.ackAt === undefined); waited += 50)
      await sleep(50);
    await sleep(200);

    const measured = sent.filter((s) => s.measured);
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
    // Per-second p99 of the measured window: a queue that builds up looks different from spikes.
    const bySecond: number[][] = Array.from({ length: o.durationS }, () => []);
    for (const s of acked)
      bySecond[Math.floor((s.t0 - measureFrom) / 1000)]?.push((s.ackAt as number) - s.t0);
    const windowS = (Math.max(...acked.map((s) => s.ackAt as number)) - measureFrom) / 1000;
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
      events_per_s: round(acked.length / windowS, 1),
      events_sent: measured.length,
      events_failed: lost,
      pushes_missing: missingPushes,
      load_clients: sockets.length,
      load_packs: packs,
      load_target_rate_per_s: o.ratePerS,
      load_duration_s: o.durationS,
      setup_s: round(setupS, 1),
      relay_cpu_pct: round(((cpu1 - cpu0) / ((end - start) / 1000)) * 100, 1),
      ...relayLoop(relay.stats(wallFrom, wallFrom + o.durationS * 1000)),
      ack_p99_by_second_ms: bySecond.map((xs) => round(summarize(xs).p99, 1)),
      relay_ack_buckets: await serverAckBuckets(relay.url),
      client_eventloop_delay_p99_ms: round(loop.percentile(99) / 1e6),
    };
  } finally {
    for (const s of sockets) s.close();
    await relays.stop();
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

function emitOne(sockets: BenchSocket[], sent: Sent[], sender: number, measured: boolean): void {
  const socket = sockets[sender] as BenchSocket;
  const record: Sent = { t0: performance.now(), sender, measured };
  sent.push(record);
  const event = { id: uuidv7(), type: 'log' as const, metric: 'call', count: 1, occurredAt: Date.now() };
  socket.emit('activity:log', { events: [event] }, (res: Ack<ResponseMap['activity:log']>) => {
    record.ackAt = performance.now();
    const outcome = res.ok ? res.outcomes[0] : undefined;
    if (outcome?.status === 'accepted') record.seq = outcome.seq;
    else record.error = res.ok ? JSON.stringify(outcome) : res.error.code;
  });
}

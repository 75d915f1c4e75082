/**
 * Scale-out figures, on the PostgreSQL and Redis of this machine (WOLFPACK_BENCH_DATABASE_URL,
 * WOLFPACK_BENCH_REDIS_URL): the live load of the latency phase with every partner on another
 * relay node, measured in turns with a single node under the same load, and how many logs a
 * second one node acknowledges on PostgreSQL. Each run works in a schema of its own, dropped
 * afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Ack, ResponseMap } from '../core/protocol.ts';
import { uuidv7 } from '../core/uuid.ts';
import { LiveLoad, singleRelay, type LatencyRelays } from './latency.ts';
import {
  connect,
  cpuSeconds,
  createPair,
  createWeeklyChallenge,
  mapLimit,
  round,
  sleep,
  spawnRelay,
  summarize,
  type BenchSocket,
  type RelayChild,
} from './lib.ts';

const DATABASE_URL = process.env.WOLFPACK_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.WOLFPACK_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Services {
  flags: string[];
  drop(): Promise<void>;
}

/** A fresh schema (and Redis namespace) for one phase. */
export async function services(redis: boolean): Promise<Services> {
  const name = `wp_bench_${Math.floor(Date.now() / 1000)}_${randomBytes(3).toString('hex')}`;
  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3000 });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create schema ${name}`).catch((error: unknown) => {
    throw new Error(`no PostgreSQL at ${DATABASE_URL}: ${(error as Error).message}`);
  });
  const url = new URL(DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${name}`);
  const flags = ['--database-url', url.toString()];
  if (redis) flags.push('--redis-url', REDIS_URL, '--redis-namespace', name);
  return { flags, drop: () => admin(`drop schema if exists ${name} cascade`) };
}

export interface CrossNodeOptions {
  clients: number;
  ratePerS: number;
  /** Measured slices per rig; the two rigs take turns, A B B A A B …. */
  slices: number;
  /** Unmeasured seconds for each rig before the first slice (caches, JIT, connections). */
  warmupS: number;
  /** Unmeasured seconds at the start of each slice, then sliceS measured. */
  sliceWarmupS: number;
  sliceS: number;
}

/** Two real nodes on one database and Redis: pack owners on the first, their partners on the second. */
export async function twoNodes(flags: string[]): Promise<LatencyRelays> {
  const nodes: RelayChild[] = [];
  try {
    // One at a time: both would migrate the fresh schema (they take turns on a lock anyway).
    for (let i = 0; i < 2; i++) nodes.push(await spawnRelay(':memory:', flags));
  } catch (error) {
    await Promise.all(nodes.map((n) => n.stop()));
    throw error;
  }
  const [one, two] = nodes as [RelayChild, RelayChild];
  return {
    ownerUrl: one.url,
    partnerUrl: two.url,
    relay: one,
    stop: async () => void (await Promise.all(nodes.map((n) => n.stop()))),
  };
}

/**
 * Two nodes on one database and Redis (owners on the first, their partners on the second), and
 * beside them a single node on SQLite with the same packs and load. The two take turns in short
 * slices, so that the single-node figure the cross-node one is compared with comes from the same
 * moments of the machine; figures from phases a minute apart differed by up to 3 times here.
 */
export async function runCrossNode(o: CrossNodeOptions): Promise<Record<string, unknown>> {
  const db = await services(true);
  let single: LiveLoad | null = null;
  let cross: LiveLoad | null = null;
  try {
    single = await LiveLoad.open(o.clients, singleRelay);
    cross = await LiveLoad.open(o.clients, () => twoNodes(db.flags));
    for (const rig of [single, cross]) await rig.drive(o.ratePerS, o.warmupS, 0);
    for (let i = 0; i < o.slices; i++) {
      const order = i % 2 === 0 ? [single, cross] : [cross, single];
      for (const rig of order) await rig.drive(o.ratePerS, o.sliceWarmupS, o.sliceS);
    }
    const figures = await cross.figures();
    const alongside = await single.figures();
    const keep = [
      'push_p50_ms',
      'push_p95_ms',
      'push_p99_ms',
      'push_max_ms',
      'own_push_p50_ms',
      'own_push_p99_ms',
      'ack_p50_ms',
      'ack_p99_ms',
      'relay_gc_max_by_second_ms',
      'relay_elu_mean',
      'relay_cpu_pct',
    ];
    return {
      ...Object.fromEntries(keep.map((k) => [`cross_node_${k}`, figures[k]])),
      cross_node_events_per_s: figures.events_per_s,
      cross_node_events_failed: figures.events_failed,
      cross_node_pushes_missing: figures.pushes_missing,
      cross_node_ack_p99_by_second_ms: figures.ack_p99_by_second_ms,
      cross_node_relay_lag_max_by_second_ms: figures.relay_lag_max_by_second_ms,
      cross_node_single_push_p50_ms: alongside.push_p50_ms,
      cross_node_single_push_p99_ms: alongside.push_p99_ms,
      cross_node_single_events_failed: alongside.events_failed,
      cross_node_single_pushes_missing: alongside.pushes_missing,
    };
  } finally {
    await cross?.close();
    await single?.close();
    await db.drop();
  }
}

export interface PgIngestOptions {
  /** Packs of two; both members log, each with one request in flight at a time. */
  packs: number;
  warmupS: number;
  durationS: number;
}

/**
 * Closed loop against one node on PostgreSQL: every client sends its next single-event log as
 * soon as the previous one is acknowledged. Each pack has an active challenge, so every log also
 * moves a tally, as in real use. Counts the logs acknowledged as accepted in the measured window.
 */
export async function runPgIngest(o: PgIngestOptions): Promise<Record<string, unknown>> {
  const db = await services(false);
  let relay: RelayChild | null = null;
  const sockets: BenchSocket[] = [];
  try {
    relay = await spawnRelay(':memory:', db.flags);
    const url = relay.url;
    const pairs = await mapLimit(
      Array.from({ length: o.packs }, (_, i) => i),
      8,
      (i) => createPair(url, i),
    );
    for (const p of pairs)
      sockets.push(await connect(url, p.owner.token), await connect(url, p.partner.token));
    await mapLimit(
      sockets.filter((_, i) => i % 2 === 0),
      8,
      (s) => createWeeklyChallenge(s),
    );

    const start = performance.now();
    const from = start + o.warmupS * 1000;
    const until = from + o.durationS * 1000;
    const latencies: number[] = [];
    let failed = 0;
    let cpu0 = 0;
    const measuring = setTimeout(() => (cpu0 = cpuSeconds(relay?.pid ?? 0)), o.warmupS * 1000);
    const client = async (socket: BenchSocket): Promise<void> => {
      while (performance.now() < until) {
        const event = {
          id: uuidv7(),
          type: 'log' as const,
          metric: 'call',
          count: 1,
          occurredAt: Date.now(),
        };
        const t0 = performance.now();
        const res = (await socket
          .timeout(30_000)
          .emitWithAck('activity:log', { events: [event] })
          .catch(() => null)) as Ack<ResponseMap['activity:log']> | null;
        const t1 = performance.now();
        if (t0 < from || t1 > until) continue;
        if (res?.ok && res.outcomes[0]?.status === 'accepted') latencies.push(t1 - t0);
        else failed++;
      }
    };
    await Promise.all(sockets.map(client));
    clearTimeout(measuring);
    const cpu = cpuSeconds(relay.pid) - cpu0;
    await sleep(100);
    const ack = summarize(latencies);
    return {
      pg_ingest_events_per_s: round(latencies.length / o.durationS, 0),
      pg_ingest_ack_p50_ms: round(ack.p50),
      pg_ingest_ack_p99_ms: round(ack.p99),
      pg_ingest_failed: failed,
      pg_ingest_clients: sockets.length,
      pg_ingest_relay_cpu_pct: round((cpu / ((performance.now() - from) / 1000)) * 100, 1),
    };
  } finally {
    for (const s of sockets) s.close();
    await relay?.stop();
    await db.drop();
  }
}

/**
 * Does logging one event cost the same with a million events stored as with a thousand?
 * Two relays (child processes) run side by side on a small and a large SQLite file; one client
 * alternates sequential single-event logs between them, so disk and CPU noise hit both alike.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Ack, ResponseMap } from '../core/protocol.ts';
import { uuidv7 } from '../core/uuid.ts';
import {
  connect,
  createPair,
  createWeeklyChallenge,
  mapLimit,
  round,
  spawnRelay,
  summarize,
  tempDir,
  type BenchSocket,
  type RelayChild,
} from './lib.ts';
import { seedEvents, type SeedMember } from './seed.ts';

export interface IngestOptions {
  small: number;
  large: number;
  /** Measured logs per size (after warm-up). */
  logs: number;
  warmup: number;
  packs: number;
}

interface Side {
  label: string;
  dbPath: string;
  relay: RelayChild;
  sockets: BenchSocket[];
  samples: number[];
  seedS: number;
}

async function prepare(label: string, dir: string, events: number, packs: number): Promise<Side> {
  const dbPath = join(dir, `${label}.sqlite`);
  // Packs and members come from the real relay (tokens are hashed there); history is seeded directly.
  const first = await spawnRelay(dbPath);
  const pairs = await mapLimit(
    Array.from({ length: packs }, (_, i) => i),
    4,
    (i) => createPair(first.url, i),
  );
  await first.stop();
  const members: SeedMember[] = pairs.flatMap((p) => [
    { packId: p.owner.pack.id, memberId: p.owner.member.id },
    { packId: p.partner.pack.id, memberId: p.partner.member.id },
  ]);
  const { seconds } = seedEvents(dbPath, members, events);
  const relay = await spawnRelay(dbPath);
  const measured = pairs[0];
  if (!measured) throw new Error('no pack to measure');
  const sockets = await Promise.all([
    connect(relay.url, measured.owner.token),
    connect(relay.url, measured.partner.token),
  ]);
  // Made after seeding, so the relay counts this week's seeded calls into the tallies itself.
  await createWeeklyChallenge(sockets[0] as BenchSocket);
  return { label, dbPath, relay, sockets, samples: [], seedS: seconds };
}

async function logOnce(side: Side): Promise<number> {
  const socket = side.sockets[0] as BenchSocket;
  const event = { id: uuidv7(), type: 'log' as const, metric: 'call', count: 1, occurredAt: Date.now() };
  const t0 = performance.now();
  const res = (await socket.timeout(10_000).emitWithAck('activity:log', { events: [event] })) as Ack<
    ResponseMap['activity:log']
  >;
  const ms = performance.now() - t0;
  if (!res.ok || res.outcomes[0]?.status !== 'accepted') {
    throw new Error(`${side.label}: log not accepted: ${JSON.stringify(res)}`);
  }
  return ms;
}

export async function runIngest(o: IngestOptions): Promise<Record<string, unknown>> {
  const tmp = tempDir();
  const sides: Side[] = [];
  try {
    sides.push(await prepare('small', tmp.dir, o.small, o.packs));
    sides.push(await prepare('large', tmp.dir, o.large, o.packs));
    const [small, large] = sides as [Side, Side];
    for (let i = 0; i < o.warmup + o.logs; i++) {
      // Alternate which side goes first, so neither always follows the other's fsync.
      const order = i % 2 === 0 ? [small, large] : [large, small];
      for (const side of order) {
        const ms = await logOnce(side);
        if (i >= o.warmup) side.samples.push(ms);
      }
    }
    const s = summarize(small.samples);
    const l = summarize(large.samples);
    const mb = (p: string): number => round(statSync(p).size / 2 ** 20, 1);
    return {
      ingest_p99_ratio_1m_vs_1k: round(l.p99 / s.p99),
      ingest_p50_ratio_1m_vs_1k: round(l.p50 / s.p50),
      ingest_1k_p50_ms: round(s.p50, 3),
      ingest_1k_p99_ms: round(s.p99, 3),
      ingest_1m_p50_ms: round(l.p50, 3),
      ingest_1m_p99_ms: round(l.p99, 3),
      ingest_logs_per_size: o.logs,
      ingest_events_small: o.small,
      ingest_events_large: o.large,
      ingest_db_mb_small: mb(small.dbPath),
      ingest_db_mb_large: mb(large.dbPath),
      ingest_seed_large_s: round(large.seedS, 1),
    };
  } finally {
    for (const side of sides) {
      for (const s of side.sockets) s.close();
      await side.relay.stop();
    }
    tmp.remove();
  }
}

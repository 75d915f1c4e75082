import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { io, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  type Ack,
  type ClientToServerEvents,
  type JoinResponse,
  type ResponseMap,
  type ServerToClientEvents,
} from '../core/protocol.ts';
import type { ChallengeView } from '../core/types.ts';
import type { RelayStats } from './relay-stats.ts';

export type BenchSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const NODE = join(import.meta.dirname, '..', 'node_modules', '.bin', 'node');

export interface Child<T> {
  child: ChildProcess;
  pid: number;
  /** The first JSON line the child printed. */
  hello: T;
  /** Every later line, as printed. */
  lines: string[];
  stop(): Promise<void>;
}

/**
 * Spawns `node bench/<script>` and waits for its first stdout line (JSON). The child's stdin is a
 * pipe that is never written: when this process dies, the child sees EOF and stops by itself.
 */
export function spawnChild<T>(script: string, args: string[], timeoutMs = 120_000): Promise<Child<T>> {
  // BENCH_NODE_FLAGS='--cpu-prof --trace-gc': Node/V8 flags for the children (the relay under test).
  const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawn(NODE, [...flags, join(import.meta.dirname, script), ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${script} did not start within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited early with code ${code}`));
    });
    if (!child.stdout) throw new Error('no stdout pipe');
    const lines = createInterface({ input: child.stdout });
    const later: string[] = [];
    let first = true;
    lines.on('line', (line) => {
      // Lines that are not JSON objects (V8 tracing under BENCH_NODE_FLAGS) are kept, not parsed.
      if (!first || !line.startsWith('{')) return void later.push(line);
      first = false;
      clearTimeout(timer);
      resolve({ child, pid: child.pid ?? 0, hello: JSON.parse(line) as T, lines: later, stop });
    });
  });
}

export type RelayChild = Child<{ url: string; pid: number }> & {
  url: string;
  /** The relay's once-a-second event-loop figures between two Unix ms instants. */
  stats(from: number, to: number): RelayStats[];
};

/** `flags`: e.g. ['--database-url', URL, '--redis-url', URL] for a node of a scaled-out relay. */
export function spawnRelay(dbPath: string, flags: string[] = []): Promise<RelayChild> {
  return spawnRelayScript('relay-process.ts', [dbPath, ...flags]);
}

/** A relay of bench/ (the real one, or bare-relay.ts) that prints its url, then relay-stats lines. */
export async function spawnRelayScript(script: string, args: string[]): Promise<RelayChild> {
  const c = await spawnChild<{ url: string; pid: number }>(script, args);
  const stats = (from: number, to: number): RelayStats[] =>
    c.lines
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as RelayStats)
      .filter((s) => s.t > from && s.t <= to);
  return { ...c, url: c.hello.url, stats };
}

export function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'wolfpack-bench-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A JSON POST to the relay; fails loudly on any other status than `status`. */
export async function post<T>(url: string, path: string, body: unknown, status: number): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as unknown;
  if (res.status !== status) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json as T;
}

export interface BenchPair {
  owner: JoinResponse & { inviteCode: string };
  partner: JoinResponse;
}

/** A pack of two over HTTP: the owner creates it, the partner joins with the invite code. */
export async function createPair(url: string, n: number): Promise<BenchPair> {
  const owner = await post<BenchPair['owner']>(
    url,
    '/api/packs',
    { name: `Bench ${n}`, timeZone: 'Europe/Berlin', displayName: 'Alex' },
    201,
  );
  const partner = await post<JoinResponse>(
    url,
    '/api/join',
    { inviteCode: owner.inviteCode, displayName: 'Sam' },
    200,
  );
  return { owner, partner };
}

export function connect(url: string, token: string): Promise<BenchSocket> {
  const socket: BenchSocket = io(url, {
    transports: ['websocket'],
    auth: { token, protocol: PROTOCOL_VERSION },
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** Creates the pack's "most calls this week" challenge; fails loudly unless the relay accepts it. */
export async function createWeeklyChallenge(socket: BenchSocket): Promise<ChallengeView> {
  const res = (await socket.timeout(30_000).emitWithAck('challenge:create', {
    metric: 'call',
    format: 'most',
    period: { kind: 'this-week' },
  })) as Ack<ResponseMap['challenge:create']>;
  if (!res.ok) throw new Error(`challenge:create failed: ${res.error.code} ${res.error.message}`);
  return res.challenge;
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>) {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles. */
export function summarize(values: number[]): Summary {
  const xs = [...values].sort((a, b) => a - b);
  const at = (p: number): number =>
    xs[Math.min(xs.length - 1, Math.max(0, Math.ceil(p * xs.length) - 1))] ?? 0;
  const mean = xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0;
  return { n: xs.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: xs.at(-1) ?? 0, mean };
}

export const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** Resident memory of a process, in MB (VmRSS from /proc). */
export function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** One labelled series from the relay's Prometheus text, e.g. its event-loop lag. */
export async function scrapeMetric(url: string, name: string): Promise<number | null> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : null;
}

/** Server-side ack latency of activity:log: share of requests answered within each bucket. */
export async function serverAckBuckets(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const m of text.matchAll(
    /^wolfpack_ack_latency_seconds_bucket\{le="([^"]+)",event="activity:log"\} (\d+)$/gm,
  )) {
    counts[`le_${m[1]}s`] = Number(m[2]);
  }
  return counts;
}

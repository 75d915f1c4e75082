import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('./relay-main.ts', import.meta.url));

export interface RelayProcess {
  url: string;
  child: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
}

export interface SpawnOptions {
  /** PostgreSQL instead of the SQLite file. */
  databaseUrl?: string;
  /** Fan-out and shared rate limits through Redis. */
  redisUrl?: string;
  /** "PER_SECOND:BURST"; default far above any test's load. */
  messageRate?: string;
  joinRate?: string;
  /** How long after Redis is back the relay spreads closing its sockets over. */
  resyncSpreadMs?: number;
  /** Keeps this test's channels and rate-limit keys apart from other tests'. */
  redisNamespace?: string;
  /** Redis commands that may wait for an answer on one connection. */
  redisCommandQueue?: number;
  /** How often the node looks for departed members and revoked boards. */
  revocationSweepMs?: number;
}

/** The relay in a process of its own, so a test can kill it with SIGKILL mid-stream. */
export function spawnRelay(
  dbPath: string,
  port: number,
  graceMs = 0,
  options: SpawnOptions = {},
): Promise<RelayProcess> {
  const flags = Object.entries({
    '--database-url': options.databaseUrl,
    '--redis-url': options.redisUrl,
    '--message-rate': options.messageRate,
    '--join-rate': options.joinRate,
    '--resync-spread-ms': options.resyncSpreadMs?.toString(),
    '--redis-namespace': options.redisNamespace,
    '--redis-command-queue': options.redisCommandQueue?.toString(),
    '--revocation-sweep-ms': options.revocationSweepMs?.toString(),
  }).flatMap(([flag, value]) => (value === undefined ? [] : [flag, value]));
  const child = spawn(process.execPath, [entry, dbPath, String(port), String(graceMs), ...flags], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY (\S+)/.exec(out);
      if (match?.[1]) resolve({ url: match[1], child, exited });
    });
    child.once('exit', (code) => reject(new Error(`relay process exited early with ${code}`)));
  });
}

/** The relay nodes of one test, all on one database (and Redis); stop() ends whatever is left. */
export class RelayGroup {
  readonly nodes: RelayProcess[] = [];
  readonly #options: SpawnOptions;

  constructor(options: SpawnOptions) {
    this.#options = options;
  }

  /** Starts `count` nodes at once, each on a free port. */
  async start(count = 1, options: SpawnOptions = {}): Promise<RelayProcess[]> {
    const started = await Promise.all(
      Array.from({ length: count }, () => spawnRelay(':memory:', 0, 0, { ...this.#options, ...options })),
    );
    this.nodes.push(...started);
    return started;
  }

  async kill(node: RelayProcess): Promise<void> {
    node.child.kill('SIGKILL');
    await node.exited;
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.splice(0).map((node) => this.kill(node)));
  }
}

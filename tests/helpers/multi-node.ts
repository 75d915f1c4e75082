import type { LogEvent } from '../../core/types.ts';
import { PG_URL, createSchema, pgUnavailable, type TestSchema } from './pg.ts';
import { RelayGroup, type SpawnOptions } from './relay-process.ts';
import { connect, connectBoard, logEvent, ok, request, type TestSocket } from './relay.ts';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Pushes of one event received by a socket, kept for counting. */
export function record<T>(socket: TestSocket, event: 'challenge:ended' | 'activity:stored'): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: unknown) => void seen.push(payload as T));
  return seen;
}

/** One unlabelled figure from a relay node's /metrics. */
export async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : NaN;
}

/** The sockets of one test, on whichever nodes; closeAll() after each test. */
export class Clients {
  readonly #open: TestSocket[] = [];

  async connect(url: string, token: string): Promise<TestSocket> {
    const socket = await connect(url, token);
    this.#open.push(socket);
    return socket;
  }

  async connectBoard(url: string, token: string): Promise<TestSocket> {
    const socket = await connectBoard(url, token);
    this.#open.push(socket);
    return socket;
  }

  closeAll(): void {
    for (const socket of this.#open.splice(0)) socket.close();
  }

  /**
   * A client that logs `total` events one at a time. When a request fails it moves to the next
   * node that answers and resends everything it has sent so far, acked or not, as a client with
   * a durable outbox that lost its acks would; then it goes on.
   */
  async stream(urls: string[], token: string, total: number, acked: Set<string>) {
    let at = 0;
    let socket = await this.connect(urls[at] as string, token);
    const sent: LogEvent[] = [];
    const outcomes: { id: string; status: string }[] = [];
    while (sent.length < total) {
      const event = logEvent();
      sent.push(event);
      const res = await request(socket, 'activity:log', { events: [event] }).catch(() => null);
      if (res?.ok) {
        acked.add(event.id);
        continue;
      }
      socket.close();
      for (let tries = 0; ; tries++) {
        at = (at + 1) % urls.length;
        try {
          socket = await this.connect(urls[at] as string, token);
          for (let i = 0; i < sent.length; i += 500) {
            const batch = await ok(socket, 'activity:log', { events: sent.slice(i, i + 500) });
            outcomes.push(...batch.outcomes);
            for (const o of batch.outcomes) if (o.status !== 'rejected') acked.add(o.id);
          }
          break;
        } catch (error) {
          if (tries > 20) throw error;
          await sleep(100);
        }
      }
    }
    return { sent, outcomes };
  }

  /** A member's count in a challenge, as a client catching up with session:resume sees it. */
  async standingOf(url: string, token: string, challengeId: string, memberId: string) {
    const socket = await this.connect(url, token);
    const snap = await ok(socket, 'session:resume', {});
    socket.close();
    const challenge = snap.challenges.find((c) => c.id === challengeId);
    return challenge?.standings.find((s) => s.memberId === memberId)?.count;
  }
}

/** Why the PostgreSQL suites of several nodes cannot run here, or null. */
export async function pgMissing(): Promise<string | null> {
  const why = await pgUnavailable();
  return why ? `no PostgreSQL at ${PG_URL}: ${why}` : null;
}

/**
 * The relay nodes of one test: a fresh schema, nodes started on it and on one Redis, and the
 * test's sockets. setUp() in beforeEach, tearDown() in afterEach.
 */
export class Cluster {
  readonly clients = new Clients();
  readonly #redisUrl: () => string;
  #schema: TestSchema | null = null;
  #group: RelayGroup | null = null;

  /** The Redis URL is asked for at setUp, so that a private server started in beforeAll fits. */
  constructor(redisUrl: () => string) {
    this.#redisUrl = redisUrl;
  }

  get schema(): TestSchema {
    if (!this.#schema) throw new Error('Cluster.setUp() first');
    return this.#schema;
  }

  get group(): RelayGroup {
    if (!this.#group) throw new Error('Cluster.setUp() first');
    return this.#group;
  }

  async setUp(): Promise<void> {
    this.#schema = await createSchema();
    this.#group = new RelayGroup({
      databaseUrl: this.#schema.url,
      redisUrl: this.#redisUrl(),
      redisNamespace: this.#schema.name,
      resyncSpreadMs: 200,
    });
  }

  async tearDown(): Promise<void> {
    this.clients.closeAll();
    await this.#group?.stop();
    await this.#schema?.drop();
    this.#group = null;
    this.#schema = null;
  }

  async nodes(count: number, options: SpawnOptions = {}): Promise<string[]> {
    return (await this.group.start(count, options)).map((n) => n.url);
  }

  connected(url: string, token: string): Promise<TestSocket> {
    return this.clients.connect(url, token);
  }

  async rowCount(sql: string, values: unknown[] = []): Promise<number> {
    const [row] = await this.schema.query<{ n: string }>(sql, values);
    return Number(row?.n);
  }
}

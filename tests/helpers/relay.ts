import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { uuidv7 } from '../../core/uuid.ts';
import {
  PROTOCOL_VERSION,
  type Ack,
  type ClientToServerEvents,
  type JoinResponse,
  type RequestName,
  type RequestOf,
  type ResponseMap,
  type ServerToClientEvents,
} from '../../core/protocol.ts';
import type { ActivityPush, FeedEntry, LogEvent, StandingsUpdate } from '../../core/types.ts';
import { startRelay, type Relay, type RelayOptions } from '../../server/relay.ts';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestRelay extends Relay {
  dir: string;
  dbPath: string;
}

/** A real relay on a free port with a fresh SQLite file in a temporary folder. */
export async function testRelay(options: RelayOptions = {}): Promise<TestRelay> {
  const dir = mkdtempSync(join(tmpdir(), 'wolfpack-relay-'));
  const dbPath = options.dbPath ?? join(dir, 'relay.sqlite');
  const relay = await startRelay({
    port: 0,
    logLevel: 'silent',
    graceMs: 0,
    joinRate: { perSecond: 1000, burst: 1000 },
    ...options,
    dbPath,
  });
  return { ...relay, dir, dbPath };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export async function post(
  url: string,
  path: string,
  body: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

export async function createPack(
  url: string,
  displayName = 'Alex',
  timeZone = 'Europe/Berlin',
): Promise<JoinResponse & { inviteCode: string }> {
  const { status, json } = await post(url, '/api/packs', { name: 'Pack', timeZone, displayName });
  if (status !== 201) throw new Error(`create failed: ${JSON.stringify(json)}`);
  return json as JoinResponse & { inviteCode: string };
}

export async function joinPack(url: string, inviteCode: string, displayName: string): Promise<JoinResponse> {
  const { status, json } = await post(url, '/api/join', { inviteCode, displayName });
  if (status !== 200) throw new Error(`join failed: ${JSON.stringify(json)}`);
  return json as JoinResponse;
}

/** A connected real socket.io client; rejects with the relay's refusal. */
export function connect(url: string, token: string, protocol = PROTOCOL_VERSION): Promise<TestSocket> {
  return connectWith(url, { token, protocol });
}

/** A floor board's read-only socket. */
export function connectBoard(url: string, token: string): Promise<TestSocket> {
  return connectWith(url, { board: token, protocol: PROTOCOL_VERSION });
}

function connectWith(url: string, auth: Record<string, unknown>): Promise<TestSocket> {
  const socket: TestSocket = io(url, {
    transports: ['websocket'],
    auth,
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

export async function request<N extends RequestName>(
  socket: TestSocket,
  name: N,
  body: RequestOf<N>,
): Promise<Ack<ResponseMap[N]>> {
  const emit = socket.timeout(10_000).emitWithAck as (
    event: string,
    payload: unknown,
  ) => Promise<Ack<ResponseMap[N]>>;
  return emit.call(socket, name, body);
}

/** Sends anything at all, as a hostile client would. */
export async function rawRequest(socket: TestSocket, name: string, body: unknown): Promise<unknown> {
  const emit = socket.timeout(10_000).emitWithAck as (event: string, payload: unknown) => Promise<unknown>;
  return emit.call(socket, name, body);
}

export async function ok<N extends RequestName>(
  socket: TestSocket,
  name: N,
  body: RequestOf<N>,
): Promise<ResponseMap[N]> {
  const res = await request(socket, name, body);
  if (!res.ok) throw new Error(`${name} failed: ${res.error.code} ${res.error.message}`);
  return res;
}

export function logEvent(metric = 'call', extra: Partial<LogEvent> = {}): LogEvent {
  return { id: uuidv7(), type: 'log', metric, count: 1, occurredAt: Date.now(), ...extra };
}

/** Resolves with the next push of this event that satisfies the predicate. */
export function nextPush<E extends keyof ServerToClientEvents>(
  socket: TestSocket,
  event: E,
  predicate: (...args: Parameters<ServerToClientEvents[E]>) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener as never);
      reject(new Error(`no ${event} push within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (...args: Parameters<ServerToClientEvents[E]>) => {
      if (!predicate(...args)) return;
      clearTimeout(timer);
      socket.off(event, listener as never);
      resolve(args[0]);
    };
    socket.on(event, listener as never);
  });
}

/** The next item of one list of the pack's activity:stored pushes that satisfies the predicate. */
async function nextStored<K extends keyof ActivityPush>(
  socket: TestSocket,
  list: K,
  predicate: (item: ActivityPush[K][number]) => boolean,
  timeoutMs?: number,
): Promise<ActivityPush[K][number]> {
  const items = (push: ActivityPush) => push[list] as ActivityPush[K][number][];
  const push = await nextPush(socket, 'activity:stored', (p) => items(p).some(predicate), timeoutMs);
  return items(push).find(predicate) as ActivityPush[K][number];
}

/** The next standings update of the pack's activity:stored pushes that satisfies the predicate. */
export const nextStandings = (
  socket: TestSocket,
  predicate: (update: StandingsUpdate) => boolean = () => true,
  timeoutMs?: number,
): Promise<StandingsUpdate> => nextStored(socket, 'standings', predicate, timeoutMs);

/** The next feed entry of the pack's activity:stored pushes that satisfies the predicate. */
export const nextFeedEntry = (
  socket: TestSocket,
  predicate: (entry: FeedEntry) => boolean = () => true,
  timeoutMs?: number,
): Promise<FeedEntry> => nextStored(socket, 'feed', predicate, timeoutMs);

/** Two partners in one pack, both connected. */
export async function pair(url: string) {
  const a = await createPack(url, 'Alex');
  const b = await joinPack(url, a.inviteCode, 'Sam');
  const sa = await connect(url, a.token);
  const sb = await connect(url, b.token);
  return { a, b, sa, sb };
}

/** A port nothing listens on right now (for a relay started later, or one that never answers). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

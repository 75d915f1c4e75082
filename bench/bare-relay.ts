/**
 * The floor: the least any relay must do for the live load, on the stack the real relay uses
 * (the same socket.io, websocket only, the same message size limit, Socket.IO's default of no
 * per-message compression). A token checked at the handshake, an acknowledgement per request,
 * and one emit to the pack's room per log; no storage, no validation beyond the shape the
 * acknowledgement needs, no metrics. The bench drives it with the same LiveLoad as the real
 * relay, so the gap between the two is the relay's own work.
 * Usage: node bench/bare-relay.ts --secret HEX [--node N] [--redis-url URL --redis-namespace NAME]
 * Prints `{"url": ..., "pid": ...}` once listening, then relay-stats lines; stops on SIGTERM,
 * SIGINT, or when its stdin closes (the bench that spawned it has gone).
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Server, type Socket } from 'socket.io';
import { LIMITS } from '../core/protocol.ts';
import { armCpuProfiling } from './cpu-sampling.ts';
import { reportStats } from './relay-stats.ts';

const { values } = parseArgs({
  options: {
    secret: { type: 'string' },
    node: { type: 'string', default: '0' },
    'redis-url': { type: 'string' },
    'redis-namespace': { type: 'string', default: 'wolfpack-bare' },
  },
});
const node = Number(values.node);
if (!values.secret || !Number.isInteger(node) || node < 0 || node > 15) {
  console.error('usage: node bench/bare-relay.ts --secret HEX [--node 0..15] [--redis-url URL]');
  process.exit(2);
}
const secret = values.secret;

// Tokens carry their member and pack, signed: two nodes sharing the secret accept each other's
// members without a shared store, as the real nodes do through their shared database.
const sign = (body: string): string => createHmac('sha256', secret).update(body).digest('base64url');
const issue = (memberId: string, packId: string): string => {
  const body = `${memberId}.${packId}`;
  return `${body}.${sign(body)}`;
};
function verify(token: unknown): { memberId: string; packId: string } | null {
  if (typeof token !== 'string') return null;
  const [memberId, packId, mac] = token.split('.');
  if (!memberId || !packId || !mac) return null;
  const want = Buffer.from(sign(`${memberId}.${packId}`));
  const got = Buffer.from(mac);
  return want.length === got.length && timingSafeEqual(want, got) ? { memberId, packId } : null;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

// Only what the bench's set-up calls: create a pack, join it (the invite code is the pack id),
// and the connected count the idle phase checks against what its clients hold.
async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === 'GET' && req.url === '/metrics') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    return void res.end(`wolfpack_connected_sockets ${io.of('/').sockets.size}\n`);
  }
  const body = req.method === 'POST' ? await readJson(req) : null;
  const displayName = typeof body?.displayName === 'string' ? body.displayName : null;
  if (req.url === '/api/packs' && body && displayName) {
    const pack = { id: randomUUID(), name: String(body.name ?? 'Pack') };
    const member = { id: randomUUID(), displayName };
    return send(res, 201, { pack, member, token: issue(member.id, pack.id), inviteCode: pack.id });
  }
  if (req.url === '/api/join' && body && displayName && typeof body.inviteCode === 'string') {
    const pack = { id: body.inviteCode, name: 'Pack' };
    const member = { id: randomUUID(), displayName };
    return send(res, 200, { pack, member, token: issue(member.id, pack.id) });
  }
  send(res, 400, { error: { code: 'invalid_payload', message: 'the bare relay answers only the bench' } });
}

interface Member {
  memberId: string;
  packId: string;
}
type Reply = (response: unknown) => void;

const http = createServer((req, res) => void answer(req, res));
const io = new Server(http, {
  transports: ['websocket'],
  maxHttpBufferSize: LIMITS.maxMessageBytes,
  serveClient: false,
});
if (values['redis-url']) {
  const { createAdapter } = await import('@socket.io/redis-adapter');
  const { createClient } = await import('redis');
  const pub = createClient({ url: values['redis-url'] });
  const sub = pub.duplicate();
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(pub, sub, { key: values['redis-namespace'] }));
}

io.use((socket, next) => {
  const member = verify((socket.handshake.auth as { token?: unknown }).token);
  if (!member) return next(Object.assign(new Error('bad token'), { data: { code: 'unauthorized' } }));
  socket.data = member;
  next();
});

// Seqs unique across nodes (the low bits are the node), as the real nodes' shared sequence is:
// the load matches each push to its log by seq.
let counter = 0;
const nextSeq = (): number => ++counter * 16 + node;

io.on('connection', (socket: Socket) => {
  const { memberId, packId } = socket.data as Member;
  const room = `pack:${packId}`;
  void socket.join(room);
  socket.on('challenge:create', (_request: unknown, reply: unknown) => {
    if (typeof reply !== 'function') return;
    (reply as Reply)({ ok: true, challenge: { id: randomUUID(), packId, status: 'active' } });
  });
  socket.on('activity:log', (request: { events?: unknown } | null, reply: unknown) => {
    if (typeof reply !== 'function') return;
    const events = request?.events;
    if (!Array.isArray(events) || events.length === 0) {
      return void (reply as Reply)({
        ok: false,
        error: { code: 'invalid_payload', message: 'events: expected a non-empty array' },
      });
    }
    const stored = (events as { id?: unknown }[]).map((e) => ({ ...e, memberId, seq: nextSeq() }));
    (reply as Reply)({
      ok: true,
      outcomes: stored.map((e) => ({ id: e.id, status: 'accepted', seq: e.seq })),
    });
    const last = stored.at(-1)?.seq ?? 0;
    io.to(room).emit('activity:stored', { standings: [{ memberId, seq: last }], feed: stored });
  });
});

await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
const { port } = http.address() as AddressInfo;
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}`, pid: process.pid })}\n`);
reportStats(false);
if (process.env.BENCH_CPU_PROFILE === '1') armCpuProfiling('bare');

let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(1), 5_000).unref();
  void io.close().then(() => process.exit(0));
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();

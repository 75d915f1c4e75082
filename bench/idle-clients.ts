/**
 * Holds idle, authenticated connections to a relay, in a process of its own so that their
 * memory is not counted as the relay's. Usage: node bench/idle-clients.ts URL PACKS FIRST_INDEX
 * Creates PACKS packs of two over HTTP, connects both members, prints `{"connected": N}` and
 * then idles until SIGTERM or until its stdin closes.
 */
import { connect, createPair, mapLimit, type BenchSocket } from './lib.ts';

const [url, packsArg, firstArg] = process.argv.slice(2);
const packs = Number(packsArg);
const first = Number(firstArg ?? 0);
if (!url || !Number.isInteger(packs) || packs < 1) {
  console.error('usage: node bench/idle-clients.ts URL PACKS FIRST_INDEX');
  process.exit(2);
}

const sockets: BenchSocket[] = [];
let disconnected = 0;
const pairs = await mapLimit(
  Array.from({ length: packs }, (_, i) => first + i),
  8,
  (n) => createPair(url, n),
);
const tokens = pairs.flatMap((p) => [p.owner.token, p.partner.token]);
await mapLimit(tokens, 16, async (token) => {
  const socket = await connect(url, token);
  socket.on('disconnect', () => disconnected++);
  sockets.push(socket);
});
process.stdout.write(`${JSON.stringify({ connected: sockets.length - disconnected })}\n`);

function stop(): void {
  for (const s of sockets) s.close();
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();

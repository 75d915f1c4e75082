import { randomBytes } from 'node:crypto';
import { connect as tcpConnect } from 'node:net';

/**
 * A Socket.IO client written by hand over a bare TCP socket: it sends any text frame as it is
 * (no encoder between the test and the wire), and it can stop reading (pause) the way a stalled
 * or hostile peer does, which neither socket.io-client nor a browser WebSocket lets a test do.
 */
export interface RawSocket {
  /** Socket.IO packets received (engine.io "4" prefix removed), in order. */
  readonly packets: string[];
  /** Sends one engine.io message: a Socket.IO packet such as `2["challenge:list",{}]`. */
  send(packet: string): void;
  /** The next received packet that satisfies the predicate. */
  next(predicate: (packet: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Stops reading: the kernel's buffers fill and the relay's writes back up. */
  pause(): void;
  /** Reads again (a paused socket sees the relay's close only once it reads up to it). */
  resume(): void;
  /** Resolves once the relay has closed the TCP connection. */
  readonly closed: Promise<void>;
  close(): void;
}

/** Connects to the relay's Socket.IO path over websocket and sends the handshake's auth. */
export async function rawSocket(url: string, auth: Record<string, unknown>): Promise<RawSocket> {
  const { hostname, port } = new URL(url);
  const tcp = tcpConnect(Number(port), hostname.replace(/^\[|\]$/g, ''));
  // A reset by the relay shows as the close below; the error itself says nothing more.
  tcp.on('error', () => undefined);
  const key = randomBytes(16).toString('base64');
  tcp.write(
    `GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
      `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\n` +
      'Sec-WebSocket-Version: 13\r\n\r\n',
  );
  const packets: string[] = [];
  const waiters = new Set<() => void>();
  let isClosed = false;
  const closed = new Promise<void>((resolve) =>
    tcp.once('close', () => {
      isClosed = true;
      resolve();
      for (const wake of waiters) wake();
    }),
  );
  let pending = Buffer.alloc(0);
  let upgraded = false;
  const sendEngine = (text: string) => tcp.write(frame(text));
  tcp.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    if (!upgraded) {
      const end = pending.indexOf('\r\n\r\n');
      if (end < 0) return;
      upgraded = true;
      pending = pending.subarray(end + 4);
    }
    for (;;) {
      const parsed = unframe(pending);
      if (!parsed) break;
      pending = pending.subarray(parsed.length);
      // A close frame: the relay hung up; answering it would only wait for the TCP close.
      if (parsed.opcode === CLOSE) tcp.destroy();
      else if (parsed.text === '2') sendEngine('3');
      else if (parsed.text.startsWith('0')) sendEngine(`40${JSON.stringify(auth)}`);
      else if (parsed.text.startsWith('4')) packets.push(parsed.text.slice(1));
    }
    for (const wake of waiters) wake();
  });
  const next = (predicate: (packet: string) => boolean, timeoutMs = 10_000) =>
    new Promise<string>((resolve, reject) => {
      let seen = 0;
      const check = () => {
        for (; seen < packets.length; seen++) {
          const packet = packets[seen] as string;
          if (predicate(packet)) {
            finish();
            return resolve(packet);
          }
        }
        if (isClosed) {
          finish();
          reject(
            new Error(`the relay closed the connection; last packets: ${packets.slice(-3).join(' | ')}`),
          );
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no matching packet within ${timeoutMs} ms; got ${packets.slice(-3).join(' | ')}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  const socket: RawSocket = {
    packets,
    send: (packet) => sendEngine(`4${packet}`),
    next,
    pause: () => tcp.pause(),
    resume: () => tcp.resume(),
    closed,
    close: () => tcp.destroy(),
  };
  const connected = await next((p) => p.startsWith('0') || p.startsWith('4'));
  if (!connected.startsWith('0')) throw new Error(`handshake refused: ${connected}`);
  return socket;
}

const CLOSE = 0x8;

/** A masked text frame, as RFC 6455 requires of a client. */
function frame(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = randomBytes(4);
  const size = payload.length;
  const header =
    size < 126
      ? Buffer.from([0x81, 0x80 | size])
      : size < 65_536
        ? Buffer.from([0x81, 0x80 | 126, size >> 8, size & 0xff])
        : Buffer.concat([Buffer.from([0x81, 0x80 | 127]), bigEndian64(size)]);
  for (let i = 0; i < size; i++) payload[i] = (payload[i] as number) ^ (mask[i % 4] as number);
  return Buffer.concat([header, mask, payload]);
}

function bigEndian64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}

/** One unmasked frame from the server, or null until all of it has arrived. */
function unframe(buffer: Buffer): { opcode: number; text: string; length: number } | null {
  if (buffer.length < 2) return null;
  let size = (buffer[1] as number) & 0x7f;
  let offset = 2;
  if (size === 126) {
    if (buffer.length < 4) return null;
    size = buffer.readUInt16BE(2);
    offset = 4;
  } else if (size === 127) {
    if (buffer.length < 10) return null;
    size = Number(buffer.readBigUInt64BE(2));
    offset = 10;
  }
  if (buffer.length < offset + size) return null;
  return {
    opcode: (buffer[0] as number) & 0x0f,
    text: buffer.toString('utf8', offset, offset + size),
    length: offset + size,
  };
}

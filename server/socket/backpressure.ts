import type { Logger } from 'pino';
import { LIMITS } from '../../core/limits.ts';
import type { RelayServer } from './types.ts';

/**
 * Where engine.io 6 keeps what a connection has not sent yet (members it does not publish):
 * packets wait in `writeBuffer` while the websocket transport is still writing the previous
 * batch (it is writable again only once ws has handed that batch to the kernel), and ws counts
 * what its sender and the TCP socket still hold in `bufferedAmount`. A peer that stops reading
 * fills the kernel's buffers first, then these, without end.
 */
export interface EngineConnection {
  writeBuffer?: readonly { data?: unknown }[];
  transport?: { socket?: { bufferedAmount?: number; terminate?: () => void } };
}

function sizeOf(data: unknown): number {
  if (typeof data === 'string') return data.length;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

/**
 * Bytes queued for this connection in the relay's memory (a string counts a byte per UTF-16
 * unit: reading its UTF-8 length would cost a pass over it). Adds up packets only until the sum
 * passes `enough`, so a socket far over the limit costs no more to check than one at it.
 */
export function queuedBytes(conn: EngineConnection, enough = Infinity): number {
  let bytes = conn.transport?.socket?.bufferedAmount ?? 0;
  for (const packet of conn.writeBuffer ?? []) {
    if (bytes > enough) break;
    bytes += sizeOf(packet.data);
  }
  return bytes;
}

/** Drops the connection at once: a close handshake would wait behind everything queued. */
function cut(conn: EngineConnection, close: () => void): void {
  const ws = conn.transport?.socket;
  if (typeof ws?.terminate === 'function') ws.terminate();
  else close();
}

export interface SlowConsumerOptions {
  log: Logger;
  /** Default LIMITS.maxOutgoingBytes. */
  maxBytes?: number;
  /** Default 1 s. */
  intervalMs?: number;
}

/**
 * Closes every socket of this node that holds more than maxBytes it could not send. A sweep once
 * a second over this node's sockets, not a check on each push or a listener on each socket's
 * writes: a push to a pack of 10,000 must not do 10,000 extra things, while the sweep costs about
 * a millisecond a second per 10,000 sockets (0.05 ms over 500 real ones), and a stalled peer
 * grows by at most a second of pushes past the limit. Its client reconnects and catches up with
 * session:resume; the member's other sockets are left alone. Returns the function that stops it.
 */
export function closeSlowConsumers(io: RelayServer, options: SlowConsumerOptions): () => void {
  const maxBytes = options.maxBytes ?? LIMITS.maxOutgoingBytes;
  const timer = setInterval(() => {
    for (const socket of io.of('/').sockets.values()) {
      const conn = socket.conn as unknown as EngineConnection;
      const bytes = queuedBytes(conn, maxBytes);
      if (bytes <= maxBytes) continue;
      options.log.warn(
        { member: socket.data.member?.id, board: socket.data.board?.id, queuedBytes: bytes },
        'closing a socket that does not read what it is sent',
      );
      cut(conn, () => socket.conn.close(true));
    }
  }, options.intervalMs ?? 1_000);
  timer.unref();
  return () => clearInterval(timer);
}

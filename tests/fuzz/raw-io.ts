import { PROTOCOL_VERSION } from '../../core/protocol.ts';

/** A Socket.IO packet the relay sent, engine.io's "4" taken off: `2["request:error",…]`, `31[…]`. */
export interface Received {
  type: string;
  id: string;
  data: unknown;
  raw: string;
}

function parsePacket(raw: string): Received {
  const match = /^(\d)(\d*-)?(\/[^,]*,)?([^[{"]*)([\s\S]*)$/.exec(raw);
  let data: unknown;
  try {
    data = match?.[5] ? (JSON.parse(match[5]) as unknown) : undefined;
  } catch {
    data = match?.[5];
  }
  return { type: match?.[1] ?? '', id: match?.[4] ?? '', data, raw };
}

/**
 * Socket.IO spoken by hand over Node's WebSocket, authenticated as a member: whatever frame the
 * test writes reaches the relay's parser as it is, with no encoder in between.
 */
export class RawIo {
  readonly received: Received[] = [];
  closed = false;
  readonly #ws: WebSocket;
  #wake: (() => void) | null = null;

  private constructor(ws: WebSocket) {
    this.#ws = ws;
  }

  static open(url: string, token: string, timeoutMs = 5000): Promise<RawIo> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
    ws.binaryType = 'arraybuffer';
    const io = new RawIo(ws);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('no Socket.IO connect within the deadline')),
        timeoutMs,
      );
      ws.addEventListener('message', (event) => {
        if (typeof event.data !== 'string') return;
        const text = event.data;
        if (text.startsWith('0')) ws.send(`40${JSON.stringify({ token, protocol: PROTOCOL_VERSION })}`);
        else if (text === '2') ws.send('3');
        else if (text.startsWith('40')) {
          clearTimeout(timer);
          resolve(io);
        } else if (text.startsWith('4')) io.received.push(parsePacket(text.slice(1)));
        io.#wake?.();
      });
      ws.addEventListener('close', () => {
        io.closed = true;
        clearTimeout(timer);
        reject(new Error('the relay closed the websocket before the connect'));
        io.#wake?.();
      });
      ws.addEventListener('error', () => undefined);
    });
  }

  send(frame: string | Uint8Array): void {
    if (!this.closed) this.#ws.send(frame);
  }

  /** Waits until a packet satisfies `done`, the connection closes, or the deadline passes. */
  async until(
    done: (packet: Received) => boolean,
    timeoutMs: number,
  ): Promise<'done' | 'closed' | 'timeout'> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.received.some(done)) return 'done';
      if (this.closed) return 'closed';
      const left = deadline - Date.now();
      if (left <= 0) return 'timeout';
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  close(): void {
    this.closed = true;
    this.#ws.close();
  }
}

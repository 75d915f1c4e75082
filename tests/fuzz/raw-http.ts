import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface RawExchange {
  responses: RawResponse[];
  /** Bytes after the last response that are not one (a response cut off, or not HTTP at all). */
  rest: string;
  /** The relay closed the connection, by itself or once the client had stopped sending. */
  closed: boolean;
  /** Nothing came back in time, and the client ended its side to see what the relay does then. */
  gaveUp: boolean;
  /** Every status line's code in what came back, also where a body could not be delimited. */
  statuses: number[];
}

/**
 * Writes `request` to the relay's port byte for byte and collects whatever comes back until the
 * relay closes the connection. Nothing between the test and the socket rewrites a request line
 * or a header. A client that half-closed would lose any answer that Node's server had not
 * written yet, so the sending side stays open until `patienceMs` has passed; then the client ends
 * it (a peer that gave up) and waits `graceMs` more for the relay to close.
 */
export function rawHttp(
  url: string,
  request: Buffer | string,
  patienceMs = 3000,
  graceMs = 3000,
): Promise<RawExchange> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), hostname.replace(/^\[|\]$/g, ''));
    let closed = false;
    let gaveUp = false;
    let timer: NodeJS.Timeout;
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      const data = Buffer.concat(chunks);
      const statuses = [...data.toString('latin1').matchAll(/HTTP\/1\.[01] (\d{3}) /g)].map((m) =>
        Number(m[1]),
      );
      resolve({ ...parseResponses(data), closed, gaveUp, statuses });
    };
    timer = setTimeout(() => {
      gaveUp = true;
      socket.end();
      timer = setTimeout(finish, graceMs);
    }, patienceMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      closed = true;
      finish();
    });
    // A string is written one byte per character, so that a test can send any byte it likes.
    socket.write(typeof request === 'string' ? Buffer.from(request, 'latin1') : request);
  });
}

function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** Undoes chunked transfer coding; null if the chunks are not complete yet. */
function unchunk(data: Buffer): { body: Buffer; length: number } | null {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return null;
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size)) return null;
    at = lineEnd + 2;
    if (size === 0) {
      const end = data.indexOf('\r\n', at);
      return end < 0 ? null : { body: Buffer.concat(parts), length: end + 2 };
    }
    if (data.length < at + size + 2) return null;
    parts.push(data.subarray(at, at + size));
    at += size + 2;
  }
}

/** Splits what came back into responses (pipelined requests get one each). */
export function parseResponses(data: Buffer): Pick<RawExchange, 'responses' | 'rest'> {
  const responses: RawResponse[] = [];
  let rest = data;
  for (;;) {
    const headEnd = rest.indexOf('\r\n\r\n');
    const match = /^HTTP\/\d\.\d (\d{3})/.exec(rest.subarray(0, 16).toString('latin1'));
    if (headEnd < 0 || !match) break;
    const headers = parseHeaders(rest.subarray(0, headEnd).toString('latin1'));
    const status = Number(match[1]);
    const start = headEnd + 4;
    let body: Buffer;
    let next: number;
    if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
      const chunked = unchunk(rest.subarray(start));
      if (!chunked) break;
      body = chunked.body;
      next = start + chunked.length;
    } else if (headers['content-length'] !== undefined) {
      next = start + Number(headers['content-length']);
      body = rest.subarray(start, next);
    } else {
      // No length and no chunks: the body runs to the close (or there is none, as for a 304).
      next = status === 204 || status === 304 || status < 200 ? start : rest.length;
      body = rest.subarray(start, next);
    }
    responses.push({ status, headers, body });
    rest = rest.subarray(next);
  }
  return { responses, rest: rest.toString('latin1') };
}

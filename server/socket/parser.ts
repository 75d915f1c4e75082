import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';
import { eventLabel } from './echo.ts';
import { MESSAGE_SHAPE, jsonShapeProblem, type JsonShapeLimit } from './json-shape.ts';

/**
 * What a request frame over the shape limits becomes instead of its data: the first element of
 * the event, where the event name would be. The socket's handlers answer it with
 * payload_too_large through the frame's acknowledgement (or request:error without one); no
 * listener of a request ever sees it, since it is not a name.
 */
export class RefusedFrame {
  /** The request's name when it could be read off the frame's first characters; else null. */
  readonly event: string | null;
  /** Why, for the error message: "it nests more than 8 levels deep". */
  readonly reason: string;
  constructor(event: string | null, reason: string) {
    this.event = event;
    this.reason = reason;
  }
}

interface Header {
  type: number;
  nsp: string;
  id: number | undefined;
  /** Where the JSON begins. */
  body: number;
}

/** A text packet's header as socket.io-parser reads it: `<type>[<n>-][<nsp>,][<id>]<json>`. */
function readHeader(text: string): Header {
  const type = Number(text.charAt(0));
  let i = 1;
  if (type === PacketType.BINARY_EVENT || type === PacketType.BINARY_ACK) {
    const dash = text.indexOf('-', i);
    i = dash < 0 ? text.length : dash + 1;
  }
  let nsp = '/';
  if (text.charAt(i) === '/') {
    const comma = text.indexOf(',', i);
    const end = comma < 0 ? text.length : comma;
    nsp = text.slice(i, end);
    i = comma < 0 ? end : end + 1;
  }
  const digits = /^\d+/.exec(text.slice(i, i + 20))?.[0] ?? '';
  const id = digits ? Number(digits) : undefined;
  return { type, nsp, id: Number.isSafeInteger(id) ? id : undefined, body: i + digits.length };
}

/** The event name at the start of a request's JSON, if it is short and of the protocol's shape. */
function leadingName(text: string, from: number): string | null {
  const match = /^\["([^"\\]{1,40})"/.exec(text.slice(from, from + 44));
  return eventLabel(match?.[1]);
}

/**
 * Socket.IO's parser (the wire format stays Socket.IO's, so every client keeps the default
 * one), with each text frame's nesting and number of values checked before JSON.parse sees it.
 * A request over the limit is not parsed: it becomes a RefusedFrame with its acknowledgement id,
 * which costs one pass over the characters instead of JSON.parse, Socket.IO's and zod's walks.
 * Any other packet over the limit (a handshake's auth, an acknowledgement, a binary packet's
 * header) is a protocol violation: the decoder throws and Socket.IO closes the connection, as it
 * does for an oversized message.
 */
export function shapeCheckingParser(limit: JsonShapeLimit = MESSAGE_SHAPE) {
  class ShapeCheckingDecoder extends Decoder {
    override add(chunk: unknown): void {
      if (typeof chunk === 'string') {
        const problem = jsonShapeProblem(chunk, limit);
        if (problem) return this.#refuse(chunk, problem);
      }
      super.add(chunk);
    }

    #refuse(text: string, problem: string): void {
      const header = readHeader(text);
      if (header.type !== PacketType.EVENT) throw new Error(`packet refused unread: ${problem}`);
      const packet: Packet = {
        type: PacketType.EVENT,
        nsp: header.nsp,
        data: [new RefusedFrame(leadingName(text, header.body), problem)],
        ...(header.id === undefined ? {} : { id: header.id }),
      };
      this.emitReserved('decoded', packet);
    }
  }
  return { Encoder, Decoder: ShapeCheckingDecoder };
}

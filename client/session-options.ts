import { io } from 'socket.io-client';
import type { ManagerOptions, SocketOptions } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../core/protocol.ts';
import type { SessionOutbox } from './outbox-sender.ts';
import type { ResultLedger } from './result-delivery.ts';
import type { RelaySocket } from './session-pushes.ts';

export type SocketFactory = (url: string, options: Partial<ManagerOptions & SocketOptions>) => RelaySocket;

export interface SessionOptions {
  url: string;
  /** Other nodes of the same relay; when the current one cannot be reached, the next is tried. */
  alternates?: readonly string[];
  token: string;
  /** Without an outbox the session only reads (e.g. a second window). */
  outbox?: SessionOutbox | null;
  /** Without a ledger results are neither surfaced nor acknowledged: someone else shows them. */
  results?: ResultLedger | null;
  connect?: SocketFactory;
  requestTimeoutMs?: number;
  /** Wait before resending after the relay refused a whole batch for a passing reason. */
  retryDelayMs?: number;
}

/** Makes the socket for one address of the relay, not yet connected: the session connects it. */
export function socketMaker(options: SessionOptions): (url: string) => RelaySocket {
  return (url) =>
    (options.connect ?? io)(url, {
      transports: ['websocket'],
      auth: { token: options.token, protocol: PROTOCOL_VERSION },
      autoConnect: false,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
      timeout: 5_000,
    });
}

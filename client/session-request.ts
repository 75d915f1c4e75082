import type { Ack, RequestName, RequestOf, ResponseMap } from '../core/protocol.ts';
import { RelayError } from './relay-error.ts';
import type { RelaySocket } from './session-pushes.ts';

/**
 * One request and its ack. Rejects with a RelayError carrying the relay's code. `url` names the
 * address in use when the error is raised.
 */
export async function requestOnSocket<N extends RequestName>(
  socket: RelaySocket,
  url: () => string,
  name: N,
  payload: RequestOf<N>,
  timeoutMs: number,
): Promise<ResponseMap[N]> {
  if (!socket.connected) throw new RelayError('offline', `not connected to the relay at ${url()}`);
  // Socket.IO's typings cannot follow a generic event name through timeout(); the contract is ResponseMap.
  const timed = socket.timeout(timeoutMs) as unknown as {
    emitWithAck(event: N, request: RequestOf<N>): Promise<Ack<ResponseMap[N]>>;
  };
  let response: Ack<ResponseMap[N]>;
  try {
    response = await timed.emitWithAck(name, payload);
  } catch {
    throw new RelayError('timeout', `the relay at ${url()} did not answer ${name} in time`);
  }
  if (!response.ok) throw new RelayError(response.error.code, response.error.message);
  return response;
}

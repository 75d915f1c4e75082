import { io } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../core/protocol.ts';
import type { Ack, ResponseMap } from '../../core/protocol.ts';
import type { RelaySocket } from '../../client/session-pushes.ts';
import { REVOKED_MESSAGE } from './board-state.ts';
import type { BoardAction } from './board-state.ts';

const CHALLENGE_PUSHES = [
  'challenge:created',
  'challenge:started',
  'challenge:updated',
  'challenge:ended',
  'challenge:cancelled',
] as const;

/**
 * A floor board's read-only socket: it authenticates with the board link's token, asks only
 * for `board:resume` (again after every reconnect), and turns pushes into board actions.
 * Returns the function that hangs up.
 */
export function connectBoard(
  origin: string,
  token: string,
  dispatch: (action: BoardAction) => void,
): () => void {
  const socket = io(origin, {
    transports: ['websocket'],
    auth: { board: token, protocol: PROTOCOL_VERSION },
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
  }) as RelaySocket;
  socket.on('connect', () => {
    const resume = socket.timeout(10_000) as unknown as {
      emitWithAck(event: 'board:resume', request: object): Promise<Ack<ResponseMap['board:resume']>>;
    };
    resume.emitWithAck('board:resume', {}).then(
      (answer) => {
        if (answer.ok) dispatch({ type: 'snapshot', snapshot: answer });
        else dispatch({ type: 'offline', message: answer.error.message });
      },
      () => dispatch({ type: 'offline', message: 'The relay did not answer; trying again.' }),
    );
  });
  socket.on('connect_error', (error) => {
    const code = (error as { data?: { code?: string } }).data?.code;
    if (code === 'unauthorized') {
      // The relay refuses a revoked token outright; retrying would only hammer it.
      dispatch({ type: 'revoked', message: `${REVOKED_MESSAGE} or is not valid.` });
      socket.disconnect();
    } else {
      dispatch({ type: 'offline', message: 'Cannot reach the relay; trying again.' });
    }
  });
  socket.on('disconnect', () => dispatch({ type: 'offline', message: 'Connection lost; reconnecting.' }));
  socket.on('board:revoked', () => {
    dispatch({ type: 'revoked', message: `${REVOKED_MESSAGE}.` });
    socket.disconnect();
  });
  socket.on('activity:stored', ({ standings, feed }) => {
    for (const update of standings) dispatch({ type: 'standings', update });
    for (const entry of feed) dispatch({ type: 'feed', entry });
  });
  for (const name of CHALLENGE_PUSHES)
    socket.on(name, (challenge) => dispatch({ type: 'challenge', challenge }));
  socket.on('member:joined', (member) => dispatch({ type: 'member', member }));
  socket.on('member:left', (member) => dispatch({ type: 'member', member }));
  socket.on('cheer:received', (cheer) => dispatch({ type: 'cheer', cheer }));
  return () => {
    socket.disconnect();
  };
}

import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../core/protocol.ts';
import type { ChallengeView } from '../core/types.ts';
import type { Emitter } from './emitter.ts';
import type { SessionEvents } from './session-events.ts';

export type RelaySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const PUSHED_CHALLENGE_EVENTS = ['created', 'started', 'updated', 'cancelled', 'ended'] as const;

/** The pushes that change the session itself, not only what it shows. */
export interface PushHooks {
  ended(challenge: ChallengeView): void;
  revoked(info: { reason: string }): void;
}

/** Turns every relay push into the session event a UI subscribes to. */
export function forwardPushes(socket: RelaySocket, emitter: Emitter<SessionEvents>, hooks: PushHooks): void {
  socket.on('activity:stored', ({ standings, feed }) => {
    for (const update of standings) emitter.emit('standings', update);
    for (const entry of feed) emitter.emit('feed', entry);
  });
  for (const change of PUSHED_CHALLENGE_EVENTS) {
    socket.on(`challenge:${change}`, (challenge) => {
      emitter.emit('challenge', { change, challenge });
      if (change === 'ended') hooks.ended(challenge);
    });
  }
  socket.on('member:joined', (member) => emitter.emit('member', { change: 'joined', member }));
  socket.on('member:left', (member) => emitter.emit('member', { change: 'left', member }));
  socket.on('pack:updated', (pack) => emitter.emit('pack', pack));
  socket.on('metric:added', (metric) => emitter.emit('metric', metric));
  socket.on('cheer:received', (cheer) => emitter.emit('cheer', cheer));
  socket.on('request:error', ({ event, error }) => {
    // Nothing awaits an answer to a message the relay could not acknowledge, so this is the only
    // trace of it; the session itself is fine, hence not fatal.
    emitter.emit('error', {
      code: error.code,
      message: `the relay could not answer ${event}: ${error.message}`,
      fatal: false,
      event,
    });
  });
  socket.on('session:revoked', (info) => hooks.revoked(info));
}

import { PROTOCOL_VERSION, handshakeSchema } from '../../core/protocol.ts';
import type { ErrorCode } from '../../core/errors.ts';
import type { RelayContext } from '../context.ts';
import { hashToken } from '../tokens.ts';
import type { RelaySocket } from './types.ts';

/** A refused handshake: the client sees `message` and `data.code` in its connect_error. */
function refusal(code: ErrorCode, message: string): Error & { data: { code: ErrorCode } } {
  return Object.assign(new Error(message), { data: { code } });
}

/** Socket.IO middleware: only a current member of a pack, or a live board link, gets a socket. */
export function authenticate(ctx: RelayContext) {
  return async (socket: RelaySocket, next: (err?: Error) => void): Promise<void> => {
    const parsed = handshakeSchema.safeParse(socket.handshake.auth);
    if (!parsed.success) {
      ctx.metrics.rejections.inc({ code: 'unauthorized' });
      return next(refusal('unauthorized', 'a member token is required to connect'));
    }
    const theirs = parsed.data.protocol;
    if (theirs !== PROTOCOL_VERSION) {
      ctx.metrics.rejections.inc({ code: 'protocol_mismatch' });
      // Either side may be the older one; say which needs the update.
      const update =
        theirs < PROTOCOL_VERSION
          ? 'update Wolfpack on this computer'
          : 'ask whoever runs the relay to update it';
      return next(
        refusal(
          'protocol_mismatch',
          `this relay speaks protocol ${PROTOCOL_VERSION}, the client ${theirs}: ${update}`,
        ),
      );
    }
    try {
      const auth = parsed.data;
      if ('board' in auth) {
        const board = await ctx.storage.read((q) => q.findBoardByTokenHash(hashToken(auth.board)));
        if (!board) {
          ctx.metrics.rejections.inc({ code: 'unauthorized' });
          return next(refusal('unauthorized', 'this board link is not valid (it may have been revoked)'));
        }
        socket.data.member = null;
        socket.data.board = board;
        return next();
      }
      const member = await ctx.storage.read((q) => q.findMemberByTokenHash(hashToken(auth.token)));
      if (!member) {
        ctx.metrics.rejections.inc({ code: 'unauthorized' });
        return next(
          refusal('unauthorized', 'this member token is not valid (removed from the pack, or never issued)'),
        );
      }
      socket.data.member = member;
      socket.data.board = null;
      next();
    } catch (error) {
      ctx.log.error({ err: error }, 'handshake failed');
      next(refusal('internal', 'the relay could not check the token; try again'));
    }
  };
}

import { BOARD_REVOKED, boardRoom } from './boards.ts';
import type { RelayContext } from './context.ts';
import { notAMember } from './membership.ts';
import { memberRoom, type RelayServer } from './socket/types.ts';

export interface RevocationSweepOptions {
  /** Between two looks. Default 500 ms, so that a departure takes effect within a second. */
  intervalMs?: number;
  /**
   * How far each look reaches back before the previous one. Departures are stamped with the
   * clock of the node that made them, so this covers clocks that disagree by less; and a socket
   * whose handshake read its member just before the member left, and that joined its rooms after
   * the next look, is found by a later one. Default 60 s.
   */
  overlapMs?: number;
}

export interface RevocationSweep {
  /** Waits for a look in progress; no other starts. */
  stop(): Promise<void>;
}

/**
 * Each node looks in the database for members who left (or were removed) and board links
 * revoked since its last look, and cuts off its own sockets of them: told first (as the direct
 * path tells them), then disconnected. The node that made the change does this at once, and
 * Redis carries it to the other nodes; this is what reaches them when Redis cannot. Each look
 * is one query on two partial indexes that hold only departures and revocations.
 */
export function startRevocationSweep(
  ctx: RelayContext,
  io: RelayServer,
  options: RevocationSweepOptions = {},
): RevocationSweep {
  const intervalMs = options.intervalMs ?? 500;
  const overlapMs = options.overlapMs ?? 60_000;
  const namespace = io.of('/');
  let lookedAt = ctx.clock();
  let failing = false;
  let stopped = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;

  const cutOff = (room: string, cut: () => void): void => {
    // Only this node's sockets: the node that made the change reached the rest through Redis,
    // or their own node finds it in its own look.
    if (!namespace.adapter.rooms.has(room)) return;
    ctx.log.info({ room }, 'departure found in the database: cutting off its sockets on this node');
    cut();
    io.local.in(room).disconnectSockets();
  };

  const look = async (): Promise<void> => {
    const startedAt = ctx.clock();
    // With no socket connected there is nothing to cut off; the overlap still covers a handshake
    // that is under way now.
    if (namespace.sockets.size > 0) {
      const found = await ctx.storage.read((q) => q.revokedSince(lookedAt - overlapMs));
      for (const id of found.memberIds) {
        const room = memberRoom(id);
        cutOff(room, () => io.local.to(room).emit('session:revoked', { reason: notAMember().message }));
      }
      for (const id of found.boardIds) {
        const room = boardRoom(id);
        cutOff(room, () => io.local.to(room).emit('board:revoked', { reason: BOARD_REVOKED }));
      }
    }
    lookedAt = startedAt;
    if (failing) ctx.log.info('revocation sweep works again');
    failing = false;
  };

  const next = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = look()
        .catch((error: unknown) => {
          // The next look reaches back to the last one that worked, so nothing is missed.
          if (!failing) ctx.log.warn({ err: error }, 'revocation sweep failed; retrying');
          failing = true;
        })
        .finally(() => {
          running = null;
          next();
        });
    }, intervalMs);
    timer.unref();
  };
  next();

  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

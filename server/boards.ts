import { randomUUID } from 'node:crypto';
import { WolfpackError } from '../core/errors.ts';
import { LIMITS, PROTOCOL_VERSION } from '../core/protocol.ts';
import type { BoardLink, BoardSnapshot, Member, Pack } from '../core/types.ts';
import type { RelayContext } from './context.ts';
import { asMember } from './membership.ts';
import { packMetrics } from './metric-catalog.ts';
import { newMemberToken, hashToken } from './tokens.ts';
import { loadView } from './views.ts';

const FEED_LENGTH = 50;

export const boardRoom = (boardId: string): string => `board:${boardId}`;
export const BOARD_REVOKED = 'this board link was revoked by the pack owner';

function assertOwner(pack: Pack | null, member: Member): void {
  if (!pack || pack.ownerId !== member.id)
    throw new WolfpackError('forbidden', 'only the pack owner can manage board links');
}

async function requireOwner(ctx: RelayContext, member: Member): Promise<void> {
  assertOwner(await ctx.storage.read((q) => q.getPack(member.packId)), member);
}

/** A read-only link for a TV; the token is handed out once and only its hash is kept. */
export async function createBoard(
  ctx: RelayContext,
  member: Member,
  label?: string,
): Promise<{ board: BoardLink; token: string }> {
  const board: BoardLink = {
    id: randomUUID(),
    label: label ?? 'Floor board',
    createdAt: ctx.clock(),
    revokedAt: null,
  };
  const token = newMemberToken().replace(/^wp_/, 'wpb_');
  await asMember(ctx, member, async (q) => {
    assertOwner(await q.getPack(member.packId), member);
    const live = (await q.listBoards(member.packId)).filter((b) => b.revokedAt === null).length;
    if (live >= LIMITS.boardsPerPack) {
      throw new WolfpackError(
        'conflict',
        `this pack has ${LIMITS.boardsPerPack} board links already: revoke one you no longer use first`,
      );
    }
    await q.insertBoard(member.packId, board, hashToken(token));
  });
  return { board, token };
}

export async function listBoards(ctx: RelayContext, member: Member): Promise<BoardLink[]> {
  await requireOwner(ctx, member);
  return ctx.storage.read((q) => q.listBoards(member.packId));
}

/** Revoking disconnects every screen showing the board at once; the link never works again. */
export async function revokeBoard(ctx: RelayContext, member: Member, boardId: string): Promise<BoardLink> {
  const board = await asMember(ctx, member, async (q) => {
    assertOwner(await q.getPack(member.packId), member);
    if (!(await q.revokeBoard(member.packId, boardId, ctx.clock()))) {
      const known = await q.getBoard(boardId);
      if (!known || known.packId !== member.packId)
        throw new WolfpackError('not_found', 'no such board link');
      throw new WolfpackError('conflict', 'that board link was already revoked');
    }
    return q.getBoard(boardId);
  });
  if (!board) throw new WolfpackError('not_found', 'no such board link');
  ctx.push.toRoom(boardRoom(boardId), 'board:revoked', { reason: BOARD_REVOKED });
  setImmediate(() => ctx.push.disconnectRoom(boardRoom(boardId)));
  const { packId: _packId, ...link } = board;
  return link;
}

export async function boardSnapshot(
  ctx: RelayContext,
  board: BoardLink & { packId: string },
): Promise<BoardSnapshot> {
  return ctx.storage.read(async (q) => {
    // Revoked on another node, this socket may not have been cut off yet; it sees nothing more.
    if ((await q.getBoard(board.id))?.revokedAt !== null)
      throw new WolfpackError('unauthorized', BOARD_REVOKED);
    const pack = await q.getPack(board.packId);
    if (!pack) throw new WolfpackError('not_found', 'this pack no longer exists');
    const { packId: _packId, ...link } = board;
    return {
      protocol: PROTOCOL_VERSION,
      serverTime: ctx.clock(),
      board: link,
      pack,
      members: (await q.listMembers(pack.id)).filter((m) => m.active),
      metrics: await packMetrics(q, pack.id),
      challenges: await Promise.all((await q.listOpenChallenges(pack.id)).map((c) => loadView(q, c))),
      feed: await q.recentFeed(pack.id, FEED_LENGTH),
      cheers: await q.recentCheers(pack.id, FEED_LENGTH),
    };
  });
}

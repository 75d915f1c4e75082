import { WolfpackError } from '../core/errors.ts';
import type { Member } from '../core/types.ts';
import { inPack, type RelayContext } from './context.ts';
import type { Queries } from './storage/types.ts';

/**
 * Refuses a write for a member the database no longer holds. A socket's member is checked when
 * it connects and the socket is cut off when the member leaves; in between (on another node, up
 * to a sweep's interval while Redis is down) this check, inside the write's own transaction, is
 * what keeps a departed member from writing anything.
 */
export async function requireActive(q: Queries, member: Member): Promise<void> {
  if (!(await q.isActiveMember(member.packId, member.id))) throw notAMember();
}

/** What a member who left or was removed is told when their socket still asks for something. */
export const notAMember = (): WolfpackError =>
  new WolfpackError('unauthorized', 'you are no longer a member of this pack');

/** A transaction of the member's pack that writes for the member: only while they are one. */
export function asMember<T>(ctx: RelayContext, member: Member, fn: (q: Queries) => Promise<T>): Promise<T> {
  return inPack(ctx, member.packId, async (q) => {
    await requireActive(q, member);
    return fn(q);
  });
}

import { WolfpackError } from '../core/errors.ts';
import { LIMITS } from '../core/limits.ts';
import type { ParsedRequestOf } from '../core/protocol.ts';
import type { Cheer, Member } from '../core/types.ts';
import type { RelayContext } from './context.ts';
import { asMember } from './membership.ts';
import type { Queries } from './storage/types.ts';

/** The window LIMITS.cheersPerMinute counts over. */
const CHEER_WINDOW_MS = 60_000;

/** Whom a cheer is aimed at: who logged the entry, or whose standing it is, in the caller's pack. */
async function recipient(q: Queries, member: Member, input: ParsedRequestOf<'cheer:send'>): Promise<string> {
  if (input.eventId) {
    const event = await q.getEvent(input.eventId);
    if (!event || event.packId !== member.packId) throw new WolfpackError('not_found', 'no such feed entry');
    return event.memberId;
  }
  const challenge = input.challengeId ? await q.getChallenge(input.challengeId) : null;
  if (!challenge || challenge.packId !== member.packId)
    throw new WolfpackError('not_found', 'no such challenge');
  const target = challenge.participants.find((p) => p.memberId === input.memberId);
  if (!target) throw new WolfpackError('unknown_member', 'that member is not in this challenge');
  return target.memberId;
}

/** A cheer or taunt for a partner, pushed to the pack. Resending the same id changes nothing. */
export async function sendCheer(
  ctx: RelayContext,
  member: Member,
  input: ParsedRequestOf<'cheer:send'>,
): Promise<Cheer> {
  const { cheer, fresh } = await asMember(ctx, member, async (q) => {
    const existing = await q.getCheer(input.id);
    if (existing) {
      if (existing.packId !== member.packId || existing.fromId !== member.id) {
        throw new WolfpackError('conflict', 'this cheer id is already used');
      }
      const { packId: _packId, ...known } = existing;
      return { cheer: known, fresh: false };
    }
    // Checked after the resend above, so a retry of a stored cheer is never refused. Inside the
    // pack's transaction, so two cheers sent at once cannot both take the last place.
    const since = ctx.clock() - CHEER_WINDOW_MS;
    if ((await q.countCheersSince(member.packId, member.id, since)) >= LIMITS.cheersPerMinute) {
      throw new WolfpackError(
        'rate_limited',
        `at most ${LIMITS.cheersPerMinute} cheers and taunts a minute; wait a moment and send it again`,
      );
    }
    const toId = await recipient(q, member, input);
    if (toId === member.id) throw new WolfpackError('bad_request', 'cheer a partner, not yourself');
    const made: Cheer = {
      id: input.id,
      fromId: member.id,
      toId,
      reaction: input.reaction,
      text: input.text?.trim() || null,
      eventId: input.eventId ?? null,
      challengeId: input.challengeId ?? null,
      createdAt: ctx.clock(),
    };
    await q.insertCheer(member.packId, made);
    return { cheer: made, fresh: true };
  });
  if (fresh) ctx.push.toPack(member.packId, 'cheer:received', cheer);
  return cheer;
}

import { randomUUID } from 'node:crypto';
import { WolfpackError } from '../core/errors.ts';
import { findMetric, type MetricDef } from '../core/metrics.ts';
import type { JoinResponse, ParsedRequestOf } from '../core/protocol.ts';
import type { Member, Pack, Snapshot, WeekStart } from '../core/types.ts';
import { LIMITS, PROTOCOL_VERSION } from '../core/protocol.ts';
import { nameKey } from '../core/names.ts';
import { oneLine } from '../core/safe-text.ts';
import { inPack, type RelayContext } from './context.ts';
import { asMember, notAMember, requireActive } from './membership.ts';
import { packMetrics } from './metric-catalog.ts';
import { hashToken, newInviteCode, newMemberToken, normalizeInviteCode } from './tokens.ts';
import { loadView, loadViewById } from './views.ts';
import { pushWithdrawal, withdraw } from './challenges.ts';
import type { ChallengeView } from '../core/types.ts';
import type { Queries } from './storage/types.ts';

const FEED_LENGTH = 50;

export async function createPack(
  ctx: RelayContext,
  input: { name: string; timeZone: string; weekStart?: number | undefined; displayName: string },
): Promise<JoinResponse & { inviteCode: string }> {
  const now = ctx.clock();
  const memberId = randomUUID();
  const pack: Pack = {
    id: randomUUID(),
    name: input.name,
    timeZone: input.timeZone,
    weekStart: (input.weekStart ?? 1) as WeekStart,
    ownerId: memberId,
    createdAt: now,
  };
  const member: Member = {
    id: memberId,
    packId: pack.id,
    displayName: input.displayName,
    role: 'owner',
    joinedAt: now,
    active: true,
  };
  const token = newMemberToken();
  const inviteCode = newInviteCode();
  await inPack(ctx, pack.id, async (q) => {
    await q.insertPack(pack, inviteCode);
    await q.insertMember(member, hashToken(token));
  });
  ctx.log.info({ packId: pack.id }, 'pack created');
  return { pack, member, token, inviteCode };
}

export async function joinPack(
  ctx: RelayContext,
  input: { inviteCode: string; displayName: string },
): Promise<JoinResponse> {
  const code = normalizeInviteCode(input.inviteCode);
  if (!code) throw new WolfpackError('invite_invalid', 'that invite code is not valid');
  const now = ctx.clock();
  const token = newMemberToken();
  const invalid = () =>
    new WolfpackError('invite_invalid', 'that invite code is not valid (it may have been replaced)');
  const found = await ctx.storage.read((q) => q.findPackByInvite(code));
  if (!found) throw invalid();
  // Under the pack's lock, so that two joins with one name, or a join and a rotation of the code,
  // take turns even on different nodes; the code is checked again now that nothing can change it.
  const result = await inPack(ctx, found.id, async (q) => {
    const pack = await q.findPackByInvite(code);
    if (pack?.id !== found.id) throw invalid();
    const active = (await q.listMembers(pack.id)).filter((m) => m.active);
    if (active.length >= LIMITS.membersPerPack) {
      throw new WolfpackError('conflict', `this pack is full: it has ${LIMITS.membersPerPack} members`);
    }
    // Compared as a reader sees them, so nobody can pass for a partner with a look-alike name.
    const key = nameKey(input.displayName);
    const namesake = active.find((m) => nameKey(m.displayName) === key);
    if (namesake) {
      throw new WolfpackError(
        'conflict',
        `someone in this pack is already called ${oneLine(namesake.displayName)}; choose another name`,
      );
    }
    const member: Member = {
      id: randomUUID(),
      packId: pack.id,
      displayName: input.displayName,
      role: 'member',
      joinedAt: now,
      active: true,
    };
    await q.insertMember(member, hashToken(token));
    return { pack, member };
  });
  ctx.push.toPack(result.pack.id, 'member:joined', result.member);
  return { ...result, token };
}

async function requireOwner(q: Queries, member: Member): Promise<Pack> {
  const pack = await q.getPack(member.packId);
  if (!pack) throw new WolfpackError('not_found', 'your pack no longer exists');
  if (pack.ownerId !== member.id) throw new WolfpackError('forbidden', 'only the pack owner can do that');
  return pack;
}

export async function rotateInvite(ctx: RelayContext, member: Member): Promise<string> {
  const code = newInviteCode();
  await asMember(ctx, member, async (q) => {
    await requireOwner(q, member);
    await q.setInviteCode(member.packId, code);
  });
  return code;
}

export async function removeMember(ctx: RelayContext, owner: Member, memberId: string): Promise<Member> {
  const removed = await asMember(ctx, owner, async (q) => {
    await requireOwner(q, owner);
    const target = await q.getMember(memberId);
    if (!target || target.packId !== owner.packId || !target.active) {
      throw new WolfpackError('unknown_member', 'no such member in your pack');
    }
    if (target.id === owner.id) throw new WolfpackError('bad_request', 'use leave to leave your own pack');
    return deactivate(q, target, ctx.clock());
  });
  return afterDeparture(ctx, removed, 'you were removed from the pack');
}

export async function leavePack(ctx: RelayContext, member: Member): Promise<Member> {
  const left = await inPack(ctx, member.packId, async (q) => deactivate(q, member, ctx.clock()));
  return afterDeparture(ctx, left, 'you left the pack');
}

interface Departure {
  member: Member;
  challenges: ChallengeView[];
  pack: Pack | null;
}

/** A departed member keeps their history but takes no further part in open challenges. */
async function deactivate(q: Queries, member: Member, now: number): Promise<Departure> {
  if (!(await q.deactivateMember(member.id, now)))
    throw new WolfpackError('conflict', 'that member already left');
  const challenges: ChallengeView[] = [];
  for (const challenge of await q.listOpenChallenges(member.packId)) {
    const me = challenge.participants.find((p) => p.memberId === member.id);
    if (me && !me.declined) challenges.push(await withdraw(q, challenge, member.id, now));
  }
  let pack = await q.getPack(member.packId);
  if (pack?.ownerId === member.id) {
    // The pack must keep an owner who can rotate its invite: the longest-standing member inherits it.
    const heir = (await q.listMembers(member.packId)).find((m) => m.active);
    if (heir) {
      await q.setPackOwner(member.packId, heir.id);
      pack = { ...pack, ownerId: heir.id };
    }
  } else {
    pack = null;
  }
  return { member: { ...member, active: false }, challenges, pack };
}

function afterDeparture(ctx: RelayContext, departure: Departure, reason: string): Member {
  const { member } = departure;
  ctx.push.toPack(member.packId, 'member:left', member);
  for (const view of departure.challenges) pushWithdrawal(ctx, view);
  if (departure.pack) ctx.push.toPack(member.packId, 'pack:updated', departure.pack);
  ctx.push.toMember(member.id, 'session:revoked', { reason });
  // After the current acknowledgement has gone out, so a member who leaves still hears "done".
  setImmediate(() => ctx.push.disconnectMember(member.id));
  return member;
}

export async function addMetric(
  ctx: RelayContext,
  member: Member,
  input: ParsedRequestOf<'metric:add'>,
): Promise<MetricDef> {
  const metric: MetricDef = {
    id: input.id,
    label: input.label,
    needsMeetingDate: input.needsMeetingDate ?? false,
    builtIn: false,
  };
  await asMember(ctx, member, async (q) => {
    const metrics = await packMetrics(q, member.packId);
    const existing = findMetric(metrics, metric.id);
    if (!existing && metrics.filter((m) => !m.builtIn).length >= LIMITS.customMetricsPerPack) {
      throw new WolfpackError(
        'conflict',
        `this pack already has ${LIMITS.customMetricsPerPack} metrics of its own, the most it can add`,
      );
    }
    if (existing || !(await q.insertMetric(member.packId, metric))) {
      throw new WolfpackError('conflict', `this pack already has a metric "${metric.id}"`);
    }
  });
  ctx.push.toPack(member.packId, 'metric:added', metric);
  return metric;
}

/** Everything a (re)connecting client needs: state now and every result it has not acknowledged. */
export async function snapshot(ctx: RelayContext, member: Member): Promise<Snapshot> {
  return ctx.storage.read(async (q) => {
    const pack = await q.getPack(member.packId);
    if (!pack) throw new WolfpackError('not_found', 'your pack no longer exists');
    const members = await q.listMembers(pack.id);
    const you = members.find((m) => m.id === member.id) ?? member;
    // Left on another node, the member's socket may not have been cut off yet: it sees nothing more.
    if (!you.active) throw notAMember();
    const open = await q.listOpenChallenges(pack.id);
    const unseen = await q.unseenResults(member.id);
    return {
      protocol: PROTOCOL_VERSION,
      serverTime: ctx.clock(),
      you,
      pack,
      members,
      metrics: await packMetrics(q, pack.id),
      inviteCode: pack.ownerId === member.id ? await q.getInviteCode(pack.id) : null,
      challenges: await Promise.all(open.map((c) => loadView(q, c))),
      unseenResults: (await Promise.all(unseen.map((id) => loadViewById(q, id)))).filter(
        (v): v is ChallengeView => v !== null,
      ),
      feed: await q.recentFeed(pack.id, FEED_LENGTH),
      cheers: await q.recentCheers(pack.id, FEED_LENGTH),
    };
  });
}

export async function acknowledgeResults(
  ctx: RelayContext,
  member: Member,
  challengeIds: string[],
): Promise<number> {
  return ctx.storage.transaction(async (q) => {
    await requireActive(q, member);
    return q.markResultsSeen(member.id, challengeIds, ctx.clock());
  });
}

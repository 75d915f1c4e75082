import { randomUUID } from 'node:crypto';
import { buildChallenge, nextWeekOf } from '../core/challenge-rules.ts';
import { WolfpackError } from '../core/errors.ts';
import { LIMITS, type ParsedRequestOf } from '../core/protocol.ts';
import { decideResult, raceFinished, seedRows } from '../core/tally.ts';
import type { Challenge, ChallengeView, Member } from '../core/types.ts';
import { inPack, type RelayContext } from './context.ts';
import { asMember } from './membership.ts';
import { packMetrics } from './metric-catalog.ts';
import type { Queries } from './storage/types.ts';
import { loadView, toView } from './views.ts';

/** A challenge of the caller's pack, or not_found: another pack's id looks exactly like a missing one. */
async function ownChallenge(q: Queries, member: Member, challengeId: string): Promise<Challenge> {
  const challenge = await q.getChallenge(challengeId);
  if (!challenge || challenge.packId !== member.packId)
    throw new WolfpackError('not_found', 'no such challenge');
  return challenge;
}

export async function createChallenge(
  ctx: RelayContext,
  member: Member,
  input: ParsedRequestOf<'challenge:create'>,
): Promise<ChallengeView> {
  const now = ctx.clock();
  const view = await asMember(ctx, member, async (q) => {
    const pack = await q.getPack(member.packId);
    if (!pack) throw new WolfpackError('not_found', 'your pack no longer exists');
    const built = buildChallenge(input, {
      id: randomUUID(),
      now,
      pack,
      members: await q.listMembers(pack.id),
      metrics: await packMetrics(q, pack.id),
      creatorId: member.id,
    });
    if (!built.ok) throw new WolfpackError(built.error.code, built.error.message);
    // Every open challenge rides in each member's snapshot and on the floor board.
    if ((await q.listOpenChallenges(pack.id)).length >= LIMITS.openChallengesPerPack) {
      throw new WolfpackError(
        'conflict',
        `this pack already has ${LIMITS.openChallengesPerPack} open challenges, the most it can run at once; cancel one or wait for one to end`,
      );
    }
    const challenge = built.challenge;
    await q.insertChallenge(challenge);
    await seedTallies(q, challenge);
    const rows = await q.participants(challenge.id);
    if (raceFinished(challenge, rows)) {
      // Created after someone already passed the target (e.g. "first to 10 today" at 4 pm).
      await q.claimStatus(challenge.id, ['scheduled', 'active'], 'ended', now);
      await q.storeResult(challenge.id, decideResult(challenge, rows, now, 'target'));
    }
    return loadView(q, (await q.getChallenge(challenge.id)) ?? challenge);
  });
  ctx.push.toPack(member.packId, 'challenge:created', view);
  if (view.status === 'ended') ctx.push.toPack(member.packId, 'challenge:ended', view);
  ctx.wakeScheduler();
  return view;
}

/**
 * A window that began before the challenge was made counts what was already logged in it, and a
 * member who already passed the target reached it when their log did, not when the challenge
 * was made: else everyone past it would share a race that one of them won.
 */
async function seedTallies(q: Queries, challenge: Challenge): Promise<void> {
  for (const row of seedRows(await q.seedCounted(challenge), challenge.target)) {
    await q.setTally(challenge.id, row);
  }
}

export async function declineChallenge(
  ctx: RelayContext,
  member: Member,
  challengeId: string,
): Promise<ChallengeView> {
  const now = ctx.clock();
  const view = await asMember(ctx, member, async (q) => {
    const challenge = await ownChallenge(q, member, challengeId);
    if (challenge.status === 'ended' || challenge.status === 'cancelled') {
      throw new WolfpackError('challenge_ended', 'that challenge is already over');
    }
    const me = challenge.participants.find((p) => p.memberId === member.id);
    if (!me) throw new WolfpackError('forbidden', 'you are not invited to that challenge');
    if (challenge.creatorId === member.id) {
      throw new WolfpackError('forbidden', 'you created that challenge: cancel it instead');
    }
    if (me.declined) throw new WolfpackError('conflict', 'you already declined that challenge');
    return withdraw(q, challenge, member.id, now);
  });
  pushWithdrawal(ctx, view);
  return view;
}

/**
 * Takes a member out of an open challenge (declined, left or removed). When nobody is left to
 * compete against, the challenge cannot be won, so it is called off.
 */
export async function withdraw(
  q: Queries,
  challenge: Challenge,
  memberId: string,
  now: number,
): Promise<ChallengeView> {
  await q.setDeclined(challenge.id, memberId);
  const remaining = challenge.participants.filter((p) => !p.declined && p.memberId !== memberId).length;
  if ((challenge.format !== 'goal' && remaining < 2) || remaining === 0) {
    await q.claimStatus(challenge.id, ['scheduled', 'active'], 'cancelled', now);
  }
  return loadView(q, (await q.getChallenge(challenge.id)) ?? challenge);
}

export function pushWithdrawal(ctx: RelayContext, view: ChallengeView): void {
  ctx.push.toPack(
    view.packId,
    view.status === 'cancelled' ? 'challenge:cancelled' : 'challenge:updated',
    view,
  );
}

export async function cancelChallenge(
  ctx: RelayContext,
  member: Member,
  challengeId: string,
): Promise<ChallengeView> {
  const now = ctx.clock();
  const view = await asMember(ctx, member, async (q) => {
    const challenge = await ownChallenge(q, member, challengeId);
    if (challenge.creatorId !== member.id) {
      throw new WolfpackError('forbidden', 'only the member who created a challenge can cancel it');
    }
    if (!(await q.claimStatus(challenge.id, ['scheduled', 'active'], 'cancelled', now))) {
      throw new WolfpackError('challenge_ended', 'that challenge is already over');
    }
    return loadView(q, (await q.getChallenge(challenge.id)) ?? challenge);
  });
  ctx.push.toPack(member.packId, 'challenge:cancelled', view);
  ctx.wakeScheduler();
  return view;
}

/** Ends a challenge whose window (plus grace) has passed. Returns false if another node got there first. */
export async function finishChallenge(ctx: RelayContext, challenge: Challenge): Promise<boolean> {
  const now = ctx.clock();
  const done = await inPack(ctx, challenge.packId, async (q) => {
    if (!(await q.claimStatus(challenge.id, ['scheduled', 'active'], 'ended', now))) return null;
    const rows = await q.participants(challenge.id);
    const result = decideResult(
      challenge,
      rows.filter((r) => !r.declined),
      now,
      'time',
    );
    await q.storeResult(challenge.id, result);
    // A pack over the limit (one from before it, or the limit lowered since) does not grow further.
    const full =
      challenge.repeat === 'weekly' &&
      (await q.listOpenChallenges(challenge.packId)).length >= LIMITS.openChallengesPerPack;
    const next = challenge.repeat === 'weekly' && !full ? await repeatNextWeek(q, challenge, now) : null;
    return { view: toView({ ...challenge, status: 'ended', endedAt: now }, rows, result), next, full };
  });
  if (!done) return false;
  ctx.log.info({ challengeId: challenge.id, winners: done.view.result?.winners }, 'challenge ended');
  if (done.full) {
    ctx.log.warn(
      { challengeId: challenge.id, packId: challenge.packId, limit: LIMITS.openChallengesPerPack },
      'weekly repeat not started: the pack has as many open challenges as it may',
    );
  }
  ctx.push.toPack(challenge.packId, 'challenge:ended', done.view);
  if (done.next) {
    ctx.push.toPack(challenge.packId, 'challenge:created', done.next);
    ctx.wakeScheduler();
  }
  return true;
}

/**
 * The same challenge for the week after this one, among the participants still in the pack.
 * Made in the transaction that ends this one, so it is made once, on whichever node ends it.
 */
async function repeatNextWeek(q: Queries, previous: Challenge, now: number): Promise<ChallengeView | null> {
  const pack = await q.getPack(previous.packId);
  if (!pack) return null;
  const active = new Set((await q.listMembers(pack.id)).filter((m) => m.active).map((m) => m.id));
  const participants = previous.participants.filter((p) => !p.declined && active.has(p.memberId));
  if (participants.length < (previous.format === 'goal' ? 1 : 2)) return null;
  const week = nextWeekOf(previous, now, pack);
  const next: Challenge = {
    ...previous,
    id: randomUUID(),
    start: week.start,
    end: week.end,
    horizon: week.horizon,
    participants: participants.map((p) => ({ memberId: p.memberId, declined: false })),
    status: week.start <= now ? 'active' : 'scheduled',
    createdAt: now,
    endedAt: null,
  };
  await q.insertChallenge(next);
  await seedTallies(q, next);
  return loadView(q, next);
}

export async function startChallenge(ctx: RelayContext, challenge: Challenge): Promise<boolean> {
  const now = ctx.clock();
  const view = await inPack(ctx, challenge.packId, async (q) => {
    if (!(await q.claimStatus(challenge.id, ['scheduled'], 'active', now))) return null;
    return loadView(q, { ...challenge, status: 'active' });
  });
  if (!view) return false;
  ctx.push.toPack(challenge.packId, 'challenge:started', view);
  return true;
}

export async function listOpen(ctx: RelayContext, member: Member): Promise<ChallengeView[]> {
  return ctx.storage.read(async (q) =>
    Promise.all((await q.listOpenChallenges(member.packId)).map((c) => loadView(q, c))),
  );
}

import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { ChallengeResult } from '../../core/types.ts';
import type { ContractEnv } from './storage-contract.ts';
import { challengeOf, seedPack } from './storage-contract-fixtures.ts';

function resultOf(challengeId: string, winner: string, endedAt: number): ChallengeResult {
  return {
    challengeId,
    reason: 'time',
    winners: [winner],
    tie: false,
    standings: [{ memberId: winner, count: 3, rank: 1, reachedAt: null }],
    margin: 3,
    endedAt,
  };
}

export function challengeContract(env: ContractEnv): void {
  it('stores a challenge as made: participants in their order, period, horizon, repeat', async () => {
    const seeded = await seedPack(env.storage, 3);
    const participants = [...seeded.members].reverse().map((m) => ({ memberId: m.id, declined: false }));
    const made = challengeOf(seeded, {
      format: 'race',
      target: 10,
      stake: 'lunch',
      metric: 'forward',
      period: { kind: 'this-week' },
      horizon: { from: '2030-01-01', to: '2030-04-01' },
      participants,
      repeat: 'weekly',
    });
    await env.storage.transaction((q) => q.insertChallenge(made), { lock: seeded.pack.id });
    expect(await env.storage.read((q) => q.getChallenge(made.id))).toEqual(made);
    const rows = await env.storage.read((q) => q.participants(made.id));
    expect(rows).toEqual(participants.map((p) => ({ ...p, count: 0, reachedAt: null })));
  });

  it('moves tallies and declines', async () => {
    const seeded = await seedPack(env.storage);
    const [a, b] = seeded.members;
    if (!a || !b) throw new Error('two members expected');
    const made = challengeOf(seeded);
    await env.storage.transaction(async (q) => {
      await q.insertChallenge(made);
      await q.setTally(made.id, { memberId: a.id, count: 7, reachedAt: 1234 });
      await q.setDeclined(made.id, b.id);
    });
    expect(await env.storage.read((q) => q.participants(made.id))).toEqual([
      { memberId: a.id, count: 7, reachedAt: 1234, declined: false },
      { memberId: b.id, count: 0, reachedAt: null, declined: true },
    ]);
  });

  it('says what is open, what is due to start or end, and when the next one falls due', async () => {
    const seeded = await seedPack(env.storage);
    const now = 1_900_000_000_000;
    const grace = 60_000;
    // Up since before every end below: each one's grace runs from its end.
    const upSince = 0;
    const scheduled = challengeOf(seeded, { status: 'scheduled', start: now - 10, end: now + 500_000 });
    const later = challengeOf(seeded, { status: 'scheduled', start: now + 100_000, end: now + 400_000 });
    const ending = challengeOf(seeded, { status: 'active', start: now - 900_000, end: now - grace });
    const inGrace = challengeOf(seeded, { status: 'active', start: now - 900_000, end: now - grace + 1 });
    const ended = challengeOf(seeded, { status: 'ended', end: now - 999_999, endedAt: now - 999_000 });
    await env.storage.transaction(async (q) => {
      for (const c of [scheduled, later, ending, inGrace, ended]) await q.insertChallenge(c);
    });
    const open = await env.storage.read((q) => q.listOpenChallenges(seeded.pack.id));
    expect(open.map((c) => c.id)).toEqual([ending.id, inGrace.id, later.id, scheduled.id]);
    expect((await env.storage.read((q) => q.dueToStart(now))).map((c) => c.id)).toEqual([scheduled.id]);
    expect((await env.storage.read((q) => q.dueToEnd(now, grace, upSince))).map((c) => c.id)).toEqual([
      ending.id,
    ]);
    expect(await env.storage.read((q) => q.nextDue(grace, upSince))).toBe(now - 10);

    const claims = await env.storage.transaction(async (q) => [
      await q.claimStatus(scheduled.id, ['scheduled'], 'active', now),
      await q.claimStatus(scheduled.id, ['scheduled'], 'active', now),
      await q.claimStatus(ending.id, ['scheduled', 'active'], 'ended', now + 1),
      await q.claimStatus(inGrace.id, ['scheduled', 'active'], 'cancelled', now + 2),
    ]);
    expect(claims).toEqual([true, false, true, true]);
    const after = await env.storage.read(async (q) => ({
      started: await q.getChallenge(scheduled.id),
      ended: await q.getChallenge(ending.id),
      cancelled: await q.getChallenge(inGrace.id),
      next: await q.nextDue(grace, upSince),
      due: await q.dueToEnd(now, grace, upSince),
    }));
    expect(after.started).toMatchObject({ status: 'active', endedAt: null });
    expect(after.ended).toMatchObject({ status: 'ended', endedAt: now + 1 });
    expect(after.cancelled).toMatchObject({ status: 'cancelled', endedAt: now + 2 });
    expect(after.next).toBe(now + 100_000);
    expect(after.due).toEqual([]);
  });

  it('runs the grace of an end that fell while the relay was down from when it came back', async () => {
    const seeded = await seedPack(env.storage);
    const back = 1_900_000_000_000;
    const grace = 60_000;
    expect(await env.storage.read((q) => q.nextDue(grace, back))).toBeNull();
    const whileDown = challengeOf(seeded, { status: 'active', start: back - 900_000, end: back - 300_000 });
    const afterBack = challengeOf(seeded, { status: 'active', start: back - 900_000, end: back + 30_000 });
    await env.storage.transaction(async (q) => {
      for (const c of [whileDown, afterBack]) await q.insertChallenge(c);
    });
    const due = (now: number) =>
      env.storage.read(async (q) => (await q.dueToEnd(now, grace, back)).map((c) => c.id));
    expect(await env.storage.read((q) => q.nextDue(grace, back))).toBe(back + grace);
    expect(await due(back + grace - 1)).toEqual([]);
    expect(await due(back + grace)).toEqual([whileDown.id]);
    expect(await due(back + 30_000 + grace)).toEqual([whileDown.id, afterBack.id]);
  });

  it('keeps a result and tells each participant about it until they acknowledge it, only once ended', async () => {
    const seeded = await seedPack(env.storage, 3);
    const [a, b, c] = seeded.members;
    if (!a || !b || !c) throw new Error('three members expected');
    const made = challengeOf(seeded);
    await env.storage.transaction(async (q) => {
      await q.insertChallenge(made);
      await q.setDeclined(made.id, c.id);
    });
    expect(await env.storage.transaction((q) => q.markResultsSeen(a.id, [made.id], 1))).toBe(0);
    expect(await env.storage.read((q) => q.unseenResults(a.id))).toEqual([]);
    const result = resultOf(made.id, a.id, 500);
    await env.storage.transaction(async (q) => {
      await q.claimStatus(made.id, ['active'], 'ended', 500);
      await q.storeResult(made.id, result);
    });
    expect(await env.storage.read((q) => q.getResult(made.id))).toEqual(result);
    expect(await env.storage.read((q) => q.unseenResults(a.id))).toEqual([made.id]);
    expect(await env.storage.read((q) => q.unseenResults(b.id))).toEqual([made.id]);
    expect(await env.storage.read((q) => q.unseenResults(c.id))).toEqual([]);
    const seen = await env.storage.transaction(async (q) => [
      await q.markResultsSeen(a.id, [made.id, made.id], 600),
      await q.markResultsSeen(a.id, [made.id], 700),
    ]);
    expect(seen).toEqual([1, 0]);
    expect(await env.storage.read((q) => q.unseenResults(a.id))).toEqual([]);
    expect(await env.storage.read((q) => q.unseenResults(b.id))).toEqual([made.id]);
  });

  it('pages through ended challenges newest first, ties broken by id, with filters', async () => {
    const seeded = await seedPack(env.storage, 3);
    const [a, b, c] = seeded.members;
    if (!a || !b || !c) throw new Error('three members expected');
    const ends = [100, 200, 200, 200, 300, 400];
    const made = ends.map((endedAt, i) =>
      challengeOf(seeded, {
        id: randomUUID(),
        status: 'ended',
        endedAt,
        metric: i % 2 === 0 ? 'call' : 'appointment',
        participants: [
          { memberId: a.id, declined: false },
          { memberId: b.id, declined: i === 0 },
          ...(i === 1 ? [{ memberId: c.id, declined: false }] : []),
        ],
      }),
    );
    const open = challengeOf(seeded);
    await env.storage.transaction(async (q) => {
      for (const ch of [...made, open]) await q.insertChallenge(ch);
    });
    const expected = [...made]
      .sort((x, y) => (y.endedAt ?? 0) - (x.endedAt ?? 0) || (x.id < y.id ? 1 : -1))
      .map((ch) => ch.id);
    const paged: string[] = [];
    let before: { endedAt: number; id: string } | null = null;
    for (let page = 0; page < 10; page++) {
      const items = await env.storage.read((q) => q.listEnded({ packId: seeded.pack.id, before, limit: 4 }));
      paged.push(...items.map((ch) => ch.id));
      const last = items.at(-1);
      if (items.length < 4 || !last) break;
      before = { endedAt: last.endedAt ?? 0, id: last.id };
    }
    expect(paged).toEqual(expected);
    const calls = await env.storage.read((q) =>
      q.listEnded({ packId: seeded.pack.id, before: null, limit: 10, metric: 'call' }),
    );
    expect(calls.map((ch) => ch.id)).toEqual(
      expected.filter((id) => made.find((m) => m.id === id)?.metric === 'call'),
    );
    const withB = await env.storage.read((q) =>
      q.listEnded({ packId: seeded.pack.id, before: null, limit: 10, memberId: b.id }),
    );
    expect(withB.map((ch) => ch.id)).toEqual(expected.filter((id) => id !== made[0]?.id));
    const between = await env.storage.read((q) => q.listEndedBetween(seeded.pack.id, a.id, c.id));
    expect(between.map((ch) => ch.id)).toEqual([made[1]?.id]);
    const shared = made[1];
    if (!shared) throw new Error('challenge expected');
    await env.storage.transaction((q) =>
      q.storeResult(shared.id, {
        challengeId: shared.id,
        reason: 'time',
        winners: [c.id],
        tie: false,
        standings: [],
        margin: 1,
        endedAt: shared.endedAt ?? 0,
      }),
    );
    const results = await env.storage.read((q) => q.resultsBetween(seeded.pack.id, a.id, c.id));
    expect(results).toEqual([expect.objectContaining({ challengeId: shared.id, winners: [c.id] })]);
  });

  it('adds up daily counts, never below zero, by day, member and metric', async () => {
    const { pack, members } = await seedPack(env.storage);
    const [a, b] = members;
    if (!a || !b) throw new Error('two members expected');
    await env.storage.transaction(async (q) => {
      await q.addDailyCount(pack.id, a.id, 'call', '2026-03-02', 3);
      await q.addDailyCount(pack.id, a.id, 'call', '2026-03-02', 2);
      await q.addDailyCount(pack.id, b.id, 'call', '2026-03-01', 1);
      await q.addDailyCount(pack.id, b.id, 'proposal', '2026-03-02', 2);
      await q.addDailyCount(pack.id, b.id, 'proposal', '2026-03-02', -5);
      await q.addDailyCount(pack.id, b.id, 'proposal', '2026-03-02', 1);
      await q.addDailyCount(pack.id, a.id, 'call', '2026-03-09', 4);
    });
    const rows = await env.storage.read((q) => q.dailyCounts(pack.id, '2026-03-01', '2026-03-08'));
    const sorted = [
      { memberId: b.id, metric: 'call', day: '2026-03-01', count: 1 },
      ...[
        { memberId: a.id, metric: 'call', day: '2026-03-02', count: 5 },
        { memberId: b.id, metric: 'proposal', day: '2026-03-02', count: 1 },
      ].sort((x, y) => (x.memberId < y.memberId ? -1 : 1)),
    ];
    expect(rows).toEqual(sorted);
    const calls = await env.storage.read((q) => q.dailyCounts(pack.id, '2026-03-02', '2026-03-09', 'call'));
    expect(calls.map((r) => r.count)).toEqual([5, 4]);
  });

  it('writes text exactly as given, quotes and backslashes included', async () => {
    const { pack, members } = await seedPack(env.storage);
    const member = members[0];
    if (!member) throw new Error('no member');
    const metric = `it's a \\'"; drop table events; --`;
    await env.storage.transaction(async (q) => {
      await q.addDailyCount(pack.id, member.id, metric, '2026-03-02', 2);
      await q.recordCounted(metric, metric);
    });
    const rows = await env.storage.read((q) => q.dailyCounts(pack.id, '2026-03-02', '2026-03-02', metric));
    expect(rows).toEqual([{ memberId: member.id, metric, day: '2026-03-02', count: 2 }]);
    expect(await env.storage.read((q) => q.countedIn(metric))).toEqual([metric]);
  });

  it('keeps cheers once by id and board links until revoked', async () => {
    const { pack, members } = await seedPack(env.storage);
    const [a, b] = members;
    if (!a || !b) throw new Error('two members expected');
    const cheer = {
      id: randomUUID(),
      fromId: a.id,
      toId: b.id,
      reaction: 'cheer' as const,
      text: 'go!',
      eventId: null,
      challengeId: null,
      createdAt: 10,
    };
    const board = { id: randomUUID(), label: 'Floor', createdAt: 20, revokedAt: null };
    const inserted = await env.storage.transaction(async (q) => {
      await q.insertBoard(pack.id, board, 'board-hash');
      return [await q.insertCheer(pack.id, cheer), await q.insertCheer(pack.id, cheer)];
    });
    expect(inserted).toEqual([true, false]);
    expect(await env.storage.read((q) => q.recentCheers(pack.id, 10))).toEqual([cheer]);
    expect(await env.storage.read((q) => q.getCheer(cheer.id))).toEqual({ ...cheer, packId: pack.id });
    // The cheer limit counts one sender's cheers from an instant on, both ends of it included.
    expect(
      await env.storage.read(async (q) => [
        await q.countCheersSince(pack.id, a.id, 10),
        await q.countCheersSince(pack.id, a.id, 11),
        await q.countCheersSince(pack.id, b.id, 0),
      ]),
    ).toEqual([1, 0, 0]);
    expect(await env.storage.read((q) => q.findBoardByTokenHash('board-hash'))).toEqual({
      ...board,
      packId: pack.id,
    });
    const revoked = await env.storage.transaction(async (q) => [
      await q.revokeBoard(pack.id, board.id, 30),
      await q.revokeBoard(pack.id, board.id, 40),
    ]);
    expect(revoked).toEqual([true, false]);
    expect(await env.storage.read((q) => q.findBoardByTokenHash('board-hash'))).toBeNull();
    expect(await env.storage.read((q) => q.listBoards(pack.id))).toEqual([{ ...board, revokedAt: 30 }]);
  });
}

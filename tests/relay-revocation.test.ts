/**
 * A member who left, or a board link revoked, in the database without this relay doing it (as
 * another node does, with no Redis to tell this one): the relay refuses their writes at once and
 * cuts off their sockets within a second.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../core/uuid.ts';
import type { RelayOptions } from '../server/relay.ts';
import { SqliteStorage } from '../server/storage/sqlite.ts';
import {
  connect,
  connectBoard,
  createPack,
  joinPack,
  logEvent,
  ok,
  removeDir,
  request,
  testRelay,
  type TestRelay,
  type TestSocket,
} from './helpers/relay.ts';

const started: { relay: TestRelay; dir: string; sockets: TestSocket[] }[] = [];

/** A relay on a SQLite file that the test writes to directly, as another node would. */
async function relayWithStorage(options: RelayOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'wolfpack-revocation-'));
  const storage = SqliteStorage.open(join(dir, 'relay.sqlite'));
  const relay = await testRelay({ ...options, storage });
  const sockets: TestSocket[] = [];
  started.push({ relay, dir, sockets });
  const a = await createPack(relay.url, 'Alex');
  const b = await joinPack(relay.url, a.inviteCode, 'Sam');
  const c = await joinPack(relay.url, a.inviteCode, 'Kim');
  const open = async (token: string, board = false) => {
    const socket = await (board ? connectBoard : connect)(relay.url, token);
    sockets.push(socket);
    return socket;
  };
  return { relay, storage, a, b, c, open };
}

afterEach(async () => {
  for (const { relay, dir, sockets } of started.splice(0)) {
    for (const socket of sockets) socket.close();
    await relay.close();
    removeDir(relay.dir);
    removeDir(dir);
  }
});

describe('a departure the relay did not make itself', () => {
  it('refuses every write of a member who is no longer in the pack, before their socket is cut off', async () => {
    // The sweep that cuts sockets off is a minute away: only the check in each write stands.
    const { storage, a, b, c, open } = await relayWithStorage({ revocationSweepMs: 60_000 });
    const alex = await open(a.token);
    const sam = await open(b.token);
    const alexLog = logEvent();
    await ok(alex, 'activity:log', { events: [alexLog] });
    const today = { metric: 'call', format: 'most', period: { kind: 'today' } } as const;
    const { challenge } = await ok(alex, 'challenge:create', today);
    const { board } = await ok(alex, 'board:create', {});
    const packId = a.pack.id;
    await storage.transaction(
      async (q) => {
        await q.deactivateMember(a.member.id, Date.now());
        await q.deactivateMember(b.member.id, Date.now());
      },
      { lock: packId },
    );
    const state = () =>
      storage.read(async (q) => ({
        feed: await q.recentFeed(packId, 100),
        open: await q.listOpenChallenges(packId),
        metrics: await q.listCustomMetrics(packId),
        invite: await q.getInviteCode(packId),
        boards: await q.listBoards(packId),
        members: await q.listMembers(packId),
        cheers: await q.recentCheers(packId, 100),
      }));
    const before = await state();

    const answers = [
      await request(sam, 'activity:log', { events: [logEvent()] }),
      await request(sam, 'challenge:create', today),
      await request(sam, 'challenge:decline', { challengeId: challenge.id }),
      await request(sam, 'cheer:send', { id: uuidv7(), reaction: 'cheer', eventId: alexLog.id }),
      await request(sam, 'metric:add', { id: 'demo', label: 'Demos' }),
      await request(sam, 'result:ack', { challengeIds: [challenge.id] }),
      await request(sam, 'session:resume', {}),
      await request(alex, 'challenge:cancel', { challengeId: challenge.id }),
      await request(alex, 'pack:rotate-invite', {}),
      await request(alex, 'board:create', {}),
      await request(alex, 'board:revoke', { boardId: board.id }),
      await request(alex, 'pack:remove-member', { memberId: c.member.id }),
    ];
    expect(answers.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(answers.map(() => 'unauthorized'));
    expect(await state()).toEqual(before);
    expect(sam.connected && alex.connected).toBe(true);
  });

  it('cuts off the sockets of a member who left and of a revoked board within a second, telling them first', async () => {
    const { storage, a, b, open } = await relayWithStorage();
    const alex = await open(a.token);
    const sam = await open(b.token);
    const { board, token } = await ok(alex, 'board:create', {});
    const screen = await open(token, true);
    const heard: string[] = [];
    sam.on('session:revoked', () => void heard.push('sam revoked'));
    screen.on('board:revoked', () => void heard.push('board revoked'));
    const gone = (socket: TestSocket, who: string) =>
      new Promise<void>((resolve) =>
        socket.once('disconnect', () => resolve(void heard.push(`${who} gone`))),
      );
    const bothGone = Promise.all([gone(sam, 'sam'), gone(screen, 'board')]);

    const from = Date.now();
    await storage.transaction(
      async (q) => {
        await q.deactivateMember(b.member.id, Date.now());
        await q.revokeBoard(a.pack.id, board.id, Date.now());
      },
      { lock: a.pack.id },
    );
    const within = await Promise.race([bothGone.then(() => Date.now() - from), wait(3000)]);
    expect(within).toBeLessThan(1000);
    expect(heard.indexOf('sam revoked')).toBeLessThan(heard.indexOf('sam gone'));
    expect(heard.indexOf('board revoked')).toBeLessThan(heard.indexOf('board gone'));
    expect(heard.indexOf('sam revoked')).toBeGreaterThanOrEqual(0);
    expect(heard.indexOf('board revoked')).toBeGreaterThanOrEqual(0);
    // The owner, still a member, is left alone, and can still log.
    expect(alex.connected).toBe(true);
    await ok(alex, 'activity:log', { events: [logEvent()] });
  });
});

/** Resolves with a figure no deadline check passes. */
const wait = (ms: number): Promise<number> => new Promise((r) => setTimeout(() => r(Infinity), ms));

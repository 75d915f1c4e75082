import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../client/outbox.ts';
import { profilePaths } from '../client/profile.ts';
import { RelaySession } from '../client/session.ts';
import type { SessionErrorInfo } from '../client/session-events.ts';
import { LIMITS } from '../core/limits.ts';
import type { Ack } from '../core/protocol.ts';
import { memberProfile, ownerProfile } from './helpers/profile-relay.ts';
import { removeTempDirs } from './helpers/profile-dirs.ts';
import {
  connect,
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

/**
 * Issue 11: each request takes its cost from the member's budget (REQUEST_COSTS), at the relay's
 * default rate, so an expensive request cannot be repeated fast enough to keep a node busy while
 * logging, listing and reconnecting stay as cheap as before.
 */
let relay: TestRelay;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  relay = await testRelay();
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await relay.close();
  removeDir(relay.dir);
  await removeTempDirs();
});

async function member(name: string, inviteCode?: string) {
  const joined = inviteCode ? await joinPack(relay.url, inviteCode, name) : await createPack(relay.url, name);
  const socket = await connect(relay.url, joined.token);
  sockets.push(socket);
  return { ...joined, socket };
}

const day = (offset: number) => new Date(Date.now() + offset * 24 * 3600 * 1000).toISOString().slice(0, 10);

/** Answers a reply of the flood by its code: 'ok' or the error code. */
const outcome = (reply: Ack<object>) => (reply.ok ? 'ok' : reply.error.code);

describe('a member spending the budget on expensive requests', () => {
  it('is refused challenge:create with rate_limited and nothing is made, while another pack is answered', async () => {
    const attacker = await member('Mallory');
    const mate = await member('Mate', attacker.inviteCode);
    const victim = await member('Vic');
    const flood = Promise.all(
      Array.from({ length: 8 }, () =>
        request(attacker.socket, 'challenge:create', {
          metric: 'call',
          format: 'most',
          period: { kind: 'today' },
        }),
      ),
    );
    const answered = [];
    for (let i = 0; i < 10; i++) answered.push(outcome(await request(victim.socket, 'challenge:list', {})));
    const replies = await flood;
    expect(answered.every((o) => o === 'ok')).toBe(true);
    const made = replies.filter((r) => r.ok).length;
    expect(made).toBeGreaterThan(0);
    expect(made).toBeLessThanOrEqual(4);
    expect(replies.filter((r) => !r.ok).map(outcome)).toEqual(Array(8 - made).fill('rate_limited'));
    expect((await ok(mate.socket, 'challenge:list', {})).challenges).toHaveLength(made);
  });

  it('is refused a run of two-year history:counts, while a week of counts at a time stays cheap', async () => {
    const attacker = await member('Counter');
    const replies = await Promise.all(
      Array.from({ length: 8 }, () =>
        request(attacker.socket, 'history:counts', {
          from: day(-LIMITS.maxCountDays + 2),
          to: day(0),
          bucket: 'day',
        }),
      ),
    );
    expect(replies.map(outcome)).toContain('rate_limited');
    expect(replies.filter((r) => r.ok).length).toBeLessThanOrEqual(5);
    const reader = await member('Reader');
    for (let i = 0; i < 40; i++) {
      expect(
        outcome(await request(reader.socket, 'history:counts', { from: day(-6), to: day(0), bucket: 'day' })),
      ).toBe('ok');
    }
  });

  it('is refused full batches past the budget and stores none of them, while single logs stay cheap', async () => {
    const attacker = await member('Batcher');
    const batch = () => Array.from({ length: LIMITS.eventsPerBatch }, () => logEvent());
    const replies = await Promise.all(
      Array.from({ length: 8 }, () => request(attacker.socket, 'activity:log', { events: batch() })),
    );
    const stored = replies.filter((r) => r.ok).length;
    expect(replies.map(outcome)).toContain('rate_limited');
    const counts = await new Promise((r) => setTimeout(r, 1500)).then(() =>
      ok(attacker.socket, 'history:counts', { from: day(-1), to: day(1), bucket: 'day' }),
    );
    expect(counts.rows.reduce((n, row) => n + row.count, 0)).toBe(stored * LIMITS.eventsPerBatch);
    const logger = await member('Logger');
    for (let i = 0; i < 60; i++) {
      expect(outcome(await request(logger.socket, 'activity:log', { events: [logEvent()] }))).toBe('ok');
    }
  });
});

describe('a normal client', () => {
  it('is never limited through reconnects, resumes, logging and sending its outbox', async () => {
    const own = await testRelay();
    const restart = async (previous: TestRelay) => {
      await previous.close();
      return testRelay({ dbPath: previous.dbPath, port: previous.port });
    };
    let current = own;
    const errors: SessionErrorInfo[] = [];
    const resumes: number[] = [];
    const sessions: RelaySession[] = [];
    const outboxes: Outbox[] = [];
    try {
      const alex = await ownerProfile(current.url, 'Alex');
      const sam = await memberProfile(current.url, alex, 'Sam');
      const outbox = await Outbox.open(profilePaths(alex.dir).outbox);
      outboxes.push(outbox);
      // The tray app with the outbox, a second window of the same member, and a partner.
      for (const [who, box] of [
        [alex, outbox],
        [alex, null],
        [sam, null],
      ] as const) {
        const session = new RelaySession({ url: current.url, token: who.config.token, outbox: box });
        session.on('error', (info) => errors.push(info));
        const index = resumes.push(0) - 1;
        session.on('snapshot', () => (resumes[index] = (resumes[index] ?? 0) + 1));
        session.start();
        sessions.push(session);
      }
      const [tray] = sessions as [RelaySession];
      let logged = 0;
      for (let round = 0; round < 3; round++) {
        await Promise.all(sessions.map((s) => s.whenOnline(30_000)));
        for (let i = 0; i < 10; i++) await tray.log([logEvent()]);
        logged += 10;
        await eventually(() => tray.queued === 0);
        // The relay restarts (a deploy): meanwhile the rep keeps logging into the outbox.
        const restarting = restart(current);
        await tray.log(Array.from({ length: 150 }, () => logEvent()));
        logged += 150;
        current = await restarting;
      }
      await Promise.all(sessions.map((s) => s.whenOnline(30_000)));
      await eventually(() => tray.queued === 0, 30_000);
      expect(errors.filter((e) => e.code === 'rate_limited')).toEqual([]);
      // Each of them connected and resumed four times.
      expect(resumes).toEqual([4, 4, 4]);
      const counts = await tray.request('history:counts', { from: day(-1), to: day(1), bucket: 'day' });
      expect(counts.rows.reduce((n, row) => n + row.count, 0)).toBe(logged);
    } finally {
      for (const s of sessions) await s.close();
      for (const o of outboxes) await o.close();
      await current.close();
      removeDir(own.dir);
    }
  }, 120_000);
});

async function eventually(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('the condition did not hold in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

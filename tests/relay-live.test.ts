import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ActivityPush, ChallengeView } from '../core/types.ts';
import { SqliteStorage } from '../server/storage/sqlite.ts';
import type { Storage } from '../server/storage/types.ts';
import {
  connect,
  createPack,
  joinPack,
  logEvent,
  nextPush,
  nextFeedEntry,
  nextStandings,
  ok,
  pair,
  removeDir,
  request,
  testRelay,
  type TestRelay,
} from './helpers/relay.ts';

let relay: TestRelay;

beforeAll(async () => {
  relay = await testRelay();
});
afterAll(async () => {
  await relay.close();
  removeDir(relay.dir);
});

const countOf = (c: { standings: { memberId: string; count: number }[] }, memberId: string) =>
  c.standings.find((s) => s.memberId === memberId)?.count;

describe('live partner tallies', () => {
  it("shows a partner the other one's log at once, as standings and as a feed entry", async () => {
    const { a, b, sa, sb } = await pair(relay.url);
    const { challenge } = await ok(sa, 'challenge:create', {
      metric: 'call',
      format: 'most',
      period: { kind: 'this-week' },
    });
    const standings = nextStandings(sb, (u) => u.challengeId === challenge.id);
    const feed = nextFeedEntry(sb, (e) => e.memberId === a.member.id);
    await ok(sa, 'activity:log', { events: [logEvent('call', { count: 2 })] });
    expect(countOf(await standings, a.member.id)).toBe(2);
    expect(countOf(await standings, b.member.id)).toBe(0);
    expect(await feed).toMatchObject({ type: 'log', metric: 'call', count: 2 });
    sa.close();
    sb.close();
  });

  it('pushes a batch to the pack as one message, and a resent batch not at all', async () => {
    const { a, sa, sb } = await pair(relay.url);
    const { challenge } = await ok(sa, 'challenge:create', {
      metric: 'call',
      format: 'most',
      period: { kind: 'this-week' },
    });
    const pushes: ActivityPush[] = [];
    sb.on('activity:stored', (push) => void pushes.push(push));
    const events = [logEvent(), logEvent('call', { count: 3 }), logEvent('appointment')];
    const first = await ok(sa, 'activity:log', { events });
    const seqs = first.outcomes.map((o) => (o.status === 'accepted' ? o.seq : -1));
    await ok(sa, 'activity:log', { events });
    // A message after the resend, so that a push it made would have arrived by now.
    await ok(sb, 'activity:log', { events: [logEvent('proposal')] });
    await vi.waitFor(() => expect(pushes).toHaveLength(2));

    const [batch, later] = pushes as [ActivityPush, ActivityPush];
    expect(batch.feed.map((e) => [e.eventId, e.seq])).toEqual(events.map((e, i) => [e.id, seqs[i]]));
    // The call challenge moved once for the batch, at the last call's seq: 4 calls.
    expect(batch.standings).toHaveLength(1);
    expect(batch.standings[0]).toMatchObject({ challengeId: challenge.id, seq: seqs[1] });
    expect(batch.standings[0]?.standings.find((s) => s.memberId === a.member.id)?.count).toBe(4);
    // A proposal moves no challenge: its push carries the feed entry alone.
    expect(later).toMatchObject({ standings: [], feed: [{ metric: 'proposal' }] });
    sa.close();
    sb.close();
  });

  it('counts the same batch sent three times once', async () => {
    const { a, sa, sb } = await pair(relay.url);
    const { challenge } = await ok(sa, 'challenge:create', {
      metric: 'call',
      format: 'most',
      period: { kind: 'today' },
    });
    const events = [logEvent(), logEvent('call', { count: 3 }), logEvent()];
    const first = await ok(sa, 'activity:log', { events });
    const second = await ok(sa, 'activity:log', { events });
    const third = await ok(sa, 'activity:log', { events });
    expect(first.outcomes.map((o) => o.status)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(second.outcomes.map((o) => o.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(third.outcomes).toEqual(second.outcomes);
    // The duplicate carries the sequence the relay gave the original, so a client can reconcile.
    expect(second.outcomes.map((o) => (o.status === 'duplicate' ? o.seq : 0))).toEqual(
      first.outcomes.map((o) => (o.status === 'accepted' ? o.seq : -1)),
    );
    const snap = await ok(sb, 'session:resume', {});
    expect(countOf(snap.challenges.find((c) => c.id === challenge.id) as ChallengeView, a.member.id)).toBe(5);
    sa.close();
    sb.close();
  });

  it('counts what was logged earlier in the window when a challenge starts mid-week', async () => {
    const { a, sa, sb } = await pair(relay.url);
    await ok(sa, 'activity:log', { events: [logEvent('appointment', { count: 4 })] });
    const { challenge } = await ok(sb, 'challenge:create', {
      metric: 'appointment',
      format: 'most',
      period: { kind: 'this-week' },
    });
    expect(countOf(challenge, a.member.id)).toBe(4);
    sa.close();
    sb.close();
  });

  it("lets a member undo their own log, once, and not a partner's", async () => {
    const { a, sa, sb } = await pair(relay.url);
    const { challenge } = await ok(sa, 'challenge:create', {
      metric: 'call',
      format: 'most',
      period: { kind: 'today' },
    });
    const log = logEvent('call', { count: 2 });
    await ok(sa, 'activity:log', { events: [log] });
    const theirs = await ok(sb, 'activity:log', {
      events: [{ id: logEvent().id, type: 'undo', retracts: log.id, occurredAt: Date.now() }],
    });
    expect(theirs.outcomes[0]).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    const lowered = nextStandings(sb, (u) => u.challengeId === challenge.id);
    const mine = await ok(sa, 'activity:log', {
      events: [{ id: logEvent().id, type: 'undo', retracts: log.id, occurredAt: Date.now() }],
    });
    expect(mine.outcomes[0]?.status).toBe('accepted');
    expect(countOf(await lowered, a.member.id)).toBe(0);
    const again = await ok(sa, 'activity:log', {
      events: [{ id: logEvent().id, type: 'undo', retracts: log.id, occurredAt: Date.now() }],
    });
    expect(again.outcomes[0]).toMatchObject({ status: 'rejected', error: { code: 'conflict' } });
    sa.close();
    sb.close();
  });

  it('ends a race the moment someone reaches the target and freezes it against undo', async () => {
    const { a, sa, sb } = await pair(relay.url);
    const { challenge } = await ok(sa, 'challenge:create', {
      metric: 'call',
      format: 'race',
      target: 3,
      period: { kind: 'today' },
    });
    const endedForB = nextPush(sb, 'challenge:ended', (c) => c.id === challenge.id);
    await ok(sa, 'activity:log', { events: [logEvent('call', { count: 2 })] });
    const winning = logEvent();
    await ok(sa, 'activity:log', { events: [winning] });
    const ended = await endedForB;
    expect(ended.status).toBe('ended');
    expect(ended.result).toMatchObject({ reason: 'target', winners: [a.member.id], tie: false, margin: 3 });
    const late = await ok(sa, 'activity:log', {
      events: [{ id: logEvent().id, type: 'undo', retracts: winning.id, occurredAt: Date.now() }],
    });
    expect(late.outcomes[0]).toMatchObject({ status: 'rejected', error: { code: 'undo_too_late' } });
    sa.close();
    sb.close();
  });

  it('ends a timed challenge at its end and delivers the result once, also to a partner who was away', async () => {
    const { a, b, sa, sb } = await pair(relay.url);
    sb.close();
    const now = Date.now();
    const { challenge } = await ok(sa, 'challenge:create', {
      metric: 'call',
      format: 'most',
      period: { kind: 'instants', start: now - 1000, end: now + 1500 },
      title: 'Sprint',
    });
    await ok(sa, 'activity:log', { events: [logEvent()] });
    const ended = await nextPush(sa, 'challenge:ended', (c) => c.id === challenge.id);
    expect(ended.result).toMatchObject({ reason: 'time', winners: [a.member.id], margin: 1 });

    const back = await connect(relay.url, b.token);
    const first = await ok(back, 'session:resume', {});
    expect(first.unseenResults.map((c) => c.id)).toEqual([challenge.id]);
    expect(first.unseenResults[0]?.result?.winners).toEqual([a.member.id]);
    await ok(back, 'result:ack', { challengeIds: [challenge.id] });
    back.close();
    const later = await connect(relay.url, b.token);
    expect((await ok(later, 'session:resume', {})).unseenResults).toEqual([]);
    later.close();
    sa.close();
  });

  it('starts a scheduled challenge at its start instant', async () => {
    const { sa, sb } = await pair(relay.url);
    const now = Date.now();
    const { challenge } = await ok(sa, 'challenge:create', {
      metric: 'proposal',
      format: 'goal',
      target: 2,
      period: { kind: 'instants', start: now + 800, end: now + 60_000 },
    });
    expect(challenge.status).toBe('scheduled');
    const started = await nextPush(sb, 'challenge:started', (c) => c.id === challenge.id);
    expect(started.status).toBe('active');
    sa.close();
    sb.close();
  });

  it('lets an invited member decline, which calls off a two-person challenge, and only the creator cancel', async () => {
    const { sa, sb } = await pair(relay.url);
    const { challenge } = await ok(sa, 'challenge:create', {
      metric: 'call',
      format: 'most',
      period: { kind: 'today' },
    });
    const cancelByB = await request(sb, 'challenge:cancel', { challengeId: challenge.id });
    expect(cancelByB).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const declined = await ok(sb, 'challenge:decline', { challengeId: challenge.id });
    expect(declined.challenge.status).toBe('cancelled');
    const { challenge: second } = await ok(sa, 'challenge:create', {
      metric: 'call',
      format: 'most',
      period: { kind: 'today' },
    });
    const cancelled = nextPush(sb, 'challenge:cancelled', (c) => c.id === second.id);
    await ok(sa, 'challenge:cancel', { challengeId: second.id });
    expect((await cancelled).status).toBe('cancelled');
    expect(await request(sa, 'challenge:cancel', { challengeId: second.id })).toMatchObject({
      ok: false,
      error: { code: 'challenge_ended' },
    });
    sa.close();
    sb.close();
  });
});

describe('pack membership', () => {
  it('refuses a rotated invite code and the token of a removed member', async () => {
    const a = await createPack(relay.url, 'Owner');
    const b = await joinPack(relay.url, a.inviteCode, 'Bo');
    const sa = await connect(relay.url, a.token);
    const sb = await connect(relay.url, b.token);
    const { inviteCode } = await ok(sa, 'pack:rotate-invite', {});
    expect(inviteCode).not.toBe(a.inviteCode);
    expect(await request(sb, 'pack:rotate-invite', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const stale = await fetch(`${relay.url}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inviteCode: a.inviteCode, displayName: 'Late' }),
    });
    expect(stale.status).toBe(404);
    expect(((await stale.json()) as { error: { code: string } }).error.code).toBe('invite_invalid');
    // People type codes in lower case and without dashes.
    const c = await joinPack(relay.url, inviteCode.toLowerCase().replaceAll('-', ''), 'Cy');
    expect(c.pack.id).toBe(a.pack.id);

    const revoked = nextPush(sb, 'session:revoked');
    await ok(sa, 'pack:remove-member', { memberId: b.member.id });
    expect((await revoked).reason).toMatch(/removed/);
    await expect(connect(relay.url, b.token)).rejects.toMatchObject({ data: { code: 'unauthorized' } });
    const snap = await ok(sa, 'session:resume', {});
    expect(snap.members.find((m) => m.id === b.member.id)?.active).toBe(false);
    sa.close();
  });

  it('hands the pack to the longest-standing member when the owner leaves, and tells the pack', async () => {
    const a = await createPack(relay.url, 'First');
    const b = await joinPack(relay.url, a.inviteCode, 'Second');
    const sa = await connect(relay.url, a.token);
    const sb = await connect(relay.url, b.token);
    const { challenge } = await ok(sa, 'challenge:create', {
      metric: 'call',
      format: 'most',
      period: { kind: 'today' },
    });
    const cancelled = nextPush(sb, 'challenge:cancelled', (c) => c.id === challenge.id);
    const handedOver = nextPush(sb, 'pack:updated');
    const left = nextPush(sb, 'member:left');
    await ok(sa, 'pack:leave', {});
    // With the owner gone, a two-person "most" challenge has nobody to compete against.
    expect((await cancelled).status).toBe('cancelled');
    expect((await handedOver).ownerId).toBe(b.member.id);
    expect((await left).id).toBe(a.member.id);
    const snap = await ok(sb, 'session:resume', {});
    expect(snap.pack.ownerId).toBe(b.member.id);
    expect(snap.inviteCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    sb.close();
  });

  it('tells the pack about a metric a member adds, and counts it', async () => {
    const { a, sa, sb } = await pair(relay.url);
    const added = nextPush(sb, 'metric:added');
    await ok(sa, 'metric:add', { id: 'demo', label: 'Product demos' });
    expect(await added).toEqual({
      id: 'demo',
      label: 'Product demos',
      needsMeetingDate: false,
      builtIn: false,
    });
    const { challenge } = await ok(sb, 'challenge:create', {
      metric: 'demo',
      format: 'goal',
      target: 2,
      period: { kind: 'today' },
    });
    const update = nextStandings(sb, (u) => u.challengeId === challenge.id);
    await ok(sa, 'activity:log', { events: [logEvent('demo', { count: 2 })] });
    expect((await update).standings[0]).toMatchObject({ memberId: a.member.id, count: 2, rank: 1 });
    sa.close();
    sb.close();
  });
});

describe('a storage whose commits reach the disk later (PostgreSQL with flushLater)', () => {
  /** SQLite whose durable() waits until the test opens the gate: a slow disk flush. */
  class SlowDisk {
    readonly storage: Storage;
    #gate: { promise: Promise<void>; open(): void } = SlowDisk.#closed();
    asked = 0;

    constructor(inner: Storage) {
      this.storage = {
        transaction: (fn, options) => inner.transaction(fn, options),
        read: (fn) => inner.read(fn),
        health: () => inner.health(),
        close: () => inner.close(),
        durable: async () => {
          this.asked += 1;
          await this.#gate.promise;
          await inner.durable();
        },
      };
    }

    open(): void {
      this.#gate.open();
      this.#gate = SlowDisk.#closed();
    }

    static #closed() {
      let open!: () => void;
      const promise = new Promise<void>((resolve) => (open = resolve));
      return { promise, open };
    }
  }

  it('shows the partner a log at once, and acknowledges it (or its resend) only once it is durable', async () => {
    const disk = new SlowDisk(SqliteStorage.open(':memory:'));
    const slow = await testRelay({ storage: disk.storage });
    try {
      const { a, sa, sb } = await pair(slow.url);
      const { challenge } = await ok(sa, 'challenge:create', {
        metric: 'call',
        format: 'most',
        period: { kind: 'this-week' },
      });
      const event = logEvent('call', { count: 3 });
      const standings = nextStandings(sb, (u) => u.challengeId === challenge.id);
      let acked = false;
      const ack = request(sa, 'activity:log', { events: [event] }).finally(() => (acked = true));
      expect(countOf(await standings, a.member.id)).toBe(3);
      // A resend while the first copy waits for the disk is not acknowledged early either.
      let resendAcked = false;
      const resend = request(sa, 'activity:log', { events: [event] }).finally(() => (resendAcked = true));
      for (let i = 0; i < 20 && disk.asked < 2; i++) await new Promise((r) => setTimeout(r, 10));
      expect(disk.asked).toBe(2);
      expect([acked, resendAcked]).toEqual([false, false]);
      disk.open();
      expect(await ack).toMatchObject({ ok: true, outcomes: [{ id: event.id, status: 'accepted' }] });
      expect(await resend).toMatchObject({ ok: true, outcomes: [{ id: event.id, status: 'duplicate' }] });
      // A rejected log promises nothing, so it does not wait for the disk.
      const refused = await request(sa, 'activity:log', {
        events: [logEvent('call', { occurredAt: Date.now() - 100 * 86_400_000 })],
      });
      expect(refused).toMatchObject({ ok: true, outcomes: [{ status: 'rejected' }] });
      sa.close();
      sb.close();
    } finally {
      disk.open();
      await slow.close();
      removeDir(slow.dir);
    }
  });
});

import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChallengeView, LogEvent, Standing } from '../core/types.ts';
import { uuidv7 } from '../core/uuid.ts';
import { Mirror } from '../client/mirror.ts';
import { attachMirror } from '../client/mirror-binding.ts';
import { Outbox } from '../client/outbox.ts';
import { profilePaths } from '../client/profile.ts';
import { RelaySession } from '../client/session.ts';
import type { RelaySocket, ResultLedger, SessionOptions } from '../client/session.ts';
import { removeTempDirs } from './helpers/profile-dirs.ts';
import { memberProfile, nextEvent, ownerProfile, startTestRelay } from './helpers/profile-relay.ts';
import type { TestMember, TestRelay } from './helpers/profile-relay.ts';

const open: { close(): Promise<void> }[] = [];

function track<T extends { close(): Promise<void> }>(thing: T): T {
  open.push(thing);
  return thing;
}

function session(
  member: TestMember,
  extra: Pick<SessionOptions, 'outbox' | 'results' | 'connect'> = {},
): RelaySession {
  const s = track(new RelaySession({ url: member.config.relayUrl, token: member.config.token, ...extra }));
  s.start();
  return s;
}

async function outboxOf(member: TestMember): Promise<Outbox> {
  return track(await Outbox.open(profilePaths(member.dir).outbox));
}

function call(count = 1): LogEvent {
  return { id: uuidv7(), type: 'log', metric: 'call', count, occurredAt: Date.now() };
}

function countOf(standings: readonly Standing[], memberId: string): number | undefined {
  return standings.find((s) => s.memberId === memberId)?.count;
}

/** A window that surely holds "now" for the whole test, whatever the clock says. */
function openWindow() {
  return { kind: 'instants' as const, start: Date.now() - 60_000, end: Date.now() + 3_600_000 };
}

function memorySet(): ResultLedger & { shown: string[] } {
  const shown: string[] = [];
  return { shown, hasShown: (id) => shown.includes(id), markShown: (id) => void shown.push(id) };
}

let relay: TestRelay;

beforeAll(async () => {
  relay = await startTestRelay();
});

afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

afterAll(async () => {
  await relay.close();
  await removeTempDirs();
});

describe('two partners through a real relay', () => {
  it("shows B the standings and the feed entry of A's log, and A's own count once", async () => {
    const a = await ownerProfile(relay.url, 'Alex');
    const b = await memberProfile(relay.url, a, 'Sam');
    const sa = session(a, { outbox: await outboxOf(a) });
    const mirrorA = new Mirror();
    attachMirror(sa, mirrorA);
    await sa.whenOnline(5_000);
    const { challenge } = await sa.request('challenge:create', {
      metric: 'call',
      format: 'most',
      period: openWindow(),
    });

    const sb = session(b);
    const mirrorB = new Mirror();
    attachMirror(sb, mirrorB);
    await sb.whenOnline(5_000);

    const aId = a.joined.member.id;
    const standings = nextEvent(sb, 'standings', (u) => u.challengeId === challenge.id);
    const feed = nextEvent(sb, 'feed', (e) => e.memberId === aId);
    const stored = nextEvent(sa, 'stored');
    const log = call(3);
    await sa.log([log]);
    // Shown to A before the relay has answered.
    expect(countOf(mirrorA.challenge(challenge.id)?.standings ?? [], aId)).toBe(3);

    expect(countOf((await standings).standings, aId)).toBe(3);
    expect(await feed).toMatchObject({ eventId: log.id, type: 'log', metric: 'call', count: 3 });
    expect(countOf(mirrorB.challenge(challenge.id)?.standings ?? [], aId)).toBe(3);
    expect((await stored).ids).toEqual([log.id]);
    expect(countOf(mirrorA.challenge(challenge.id)?.standings ?? [], aId)).toBe(3);
    await sa.flush();
    expect(sa.queued).toBe(0);
  });

  it('counts 200 events logged while the relay was down exactly 200 times after it is back', async () => {
    const dbPath = join(relay.dbPath, '..', `offline-${Date.now()}.sqlite`);
    let downable = await startTestRelay({ dbPath });
    const a = await ownerProfile(downable.url, 'Alex');
    const b = await memberProfile(downable.url, a, 'Sam');
    const outbox = await outboxOf(a);
    const sa = session(a, { outbox });
    await sa.whenOnline(5_000);
    const { challenge } = await sa.request('challenge:create', {
      metric: 'call',
      format: 'most',
      period: openWindow(),
    });

    const offline = nextEvent(sa, 'connection', ({ state }) => state !== 'online');
    await downable.close();
    await offline;
    for (let i = 0; i < 200; i++) await sa.log([call()]);
    expect(sa.queued).toBe(200);

    const drained = nextEvent(
      sa,
      'connection',
      ({ state, queued }) => state === 'online' && queued === 0,
      20_000,
    );
    downable = await startTestRelay({ dbPath, port: downable.port });
    try {
      await drained;
      const sb = session(b);
      const snapshot = await sb.whenOnline(5_000);
      const view = snapshot.challenges.find((c) => c.id === challenge.id);
      expect(countOf(view?.standings ?? [], a.joined.member.id)).toBe(200);
      expect(outbox.size).toBe(0);
    } finally {
      for (const thing of open.splice(0).reverse()) await thing.close();
      await downable.close();
    }
  });

  it('hands each partner a race result once, also when it ended while they were away', async () => {
    const a = await ownerProfile(relay.url, 'Alex');
    const b = await memberProfile(relay.url, a, 'Sam');
    const ledgerA = memorySet();
    const sa = session(a, { outbox: await outboxOf(a), results: ledgerA });
    await sa.whenOnline(5_000);
    const { challenge } = await sa.request('challenge:create', {
      metric: 'call',
      format: 'race',
      target: 2,
      period: openWindow(),
    });
    const resultA = nextEvent(sa, 'result', (v) => v.id === challenge.id);
    await sa.log([call(2)]);
    expect((await resultA).result?.winners).toEqual([a.joined.member.id]);

    const ledgerB = memorySet();
    const seenByB: ChallengeView[] = [];
    const sb = session(b, { results: ledgerB });
    sb.on('result', (view) => seenByB.push(view));
    await sb.whenOnline(5_000);
    expect(seenByB.map((v) => v.id)).toEqual([challenge.id]);
    await sb.close();

    const again = session(b, { results: ledgerB });
    again.on('result', (view) => seenByB.push(view));
    const snapshot = await again.whenOnline(5_000);
    expect(snapshot.unseenResults).toEqual([]);
    expect(seenByB).toHaveLength(1);
    expect(ledgerA.shown).toEqual([challenge.id]);
  });

  it('drops an event the relay refuses for good and says why', async () => {
    const a = await ownerProfile(relay.url, 'Alex');
    const sa = session(a, { outbox: await outboxOf(a) });
    await sa.whenOnline(5_000);
    const rejected = nextEvent(sa, 'rejected');
    const event: LogEvent = { ...call(), metric: 'demo' };
    await sa.log([event]);
    const { event: dropped, error } = await rejected;
    expect(dropped.id).toBe(event.id);
    expect(error.code).toBe('unknown_metric');
    await sa.flush();
    expect(sa.queued).toBe(0);
  });

  it('keeps a partner current when a metric is added and the owner leaves, and reports an unanswerable message', async () => {
    const a = await ownerProfile(relay.url, 'Alex');
    const b = await memberProfile(relay.url, a, 'Sam');
    const sa = session(a);
    let socketB: RelaySocket | undefined;
    const sb = session(b, { connect: (url, options) => (socketB = io(url, options)) });
    const mirrorB = new Mirror();
    attachMirror(sb, mirrorB);
    await Promise.all([sa.whenOnline(5_000), sb.whenOnline(5_000)]);

    const metric = nextEvent(sb, 'metric');
    await sa.request('metric:add', { id: 'demo', label: 'Product demos' });
    expect(await metric).toEqual({
      id: 'demo',
      label: 'Product demos',
      needsMeetingDate: false,
      builtIn: false,
    });
    expect(mirrorB.metrics().map((m) => m.id)).toContain('demo');

    const samId = b.joined.member.id;
    const pack = nextEvent(sb, 'pack');
    await sa.request('pack:leave', {});
    expect((await pack).ownerId).toBe(samId);
    expect(mirrorB.pack()?.ownerId).toBe(samId);
    expect(mirrorB.member(samId)?.role).toBe('owner');

    // A message without a callback gets no ack; the relay says so on the side, and the session goes on.
    const refused = nextEvent(sb, 'error');
    (socketB?.emit as (this: RelaySocket, event: string, payload: unknown) => void).call(
      socketB as RelaySocket,
      'challenge:list',
      {},
    );
    expect(await refused).toMatchObject({ code: 'bad_request', fatal: false, event: 'challenge:list' });
    expect((await refused).message).toMatch(/could not answer challenge:list: .*acknowledgement callback/);
    expect(sb.state).toBe('online');
    await expect(sb.request('challenge:list', {})).resolves.toEqual({ ok: true, challenges: [] });
  });

  it('fails fast and for good with a token the relay does not know', async () => {
    const a = await ownerProfile(relay.url, 'Alex');
    const s = session({ ...a, config: { ...a.config, token: 'not-a-token' } });
    await expect(s.whenOnline(5_000)).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(s.whenOnline(5_000)).rejects.toMatchObject({ code: 'unauthorized' });
  });
});

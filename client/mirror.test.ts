import { describe, expect, it } from 'vitest';
import { BUILT_IN_METRICS } from '../core/metrics.ts';
import { PROTOCOL_VERSION } from '../core/protocol.ts';
import { uuidv7 } from '../core/uuid.ts';
import type {
  ChallengeView,
  FeedEntry,
  LogEvent,
  Member,
  Snapshot,
  Standing,
  UndoEvent,
} from '../core/types.ts';
import { Mirror } from './mirror.ts';

const NOW = Date.UTC(2026, 2, 4, 12);
const YOU = '00000000-0000-4000-8000-00000000000a';
const SAM = '00000000-0000-4000-8000-00000000000b';
const PACK = '00000000-0000-4000-8000-0000000000ff';

function member(id: string, displayName: string): Member {
  return { id, packId: PACK, displayName, role: 'member', joinedAt: NOW - 1000, active: true };
}

function challenge(overrides: Partial<ChallengeView> = {}): ChallengeView {
  return {
    id: '00000000-0000-4000-8000-000000000c01',
    packId: PACK,
    creatorId: YOU,
    title: 'Most calls this week',
    stake: null,
    repeat: null,
    metric: 'call',
    format: 'most',
    target: null,
    period: { kind: 'this-week' },
    start: NOW - 86_400_000,
    end: NOW + 86_400_000,
    horizon: null,
    participants: [
      { memberId: YOU, declined: false },
      { memberId: SAM, declined: false },
    ],
    status: 'active',
    createdAt: NOW - 86_400_000,
    endedAt: null,
    standings: [
      { memberId: SAM, count: 27, rank: 1, reachedAt: null },
      { memberId: YOU, count: 22, rank: 2, reachedAt: null },
    ],
    result: null,
    ...overrides,
  };
}

function snapshot(challenges: ChallengeView[], feed: FeedEntry[] = []): Snapshot {
  const you = member(YOU, 'You');
  return {
    protocol: PROTOCOL_VERSION,
    serverTime: NOW,
    you,
    pack: { id: PACK, name: 'Wolves', timeZone: 'Europe/Berlin', weekStart: 1, ownerId: YOU, createdAt: NOW },
    members: [you, member(SAM, 'Sam')],
    metrics: [...BUILT_IN_METRICS],
    inviteCode: null,
    challenges,
    unseenResults: [],
    cheers: [],
    feed,
  };
}

function call(count = 1, metric = 'call'): LogEvent {
  return { id: uuidv7(NOW), type: 'log', metric, count, occurredAt: NOW };
}

function countOf(mirror: Mirror, memberId: string): number | undefined {
  return mirror.challenges()[0]?.standings.find((s: Standing) => s.memberId === memberId)?.count;
}

function relayStandings(you: number, sam: number): Standing[] {
  return [
    { memberId: SAM, count: sam, rank: sam >= you ? 1 : 2, reachedAt: null },
    { memberId: YOU, count: you, rank: you >= sam ? 1 : 2, reachedAt: null },
  ];
}

describe('Mirror', () => {
  it('shows a local log at once, then trusts the relay without counting it twice', () => {
    const mirror = new Mirror();
    const c = challenge();
    mirror.applySnapshot(snapshot([c]), []);
    const log = call(2);

    mirror.addPending([log]);
    expect(countOf(mirror, YOU)).toBe(24);

    // The relay pushes the new standings, then acks on the same socket.
    mirror.applyStandings({ challengeId: c.id, standings: relayStandings(24, 27), seq: 10 });
    mirror.settle([log.id]);
    expect(countOf(mirror, YOU)).toBe(24);

    // A partner's log changes only their row.
    mirror.applyStandings({ challengeId: c.id, standings: relayStandings(24, 28), seq: 11 });
    expect(countOf(mirror, YOU)).toBe(24);
    expect(countOf(mirror, SAM)).toBe(28);
  });

  it('re-ranks with the pending count: overtaking shows before the relay answers', () => {
    const mirror = new Mirror();
    mirror.applySnapshot(snapshot([challenge()]), []);
    mirror.addPending([call(6)]);
    const [first] = mirror.challenges()[0]?.standings ?? [];
    expect(first).toEqual({ memberId: YOU, count: 28, rank: 1, reachedAt: null });
  });

  it('counts only events that count for the challenge', () => {
    const mirror = new Mirror();
    mirror.applySnapshot(snapshot([challenge()]), []);
    mirror.addPending([call(5, 'proposal'), { ...call(3), occurredAt: NOW - 7 * 86_400_000 }]);
    expect(countOf(mirror, YOU)).toBe(22);
  });

  it('does not count queued events the snapshot already holds (an ack lost on the way)', () => {
    const mirror = new Mirror();
    const stored = call();
    const unsent = call();
    const entry: FeedEntry = {
      seq: 9,
      eventId: stored.id,
      memberId: YOU,
      type: 'log',
      metric: 'call',
      count: 1,
      occurredAt: NOW,
      meetingDate: null,
      note: null,
      retracts: null,
    };
    mirror.applySnapshot(snapshot([challenge()], [entry]), [stored, unsent]);
    expect(countOf(mirror, YOU)).toBe(23);
    expect(mirror.pendingCount).toBe(1);
  });

  it('takes a pending undo off at once, and cancels a log undone before it was sent', () => {
    const mirror = new Mirror();
    const c = challenge();
    mirror.applySnapshot(snapshot([c]), []);
    const sent = call(3);
    mirror.addPending([sent]);
    mirror.applyStandings({ challengeId: c.id, standings: relayStandings(25, 27), seq: 12 });
    mirror.settle([sent.id]);

    const undo: UndoEvent = { id: uuidv7(NOW), type: 'undo', retracts: sent.id, occurredAt: NOW };
    mirror.addPending([undo]);
    expect(countOf(mirror, YOU)).toBe(22);
    mirror.applyStandings({ challengeId: c.id, standings: relayStandings(22, 27), seq: 13 });
    mirror.settle([undo.id]);
    expect(countOf(mirror, YOU)).toBe(22);

    const unsent = call(4);
    mirror.addPending([unsent, { id: uuidv7(NOW), type: 'undo', retracts: unsent.id, occurredAt: NOW }]);
    expect(countOf(mirror, YOU)).toBe(22);
  });

  it('counts a log sent again under a new id once, and its pending undo with it', () => {
    const mirror = new Mirror();
    const c = challenge();
    mirror.applySnapshot(snapshot([c]), []);
    const taken = call(3);
    const undo: UndoEvent = { id: uuidv7(NOW), type: 'undo', retracts: taken.id, occurredAt: NOW };
    mirror.addPending([taken]);
    const renamed = { ...taken, id: uuidv7(NOW) };
    mirror.rewrite([{ from: taken.id, event: renamed }]);
    expect(countOf(mirror, YOU)).toBe(25);

    // Stored under the new id: the relay's count takes over from the pending one.
    mirror.applyStandings({ challengeId: c.id, standings: relayStandings(25, 27), seq: 14 });
    mirror.settle([renamed.id]);
    expect(countOf(mirror, YOU)).toBe(25);
    expect(mirror.pendingCount).toBe(0);

    const unsent = call(2);
    const undoUnsent: UndoEvent = { ...undo, id: uuidv7(NOW), retracts: unsent.id };
    mirror.addPending([unsent, undoUnsent]);
    const next = { ...unsent, id: uuidv7(NOW) };
    mirror.rewrite([
      { from: unsent.id, event: next },
      { from: undoUnsent.id, event: { ...undoUnsent, retracts: next.id } },
    ]);
    expect(countOf(mirror, YOU)).toBe(25);
  });

  it('marks the moment a race target is reached by a pending log', () => {
    const mirror = new Mirror();
    const race = challenge({ format: 'race', target: 23 });
    mirror.applySnapshot(snapshot([race]), []);
    mirror.addPending([call(1)]);
    const you = mirror.challenges()[0]?.standings.find((s) => s.memberId === YOU);
    expect(you?.reachedAt).toBe(NOW);
  });

  it('drops ended and cancelled challenges and adds new ones', () => {
    const mirror = new Mirror();
    const c = challenge();
    mirror.applySnapshot(snapshot([c]), []);
    const next = challenge({ id: '00000000-0000-4000-8000-000000000c02', status: 'scheduled' });
    mirror.applyChallenge('created', next);
    expect(mirror.challenges().map((x) => x.id)).toEqual([c.id, next.id]);
    mirror.applyChallenge('ended', { ...c, status: 'ended' });
    mirror.applyChallenge('cancelled', { ...next, status: 'cancelled' });
    expect(mirror.challenges()).toEqual([]);
  });

  it('keeps the pack and its owner current when the owner leaves and a member inherits it', () => {
    const mirror = new Mirror();
    const snap = snapshot([]);
    mirror.applySnapshot({ ...snap, members: [{ ...snap.you, role: 'owner' }, member(SAM, 'Sam')] }, []);
    expect(mirror.pack()?.ownerId).toBe(YOU);

    mirror.applyMember({ ...snap.you, role: 'owner', active: false });
    mirror.applyPack({ ...snap.pack, ownerId: SAM });
    expect(mirror.pack()?.ownerId).toBe(SAM);
    expect(mirror.members().map((m) => [m.displayName, m.role])).toEqual([
      ['You', 'member'],
      ['Sam', 'owner'],
    ]);
  });

  it('lists a metric a partner added next to those of the snapshot, once', () => {
    const mirror = new Mirror();
    expect(mirror.metrics()).toEqual([]);
    mirror.applySnapshot(snapshot([]), []);
    const demo = { id: 'demo', label: 'Product demos', needsMeetingDate: false, builtIn: false };
    mirror.applyMetric(demo);
    mirror.applyMetric(demo);
    expect(mirror.metrics().map((m) => m.id)).toEqual([...BUILT_IN_METRICS.map((m) => m.id), 'demo']);
    // A later snapshot is the whole truth again.
    mirror.applySnapshot({ ...snapshot([]), metrics: [...BUILT_IN_METRICS, demo] }, []);
    expect(mirror.metrics()).toHaveLength(BUILT_IN_METRICS.length + 1);
  });

  it('tells subscribers about changes until they unsubscribe', () => {
    const mirror = new Mirror();
    const kinds: string[] = [];
    const off = mirror.on('change', ({ kind }) => kinds.push(kind));
    mirror.applySnapshot(snapshot([challenge()]), []);
    mirror.addPending([call()]);
    off();
    mirror.addPending([call()]);
    expect(kinds).toEqual(['snapshot', 'standings']);
  });
});

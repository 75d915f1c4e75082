import type { MetricDef } from '../core/metrics.ts';
import { applyDelta, eventCountsFor, rankStandings } from '../core/tally.ts';
import type { TallyRow } from '../core/tally.ts';
import type {
  ActivityEvent,
  ChallengeView,
  EpochMs,
  FeedEntry,
  LocalDate,
  Member,
  Pack,
  Snapshot,
  Standing,
  StandingsUpdate,
} from '../core/types.ts';
import { createEmitter } from './emitter.ts';
import type { Subscribable } from './emitter.ts';
import { withRewrites } from './outbox-rewrite.ts';
import type { ChallengeChange, EventRewrite } from './session-events.ts';

export type MirrorChange = 'snapshot' | 'standings' | 'feed' | 'challenges' | 'members' | 'pack' | 'metrics';

export interface MirrorEvents {
  change: { kind: MirrorChange };
}

interface OwnLog {
  metric: string;
  count: number;
  occurredAt: EpochMs;
  meetingDate: LocalDate | null;
}

const FEED_SIZE = 200;
const OWN_LOGS_KEPT = 1000;

/**
 * The live state a UI shows: pack, metrics, open challenges, standings, feed, members. Standings shown are the
 * relay's counts plus this member's own events that the relay has not acknowledged yet, so a log
 * shows at once and is never counted twice: the relay pushes new standings before it acks, and
 * an event stops being pending at its ack.
 */
export class Mirror implements Subscribable<MirrorEvents> {
  readonly on: Subscribable<MirrorEvents>['on'];
  #emitter = createEmitter<MirrorEvents>();
  #youId: string | null = null;
  #pack: Pack | null = null;
  #metrics: MetricDef[] = [];
  #challenges = new Map<string, ChallengeView>();
  #members = new Map<string, Member>();
  #feed: FeedEntry[] = [];
  #pending = new Map<string, ActivityEvent>();
  /** This member's logs the relay holds, so that a pending undo knows what it takes away. */
  #ownLogs = new Map<string, OwnLog>();

  constructor() {
    this.on = this.#emitter.on.bind(this.#emitter);
  }

  get youId(): string | null {
    return this.#youId;
  }

  /** Replaces everything; `queued` is the outbox, of which the snapshot may already hold some. */
  applySnapshot(snapshot: Snapshot, queued: readonly ActivityEvent[]): void {
    this.#youId = snapshot.you.id;
    this.#pack = snapshot.pack;
    this.#metrics = [...snapshot.metrics];
    this.#challenges = new Map(snapshot.challenges.map((c) => [c.id, c]));
    this.#members = new Map(snapshot.members.map((m) => [m.id, m]));
    this.#feed = snapshot.feed.slice(-FEED_SIZE);
    for (const entry of this.#feed) this.#rememberOwn(entry);
    // An event whose ack was lost on the way is in the snapshot's counts already: not pending.
    const stored = new Set(snapshot.feed.map((entry) => entry.eventId));
    this.#pending = new Map(queued.filter((e) => !stored.has(e.id)).map((e) => [e.id, e]));
    this.#changed('snapshot');
  }

  applyStandings(update: StandingsUpdate): void {
    const challenge = this.#challenges.get(update.challengeId);
    if (!challenge) return;
    this.#challenges.set(challenge.id, { ...challenge, standings: update.standings });
    this.#changed('standings');
  }

  applyFeed(entry: FeedEntry): void {
    if (this.#feed.some((e) => e.seq === entry.seq)) return;
    this.#feed.push(entry);
    if (this.#feed.length > FEED_SIZE) this.#feed.splice(0, this.#feed.length - FEED_SIZE);
    this.#rememberOwn(entry);
    this.#changed('feed');
  }

  applyChallenge(change: ChallengeChange, challenge: ChallengeView): void {
    // The mirror holds open challenges only; results reach the UI through the session's 'result'.
    if (
      change === 'ended' ||
      change === 'cancelled' ||
      challenge.status === 'ended' ||
      challenge.status === 'cancelled'
    ) {
      this.#challenges.delete(challenge.id);
    } else {
      this.#challenges.set(challenge.id, challenge);
    }
    this.#changed('challenges');
  }

  applyMember(member: Member): void {
    this.#members.set(member.id, member);
    this.#changed('members');
  }

  /** The owner left and another member inherited the pack; roles follow the pack's owner. */
  applyPack(pack: Pack): void {
    this.#pack = pack;
    for (const member of this.#members.values()) {
      const role = member.id === pack.ownerId ? 'owner' : 'member';
      if (member.role !== role) this.#members.set(member.id, { ...member, role });
    }
    this.#changed('pack');
  }

  applyMetric(metric: MetricDef): void {
    const index = this.#metrics.findIndex((m) => m.id === metric.id);
    if (index === -1) this.#metrics.push(metric);
    else this.#metrics[index] = metric;
    this.#changed('metrics');
  }

  /** A local log or undo, made durable in the outbox: shown at once. */
  addPending(events: readonly ActivityEvent[]): void {
    for (const event of events) this.#pending.set(event.id, event);
    this.#changed('standings');
  }

  /** Queued events sent again under new ids, whose acks name the new ones; nothing shown changes. */
  rewrite(changes: readonly EventRewrite[]): void {
    const events = withRewrites(this.#pending.values(), changes);
    this.#pending = new Map(events.map((event) => [event.id, event]));
  }

  /** The relay stored (or refused for good) these events: its own counts now speak for them. */
  settle(ids: readonly string[]): void {
    let changed = false;
    for (const id of ids) {
      const event = this.#pending.get(id);
      if (!event) continue;
      this.#pending.delete(id);
      if (event.type === 'log') this.#remember(id, { ...event, meetingDate: event.meetingDate ?? null });
      changed = true;
    }
    if (changed) this.#changed('standings');
  }

  get pendingCount(): number {
    return this.#pending.size;
  }

  pack(): Pack | null {
    return this.#pack;
  }

  /** The metrics the pack counts: the built-in ones, then its own. */
  metrics(): MetricDef[] {
    return [...this.#metrics];
  }

  members(): Member[] {
    return [...this.#members.values()];
  }

  member(id: string): Member | undefined {
    return this.#members.get(id);
  }

  feed(): FeedEntry[] {
    return [...this.#feed];
  }

  challenge(id: string): ChallengeView | undefined {
    const challenge = this.#challenges.get(id);
    return challenge && { ...challenge, standings: this.#displayed(challenge) };
  }

  /** Open challenges with the standings to show (relay counts plus own pending events). */
  challenges(): ChallengeView[] {
    return [...this.#challenges.values()].map((c) => ({ ...c, standings: this.#displayed(c) }));
  }

  #displayed(challenge: ChallengeView): Standing[] {
    const you = this.#youId;
    const deltas = you ? this.#pendingDeltas(challenge, you) : [];
    if (deltas.length === 0) return challenge.standings;
    const rows: TallyRow[] = challenge.standings.map(({ memberId, count, reachedAt }) => ({
      memberId,
      count,
      reachedAt,
    }));
    let index = rows.findIndex((row) => row.memberId === you);
    if (index === -1 && you) {
      index = rows.push({ memberId: you, count: 0, reachedAt: null }) - 1;
    }
    for (const { delta, at } of deltas) {
      const row = rows[index];
      if (row) rows[index] = applyDelta(row, delta, at, challenge.target);
    }
    return rankStandings(rows, challenge.format);
  }

  #pendingDeltas(challenge: ChallengeView, you: string): { delta: number; at: EpochMs }[] {
    const retractedHere = new Set<string>();
    for (const event of this.#pending.values()) if (event.type === 'undo') retractedHere.add(event.retracts);
    const deltas: { delta: number; at: EpochMs }[] = [];
    for (const event of this.#pending.values()) {
      if (event.type === 'log') {
        // A log undone before it was ever sent cancels out locally.
        if (retractedHere.has(event.id)) continue;
        if (eventCountsFor(challenge, { ...event, memberId: you, meetingDate: event.meetingDate }))
          deltas.push({ delta: event.count, at: event.occurredAt });
        continue;
      }
      const target = this.#ownLogs.get(event.retracts);
      if (target && eventCountsFor(challenge, { ...target, memberId: you })) {
        deltas.push({ delta: -target.count, at: event.occurredAt });
      }
    }
    return deltas;
  }

  #rememberOwn(entry: FeedEntry): void {
    if (entry.memberId !== this.#youId || entry.type !== 'log') return;
    this.#remember(entry.eventId, entry);
  }

  #remember(id: string, log: OwnLog): void {
    this.#ownLogs.set(id, {
      metric: log.metric,
      count: log.count,
      occurredAt: log.occurredAt,
      meetingDate: log.meetingDate,
    });
    if (this.#ownLogs.size > OWN_LOGS_KEPT) {
      const oldest = this.#ownLogs.keys().next().value;
      if (oldest !== undefined) this.#ownLogs.delete(oldest);
    }
  }

  #changed(kind: MirrorChange): void {
    this.#emitter.emit('change', { kind });
  }
}

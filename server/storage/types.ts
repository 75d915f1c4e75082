import type { MetricDef } from '../../core/metrics.ts';
import type {
  BoardLink,
  Cheer,
  Challenge,
  ChallengeResult,
  ChallengeStatus,
  EpochMs,
  FeedEntry,
  LocalDate,
  Member,
  Pack,
  StoredEvent,
} from '../../core/types.ts';
import type { TallyRow } from '../../core/tally.ts';

export interface ParticipantRow extends TallyRow {
  declined: boolean;
}

export interface EndedPage {
  items: Challenge[];
  results: Map<string, ChallengeResult>;
}

export interface EndedFilter {
  packId: string;
  /** Exclusive cursor: challenges that ended before this one in (endedAt, id) order. */
  before: { endedAt: EpochMs; id: string } | null;
  limit: number;
  metric?: string | undefined;
  memberId?: string | undefined;
}

export interface DailyCount {
  memberId: string;
  metric: string;
  day: LocalDate;
  count: number;
}

export interface DailyTarget {
  memberId: string;
  metric: string;
  target: number;
}

/**
 * Every query the relay makes. One implementation per database; the relay's services take this
 * interface and never see SQL. Methods are async so that a networked database fits the same shape.
 */
export interface Queries {
  insertPack(pack: Pack, inviteCode: string): Promise<void>;
  getPack(packId: string): Promise<Pack | null>;
  setPackOwner(packId: string, ownerId: string): Promise<void>;
  getInviteCode(packId: string): Promise<string | null>;
  setInviteCode(packId: string, inviteCode: string): Promise<void>;
  findPackByInvite(inviteCode: string): Promise<Pack | null>;

  insertMember(member: Member, tokenHash: string): Promise<void>;
  /** Active members only: a removed member's token stops working. */
  findMemberByTokenHash(tokenHash: string): Promise<Member | null>;
  getMember(memberId: string): Promise<Member | null>;
  listMembers(packId: string): Promise<Member[]>;
  deactivateMember(memberId: string, at: EpochMs): Promise<boolean>;
  /**
   * True while the member belongs to this pack and has not left (nor been removed). Every write
   * made for a member asks it inside its transaction, so a departed member writes nothing, even
   * before its sockets are cut off.
   */
  isActiveMember(packId: string, memberId: string): Promise<boolean>;

  listCustomMetrics(packId: string): Promise<MetricDef[]>;
  /** False when the pack already has a metric with this id. */
  insertMetric(packId: string, metric: MetricDef): Promise<boolean>;

  /**
   * Stores a new event; resolves to its sequence number. A networked database sends the insert
   * with the transaction's next round trip (a read, or the commit): a caller that can wait for
   * the commit reads the number afterwards, and awaiting it inside the transaction sends it at
   * once. An id already taken fails the whole transaction with EventIdTaken.
   */
  appendEvent(event: Omit<StoredEvent, 'seq' | 'retractedBy'>): PromiseLike<number>;
  getEvent(eventId: string): Promise<StoredEvent | null>;
  /** Only when not retracted yet; false otherwise. */
  markRetracted(eventId: string, undoId: string): Promise<boolean>;
  recentFeed(packId: string, limit: number): Promise<FeedEntry[]>;
  /**
   * Seeds a new challenge: records every unretracted log of its participants that falls in its
   * window and horizon as counted in it, in one statement whatever their number, and returns
   * them in the order they were stored.
   */
  seedCounted(
    challenge: Challenge,
  ): Promise<{ id: string; memberId: string; count: number; occurredAt: EpochMs; receivedAt: EpochMs }[]>;

  /**
   * This transaction's commit waits for the disk after all, though it began with `flushLater`:
   * it decides something announced once and for all (a race's end).
   */
  durableCommit(): void;

  /** Records that an event counted in a challenge, so that its undo reverses exactly that. */
  recordCounted(eventId: string, challengeId: string): Promise<void>;
  countedIn(eventId: string): Promise<string[]>;

  insertChallenge(challenge: Challenge): Promise<void>;
  getChallenge(challengeId: string): Promise<Challenge | null>;
  /** Scheduled and active challenges of a pack. */
  listOpenChallenges(packId: string): Promise<Challenge[]>;
  participants(challengeId: string): Promise<ParticipantRow[]>;
  /**
   * Moves one member's tally by delta as applyDelta would (reachedAt against the target),
   * without reading it first; the challenge's rows after it, once the transaction has sent it.
   * Offered only where that saves a round trip (PostgreSQL's one-message log).
   */
  addToTally?(
    challengeId: string,
    memberId: string,
    delta: number,
    at: EpochMs,
    target: number | null,
  ): PromiseLike<ParticipantRow[]>;
  setTally(
    challengeId: string,
    row: { memberId: string; count: number; reachedAt: EpochMs | null },
  ): Promise<void>;
  setDeclined(challengeId: string, memberId: string): Promise<void>;
  /** Conditional update: true only for the caller that moved the status (once across nodes). */
  claimStatus(
    challengeId: string,
    from: ChallengeStatus[],
    to: ChallengeStatus,
    at: EpochMs,
  ): Promise<boolean>;
  storeResult(challengeId: string, result: ChallengeResult): Promise<void>;
  getResult(challengeId: string): Promise<ChallengeResult | null>;
  /** Scheduled challenges whose start has come. */
  dueToStart(now: EpochMs): Promise<Challenge[]>;
  /**
   * Active or scheduled challenges whose grace has passed. Grace runs from the end, or from
   * `resumedAt` (when this relay started) for an end that fell before it: logs queued while the
   * relay was down get their grace once it is back.
   */
  dueToEnd(now: EpochMs, graceMs: number, resumedAt: EpochMs): Promise<Challenge[]>;
  /** The next instant at which a start or an end (its grace counted as in dueToEnd) falls due, or null. */
  nextDue(graceMs: number, resumedAt: EpochMs): Promise<EpochMs | null>;

  unseenResults(memberId: string): Promise<string[]>;
  markResultsSeen(memberId: string, challengeIds: string[], at: EpochMs): Promise<number>;

  listEnded(filter: EndedFilter): Promise<Challenge[]>;
  /** Ended challenges in which both members took part without declining. */
  listEndedBetween(packId: string, a: string, b: string): Promise<Challenge[]>;
  /** The results of those challenges, in one query (head to head over thousands of them). */
  resultsBetween(packId: string, a: string, b: string): Promise<ChallengeResult[]>;

  addDailyCount(
    packId: string,
    memberId: string,
    metric: string,
    day: LocalDate,
    delta: number,
  ): Promise<void>;
  dailyCounts(packId: string, from: LocalDate, to: LocalDate, metric?: string): Promise<DailyCount[]>;
  /**
   * One member's day totals of one metric, every day they logged it, oldest first: the streaks
   * and bests a log may have beaten. Reads its own index (daily_counts_member), never events.
   */
  memberDailyCounts(packId: string, memberId: string, metric: string): Promise<DailyCount[]>;
  /** Daily targets that members set (progress:target); a member and metric not listed has 1. */
  dailyTargets(packId: string, memberId?: string): Promise<DailyTarget[]>;
  setDailyTarget(packId: string, memberId: string, metric: string, target: number): Promise<void>;
  /** Every event of a pack in sequence order, for export. */
  exportEvents(packId: string): Promise<StoredEvent[]>;

  /** False when a cheer with this id exists (a resend). */
  insertCheer(packId: string, cheer: Cheer): Promise<boolean>;
  getCheer(cheerId: string): Promise<(Cheer & { packId: string }) | null>;
  /** The latest cheers of a pack, oldest first. */
  recentCheers(packId: string, limit: number): Promise<Cheer[]>;
  /** Cheers one member of the pack sent at or after `since`. */
  countCheersSince(packId: string, fromId: string, since: EpochMs): Promise<number>;

  insertBoard(packId: string, board: BoardLink, tokenHash: string): Promise<void>;
  listBoards(packId: string): Promise<BoardLink[]>;
  /** Only an unrevoked board of this pack; false otherwise. */
  revokeBoard(packId: string, boardId: string, at: EpochMs): Promise<boolean>;
  getBoard(boardId: string): Promise<(BoardLink & { packId: string }) | null>;
  /** Unrevoked boards only: a revoked link stops working at once. */
  findBoardByTokenHash(tokenHash: string): Promise<(BoardLink & { packId: string }) | null>;

  /**
   * Members who left (or were removed) and board links revoked at or after `since`, in every
   * pack, in one indexed query: what each relay node looks for among its own sockets.
   */
  revokedSince(since: EpochMs): Promise<{ memberIds: string[]; boardIds: string[] }>;
}

export interface TransactionOptions {
  lock?: string;
  /**
   * Events the transaction will look up with getEvent. A networked database fetches them with
   * the transaction's first round trip instead of one round trip each.
   */
  events?: readonly string[];
  /**
   * fn may share one database transaction (one commit) with other packs' transactions, and run
   * again alone should that shared one fail: it has no effects but through the Queries it is
   * given. Under load, many small commits become a few larger ones.
   */
  shared?: boolean;
  /**
   * Commit without waiting for the database's disk: the writes are visible to everyone at once,
   * and a crash of the database (not of the relay) may still undo them until durable() says
   * otherwise. For what can be shown early but must be acknowledged late: a log's live tallies.
   */
  flushLater?: boolean;
  /**
   * As far as the caller knows, every event it will look up (`events`) is new, and fn only logs
   * them. A networked storage may then run fn against what it kept of the pack from earlier
   * transactions, checked inside the transaction, and assume the events are new: if either is
   * wrong, nothing is written and fn runs again the usual way.
   */
  newLogs?: boolean;
}

/** appendEvent met an id that another event already has; the transaction was rolled back. */
export class EventIdTaken extends Error {
  readonly eventId: string | undefined;
  constructor(eventId?: string) {
    super(`an event with id ${eventId ?? '(unknown)'} already exists`);
    this.name = 'EventIdTaken';
    this.eventId = eventId;
  }
}

/** Whether the storage can take writes now; when not, why, in words for whoever runs the relay. */
export type StorageHealth = { ok: true } | { ok: false; reason: string };

export interface Storage {
  /**
   * Runs fn in one transaction; commits when it resolves, rolls back when it throws.
   * Transactions with the same `lock` (a pack id) never overlap, on any node: tallies are read,
   * moved and written back, so two writers of one pack must take turns. Packs do not wait on
   * each other.
   */
  transaction<T>(fn: (q: Queries) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Runs reads; never sees another caller's uncommitted writes. */
  read<T>(fn: (q: Queries) => Promise<T>): Promise<T>;
  /**
   * Resolves once every transaction committed before the call would survive a crash of the
   * database, `flushLater` ones included. Many callers at once share one disk flush.
   */
  durable(): Promise<void>;
  /**
   * For /healthz: a write that failed for the storage's sake (a full disk, a lost connection, a
   * damaged file) makes it unhealthy until a write commits again. Never throws, and answers
   * within a few seconds however the database behaves.
   */
  health(): Promise<StorageHealth>;
  close(): Promise<void>;
}

import type { WireError } from '../core/errors.ts';
import type { MetricDef } from '../core/metrics.ts';
import type { PersonalBest } from '../core/progress-types.ts';
import type {
  ActivityEvent,
  Cheer,
  ChallengeView,
  FeedEntry,
  Member,
  Pack,
  Snapshot,
  StandingsUpdate,
} from '../core/types.ts';
import type { RelayError, RelayErrorCode } from './relay-error.ts';

export type ConnectionState = 'connecting' | 'online' | 'offline';

export interface ConnectionStatus {
  state: ConnectionState;
  /** Events in the outbox that the relay has not stored yet. */
  queued: number;
}

export type ChallengeChange = 'created' | 'started' | 'updated' | 'cancelled' | 'ended';

export interface SessionErrorInfo {
  code: RelayErrorCode;
  message: string;
  /** True when retrying cannot help (bad token, other protocol, removed from the pack). */
  fatal: boolean;
  /** The message the relay could not acknowledge (its `request:error` push). */
  event?: string;
}

export interface Rejection {
  event: ActivityEvent;
  error: WireError;
}

/** A queued event put in the place of the one whose id was `from`. */
export interface EventRewrite {
  from: string;
  event: ActivityEvent;
}

/** What a UI can subscribe to with `session.on(name, listener)`; each returns an unsubscribe function. */
export interface SessionEvents {
  connection: ConnectionStatus;
  snapshot: Snapshot;
  standings: StandingsUpdate;
  feed: FeedEntry;
  challenge: { change: ChallengeChange; challenge: ChallengeView };
  member: { change: 'joined' | 'left'; member: Member };
  /** The pack changed hands: its owner left and another member inherited it. */
  pack: Pack;
  /** A member added a metric the pack now counts. */
  metric: MetricDef;
  /** A partner cheered or taunted someone in the pack. */
  cheer: Cheer;
  /** An ended challenge's result, delivered once per challenge (needs a ResultLedger). */
  result: ChallengeView;
  /** Events made durable in the outbox by `log`, not yet sent. */
  queued: { events: ActivityEvent[] };
  /** Events the relay now holds; they leave the outbox. */
  stored: { ids: string[] };
  /** Events the relay refused for good; they leave the outbox and the user should hear why. */
  rejected: Rejection;
  /**
   * Queued events that now carry other ids, on disk already: a log whose id another member's
   * event had, under a fresh id, and any queued undo of it. What keeps event ids (recent logs for
   * undo, pending entries) follows, or it would name an event the relay will never store.
   */
  reidentified: { changes: EventRewrite[] };
  /** Connection and sending trouble; also, with `event` set, a message the relay could not acknowledge. */
  error: SessionErrorInfo;
  revoked: { reason: string };
  /** Records the member's own logs just beat, as their acknowledgement told (`at`: when it came). */
  bests: { bests: PersonalBest[]; at: number };
}

export interface FlushReport {
  stored: string[];
  rejected: Rejection[];
  /** Events still in the outbox when sending stopped. */
  remaining: number;
  /** Why sending stopped early, if it did. */
  error: RelayError | null;
}

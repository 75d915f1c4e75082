import type { WireError } from '../core/errors.ts';
import type {
  ActivityEvent,
  ChallengeView,
  FeedEntry,
  Member,
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
}

export interface Rejection {
  event: ActivityEvent;
  error: WireError;
}

/** What a UI can subscribe to with `session.on(name, listener)`; each returns an unsubscribe function. */
export interface SessionEvents {
  connection: ConnectionStatus;
  snapshot: Snapshot;
  standings: StandingsUpdate;
  feed: FeedEntry;
  challenge: { change: ChallengeChange; challenge: ChallengeView };
  member: { change: 'joined' | 'left'; member: Member };
  /** An ended challenge's result, delivered once per challenge (needs a ResultLedger). */
  result: ChallengeView;
  /** Events made durable in the outbox by `log`, not yet sent. */
  queued: { events: ActivityEvent[] };
  /** Events the relay now holds; they leave the outbox. */
  stored: { ids: string[] };
  /** Events the relay refused for good; they leave the outbox and the user should hear why. */
  rejected: Rejection;
  error: SessionErrorInfo;
  revoked: { reason: string };
}

export interface FlushReport {
  stored: string[];
  rejected: Rejection[];
  /** Events still in the outbox when sending stopped. */
  remaining: number;
  /** Why sending stopped early, if it did. */
  error: RelayError | null;
}

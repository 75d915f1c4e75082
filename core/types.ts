import type { MetricDef } from './metrics.ts';
import type { WireError } from './errors.ts';

/** All instants are Unix epoch milliseconds. Calendar dates are 'YYYY-MM-DD' in the pack's zone. */
export type EpochMs = number;
export type LocalDate = string;

/** 0 = Sunday, 1 = Monday, ... 6 = Saturday. */
export type WeekStart = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface Pack {
  id: string;
  name: string;
  timeZone: string;
  weekStart: WeekStart;
  ownerId: string;
  createdAt: EpochMs;
}

export type MemberRole = 'owner' | 'member';

export interface Member {
  id: string;
  packId: string;
  displayName: string;
  role: MemberRole;
  joinedAt: EpochMs;
  /** False once the member left or was removed; their history stays. */
  active: boolean;
}

export interface LogEvent {
  id: string;
  type: 'log';
  metric: string;
  count: number;
  occurredAt: EpochMs;
  /** The date of the booked meeting (forward appointments). */
  meetingDate?: LocalDate | undefined;
  note?: string | undefined;
}

/** Undo is an event of its own: it retracts one earlier log event of the same member. */
export interface UndoEvent {
  id: string;
  type: 'undo';
  retracts: string;
  occurredAt: EpochMs;
}

export type ActivityEvent = LogEvent | UndoEvent;

export interface StoredEvent {
  seq: number;
  id: string;
  packId: string;
  memberId: string;
  type: 'log' | 'undo';
  metric: string;
  count: number;
  /** Clamped to receivedAt: a client clock ahead of the relay cannot log into the future. */
  occurredAt: EpochMs;
  receivedAt: EpochMs;
  meetingDate: LocalDate | null;
  note: string | null;
  /** For an undo: the id it retracts. For a log: null. */
  retracts: string | null;
  /** For a log that was undone: the undo event's id. */
  retractedBy: string | null;
}

export type PeriodSpec =
  | { kind: 'today' }
  | { kind: 'this-week' }
  | { kind: 'this-quarter' }
  /** Whole local days, both ends inclusive. */
  | { kind: 'range'; from: LocalDate; to: LocalDate }
  /** Exact instants, e.g. a power hour. */
  | { kind: 'instants'; start: EpochMs; end: EpochMs };

export interface TimeWindow {
  /** Inclusive. */
  start: EpochMs;
  /** Exclusive. */
  end: EpochMs;
}

/** Forward appointments count only when the meeting date falls in [from, to). */
export interface Horizon {
  from: LocalDate;
  to: LocalDate;
}

export type ChallengeFormat = 'most' | 'race' | 'goal';
export type ChallengeStatus = 'scheduled' | 'active' | 'ended' | 'cancelled';

export interface Participant {
  memberId: string;
  declined: boolean;
}

export interface Challenge {
  id: string;
  packId: string;
  creatorId: string;
  title: string;
  stake: string | null;
  metric: string;
  format: ChallengeFormat;
  /** N for race and goal; null for most. */
  target: number | null;
  period: PeriodSpec;
  start: EpochMs;
  end: EpochMs;
  horizon: Horizon | null;
  participants: Participant[];
  status: ChallengeStatus;
  createdAt: EpochMs;
  endedAt: EpochMs | null;
  /** 'weekly': when it ends, the same challenge starts again for the next week. */
  repeat: 'weekly' | null;
}

export interface Standing {
  memberId: string;
  count: number;
  /** 1-based; members with the same count share a rank. */
  rank: number;
  /** When the member reached the target (race and goal), else null. */
  reachedAt: EpochMs | null;
}

export interface ChallengeResult {
  challengeId: string;
  /** 'time': the window closed. 'target': a race was won. */
  reason: 'time' | 'target';
  winners: string[];
  /**
   * True when more than one member shares the win in a 'most' or race challenge. Never when
   * nobody scored: that is no result (core/outcome.ts).
   */
  tie: boolean;
  standings: Standing[];
  /** Lead of the winner over the best non-winner (0 for a tie). */
  margin: number;
  endedAt: EpochMs;
}

/** What clients see of a challenge: the challenge, its live standings, and its result once ended. */
export interface ChallengeView extends Challenge {
  standings: Standing[];
  result: ChallengeResult | null;
}

export interface FeedEntry {
  seq: number;
  eventId: string;
  memberId: string;
  type: 'log' | 'undo';
  metric: string;
  count: number;
  occurredAt: EpochMs;
  meetingDate: LocalDate | null;
  note: string | null;
  /** For an undo: the retracted event id. */
  retracts: string | null;
}

export interface Snapshot {
  protocol: number;
  serverTime: EpochMs;
  you: Member;
  pack: Pack;
  members: Member[];
  metrics: MetricDef[];
  /** Owner only; null for other members. */
  inviteCode: string | null;
  /** Scheduled and active challenges the member takes part in or can see. */
  challenges: ChallengeView[];
  /** Ended challenges whose result this member has not acknowledged yet. */
  unseenResults: ChallengeView[];
  /** The pack's latest activity, oldest first. */
  feed: FeedEntry[];
  /** The pack's latest cheers and taunts, oldest first. */
  cheers: Cheer[];
}

/** A partner cheering (or taunting) a feed entry or a standing. */
export interface Cheer {
  id: string;
  fromId: string;
  /** The member it is aimed at: who logged the entry, or whose standing it is. */
  toId: string;
  reaction: 'cheer' | 'taunt';
  text: string | null;
  /** The feed entry it answers, or null for a standing. */
  eventId: string | null;
  /** The challenge whose standing it answers, or null for a feed entry. */
  challengeId: string | null;
  createdAt: EpochMs;
}

/** A read-only link for a TV on the sales floor; the owner creates and revokes it. */
export interface BoardLink {
  id: string;
  label: string;
  createdAt: EpochMs;
  revokedAt: EpochMs | null;
}

/** What the floor board shows: live standings and the feed, no member's private data. */
export interface BoardSnapshot {
  protocol: number;
  serverTime: EpochMs;
  board: BoardLink;
  pack: Pack;
  members: Member[];
  metrics: MetricDef[];
  challenges: ChallengeView[];
  feed: FeedEntry[];
  cheers: Cheer[];
}

export interface StandingsUpdate {
  challengeId: string;
  standings: Standing[];
  /** Sequence of the event that caused the change. */
  seq: number;
}

/** What one activity:log batch stored, pushed to the pack in one message. */
export interface ActivityPush {
  /** One per challenge whose tally moved, with the seq of the batch's last event that moved it. */
  standings: StandingsUpdate[];
  /** One per stored event (log or undo), in seq order. */
  feed: FeedEntry[];
}

export type EventOutcome =
  | { id: string; status: 'accepted'; seq: number }
  | { id: string; status: 'duplicate'; seq: number }
  | { id: string; status: 'rejected'; error: WireError };

export interface CountRow {
  memberId: string;
  metric: string;
  /** First local day of the bucket. */
  bucket: LocalDate;
  count: number;
}

export interface HeadToHead {
  memberId: string;
  otherId: string;
  wins: number;
  losses: number;
  ties: number;
  challenges: number;
}

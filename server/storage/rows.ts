import type { MetricDef } from '../../core/metrics.ts';
import type {
  BoardLink,
  Cheer,
  Challenge,
  FeedEntry,
  Member,
  Pack,
  PeriodSpec,
  StoredEvent,
  WeekStart,
} from '../../core/types.ts';

/** Database rows to domain objects; shared by every SQL storage. */
export type Row = Record<string, unknown>;

const str = (v: unknown): string => String(v);
const num = (v: unknown): number => Number(v);
const optStr = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const optNum = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function toPack(r: Row): Pack {
  return {
    id: str(r.id),
    name: str(r.name),
    timeZone: str(r.time_zone),
    weekStart: num(r.week_start) as WeekStart,
    ownerId: str(r.owner_id),
    createdAt: num(r.created_at),
  };
}

export function toMember(r: Row, ownerId?: string): Member {
  return {
    id: str(r.id),
    packId: str(r.pack_id),
    displayName: str(r.display_name),
    role: ownerId === undefined ? (str(r.role) as Member['role']) : ownerId === r.id ? 'owner' : 'member',
    joinedAt: num(r.joined_at),
    active: r.left_at === null || r.left_at === undefined,
  };
}

export function toMetric(r: Row): MetricDef {
  return {
    id: str(r.id),
    label: str(r.label),
    needsMeetingDate: Boolean(num(r.needs_meeting_date)),
    builtIn: false,
  };
}

export function toEvent(r: Row): StoredEvent {
  return {
    seq: num(r.seq),
    id: str(r.id),
    packId: str(r.pack_id),
    memberId: str(r.member_id),
    type: str(r.type) as StoredEvent['type'],
    metric: str(r.metric),
    count: num(r.count),
    occurredAt: num(r.occurred_at),
    receivedAt: num(r.received_at),
    meetingDate: optStr(r.meeting_date),
    note: optStr(r.note),
    retracts: optStr(r.retracts),
    retractedBy: optStr(r.retracted_by),
  };
}

export function toFeedEntry(r: Row): FeedEntry {
  return {
    seq: num(r.seq),
    eventId: str(r.id),
    memberId: str(r.member_id),
    type: str(r.type) as FeedEntry['type'],
    metric: str(r.metric),
    count: num(r.count),
    occurredAt: num(r.occurred_at),
    meetingDate: optStr(r.meeting_date),
    note: optStr(r.note),
    retracts: optStr(r.retracts),
  };
}

/** Participants come from their own table; the caller attaches them. */
export function toChallenge(r: Row, participants: Challenge['participants']): Challenge {
  const from = optStr(r.horizon_from);
  const to = optStr(r.horizon_to);
  return {
    id: str(r.id),
    packId: str(r.pack_id),
    creatorId: str(r.creator_id),
    title: str(r.title),
    stake: optStr(r.stake),
    metric: str(r.metric),
    format: str(r.format) as Challenge['format'],
    target: optNum(r.target),
    period: JSON.parse(str(r.period)) as PeriodSpec,
    start: num(r.start_at),
    end: num(r.end_at),
    horizon: from !== null && to !== null ? { from, to } : null,
    participants,
    status: str(r.status) as Challenge['status'],
    createdAt: num(r.created_at),
    endedAt: optNum(r.ended_at),
    repeat: r.repeat === 'weekly' ? 'weekly' : null,
  };
}

export function toCheer(r: Row): Cheer {
  return {
    id: str(r.id),
    fromId: str(r.from_id),
    toId: str(r.to_id),
    reaction: str(r.reaction) === 'taunt' ? 'taunt' : 'cheer',
    text: optStr(r.text),
    eventId: optStr(r.event_id),
    challengeId: optStr(r.challenge_id),
    createdAt: num(r.created_at),
  };
}

export function toBoard(r: Row): BoardLink {
  return {
    id: str(r.id),
    label: str(r.label),
    createdAt: num(r.created_at),
    revokedAt: optNum(r.revoked_at),
  };
}

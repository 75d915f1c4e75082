import { findMetric, metricNoun } from '../../../core/metrics.ts';
import type { MetricDef } from '../../../core/metrics.ts';
import type { PendingLog } from '../../../core/app-api.ts';
import type { Cheer, EpochMs, FeedEntry, Member } from '../../../core/types.ts';
import { nameOf } from './standings.ts';

/** "2 min ago", "just now", "3 h ago", "yesterday", "4 days ago". */
export function relativeTime(at: EpochMs, now: EpochMs): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  return days === 1 ? 'yesterday' : `${days} days ago`;
}

function noun(metrics: readonly MetricDef[], metricId: string, count: number): string {
  const metric = findMetric(metrics, metricId);
  return metric ? metricNoun(metric, count) : metricId;
}

/** "Sam logged a call", "You logged 3 calls", "Sam took back a log". */
export function feedLine(
  entry: FeedEntry,
  members: readonly Member[],
  metrics: readonly MetricDef[],
  youId: string | null,
): string {
  const who = nameOf(members, entry.memberId, youId);
  if (entry.type === 'undo') return `${who} took back a log`;
  const what = noun(metrics, entry.metric, entry.count);
  const amount = entry.count === 1 ? (/^[aeiou]/.test(what) ? 'an' : 'a') : String(entry.count);
  const meeting = entry.meetingDate ? ` (meeting on ${entry.meetingDate})` : '';
  return `${who} logged ${amount} ${what}${meeting}`;
}

/** "Sam cheered you", "You taunted Sam: “catch me”". */
export function cheerLine(cheer: Cheer, members: readonly Member[], youId: string | null): string {
  const from = nameOf(members, cheer.fromId, youId);
  const to = cheer.toId === youId ? 'you' : nameOf(members, cheer.toId, youId);
  const verb = cheer.reaction === 'cheer' ? 'cheered' : 'taunted';
  const text = cheer.text ? `: “${cheer.text}”` : '';
  return `${from} ${verb} ${to}${text}`;
}

/**
 * "today", "yesterday", "5 days ago", "3 weeks ago", "4 months ago", "2 years ago": how long ago a
 * challenge ended. Plain arithmetic: a long list needs no time-zone data to show it.
 */
export function endedAgo(at: EpochMs, now: EpochMs): string {
  const days = Math.floor(Math.max(0, now - at) / 86_400_000);
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 14) return `${days} days ago`;
  if (days < 60) return `${Math.floor(days / 7)} weeks ago`;
  if (days < 730) return `${Math.floor(days / 30.44)} months ago`;
  return `${Math.floor(days / 365.25)} years ago`;
}

export type TimelineItem =
  | { kind: 'entry'; key: string; at: EpochMs; entry: FeedEntry }
  | { kind: 'cheer'; key: string; at: EpochMs; cheer: Cheer };

/** Activity and cheers in one list, newest first. */
export function timeline(feed: readonly FeedEntry[], cheers: readonly Cheer[], limit = 50): TimelineItem[] {
  const items: TimelineItem[] = [
    ...feed.map((entry) => ({ kind: 'entry' as const, key: `e${entry.seq}`, at: entry.occurredAt, entry })),
    ...cheers.map((cheer) => ({ kind: 'cheer' as const, key: `c${cheer.id}`, at: cheer.createdAt, cheer })),
  ];
  return items.sort((a, b) => b.at - a.at).slice(0, limit);
}

/** Logs by one member of one metric at most this far apart read as one line: a dialing burst. */
export const BURST_GAP_MS = 2 * 60_000;

/** A line of Pack activity: a log or undo, a burst of logs, a cheer, a joiner, or a log still on this device. */
export type ActivityItem =
  | { kind: 'entry'; key: string; at: EpochMs; entry: FeedEntry }
  | { kind: 'burst'; key: string; at: EpochMs; burst: Burst<FeedEntry> }
  | { kind: 'cheer'; key: string; at: EpochMs; cheer: Cheer }
  | { kind: 'join'; key: string; at: EpochMs; member: Member; founder: boolean }
  | { kind: 'waiting'; key: string; at: EpochMs; burst: Burst<PendingLog> };

/** Consecutive logs of one member and metric; `undos` are that member's take-backs of some of them. */
export interface Burst<T> {
  logs: T[];
  undos: T[];
  from: EpochMs;
  to: EpochMs;
}

interface Shape {
  id: string;
  memberId: string;
  type: 'log' | 'undo';
  metric: string;
  at: EpochMs;
  retracts: string | null;
}

/**
 * Groups a list in the order it happened. A log joins the open burst when it is the same member's,
 * of the same metric, within BURST_GAP_MS of the burst's latest log. An undo of a log in the burst
 * is folded in, so six taps and one take-back read "5 calls"; anything else ends the burst. Order
 * is by arrival (seq), not by clock: an offline log sent late sits where the relay stored it.
 */
export function bursts<T>(items: readonly T[], shape: (item: T) => Shape): Burst<T>[] {
  const out: Burst<T>[] = [];
  let open: { burst: Burst<T>; head: Shape; ids: Set<string> } | null = null;
  for (const item of items) {
    const s = shape(item);
    const fits =
      open !== null &&
      s.memberId === open.head.memberId &&
      Math.abs(s.at - open.burst.to) <= BURST_GAP_MS &&
      (s.type === 'log' ? s.metric === open.head.metric : s.retracts !== null && open.ids.has(s.retracts));
    if (open && fits) {
      if (s.type === 'log') {
        open.burst.logs.push(item);
        open.ids.add(s.id);
        open.burst.from = Math.min(open.burst.from, s.at);
        open.burst.to = Math.max(open.burst.to, s.at);
      } else {
        open.burst.undos.push(item);
      }
      continue;
    }
    const burst: Burst<T> = { logs: [], undos: [], from: s.at, to: s.at };
    if (s.type === 'log') burst.logs.push(item);
    else burst.undos.push(item);
    out.push(burst);
    // An undo on its own starts nothing: a log after it is a new burst.
    open = s.type === 'log' ? { burst, head: s, ids: new Set([s.id]) } : null;
  }
  return out;
}

const entryShape = (e: FeedEntry): Shape => ({
  id: e.eventId,
  memberId: e.memberId,
  type: e.type,
  metric: e.metric,
  at: e.occurredAt,
  retracts: e.retracts,
});

export interface ActivitySources {
  feed: readonly FeedEntry[];
  cheers: readonly Cheer[];
  members: readonly Member[];
  /** The pack's creation: whoever joined then started it. */
  packCreatedAt: EpochMs | null;
  pending: readonly PendingLog[];
  youId: string | null;
}

/** Pack activity, newest first: bursts folded, joiners in place, this device's unsent logs marked. */
export function activity(sources: ActivitySources, limit = 30): ActivityItem[] {
  const items: ActivityItem[] = [];
  const feed = [...sources.feed].sort((a, b) => a.seq - b.seq);
  for (const burst of bursts(feed, entryShape)) {
    // One log (with or without its take-back) reads best as it always did: line by line.
    if (burst.logs.length < 2) {
      for (const entry of [...burst.logs, ...burst.undos]) {
        items.push({ kind: 'entry', key: `e${entry.seq}`, at: entry.occurredAt, entry });
      }
      continue;
    }
    const first = burst.logs[0] as FeedEntry;
    items.push({ kind: 'burst', key: `b${first.seq}`, at: burst.to, burst });
  }
  for (const cheer of sources.cheers)
    items.push({ kind: 'cheer', key: `c${cheer.id}`, at: cheer.createdAt, cheer });
  for (const member of sources.members) {
    const founder = sources.packCreatedAt !== null && member.joinedAt <= sources.packCreatedAt;
    items.push({ kind: 'join', key: `j${member.id}`, at: member.joinedAt, member, founder });
  }
  // The relay pushes the stored entry before it acks, so for a moment a log is in both lists.
  const stored = new Set(sources.feed.map((e) => e.eventId));
  const waiting = sources.pending.filter((p) => !stored.has(p.id));
  const you = sources.youId ?? '';
  const pendingShape = (p: PendingLog): Shape => ({ ...p, memberId: you });
  for (const burst of bursts(waiting, pendingShape)) {
    const first = (burst.logs[0] ?? burst.undos[0]) as PendingLog;
    items.push({ kind: 'waiting', key: `w${first.id}`, at: burst.to, burst });
  }
  // Reversed first so that, at the same instant, what was added later still comes first.
  return items
    .reverse()
    .sort((a, b) => b.at - a.at)
    .slice(0, limit);
}

function total(logs: readonly { count: number }[]): number {
  return logs.reduce((sum, log) => sum + log.count, 0);
}

/** How much of the burst its own undos took back. */
function takenBack<T extends { count: number; retracts: string | null }>(
  burst: Burst<T>,
  idOf: (log: T) => string,
): number {
  const retracted = new Set(burst.undos.map((u) => u.retracts));
  return total(burst.logs.filter((log) => retracted.has(idOf(log))));
}

/** "in under a minute", "in 2 min", "in 1 h". */
export function spanWords(from: EpochMs, to: EpochMs): string {
  const minutes = Math.round((to - from) / 60_000);
  if (minutes < 1) return 'in under a minute';
  if (minutes < 60) return `in ${minutes} min`;
  return `in ${Math.round(minutes / 60)} h`;
}

/** "Priya logged 5 calls in 2 min", "You logged 6 calls in 3 min, took back 1". */
export function burstLine(
  burst: Burst<FeedEntry>,
  members: readonly Member[],
  metrics: readonly MetricDef[],
  youId: string | null,
): string {
  const first = burst.logs[0] as FeedEntry;
  const who = nameOf(members, first.memberId, youId);
  const count = total(burst.logs);
  const back = takenBack(burst, (log) => log.eventId);
  const tail = back > 0 ? `, took back ${back}` : '';
  return `${who} logged ${count} ${noun(metrics, first.metric, count)} ${spanWords(burst.from, burst.to)}${tail}`;
}

/** "You logged 2 calls", "You took back a log": what this device has not sent yet. */
export function waitingLine(burst: Burst<PendingLog>, metrics: readonly MetricDef[]): string {
  const first = burst.logs[0];
  // An undo that starts a burst takes back a log already sent; it never has company.
  if (!first) return 'You took back a log';
  const count = total(burst.logs);
  const what = noun(metrics, first.metric, count);
  const amount = count === 1 ? (/^[aeiou]/.test(what) ? 'an' : 'a') : String(count);
  const back = takenBack(burst, (log) => log.id);
  return `You logged ${amount} ${what}${back > 0 ? `, took back ${back}` : ''}`;
}

/** "Sam joined the pack", "You started the pack". */
export function joinLine(member: Member, founder: boolean, youId: string | null): string {
  const who = member.id === youId ? 'You' : member.displayName;
  return `${who} ${founder ? 'started' : 'joined'} the pack`;
}

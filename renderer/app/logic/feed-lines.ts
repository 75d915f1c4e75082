import { findMetric, metricNoun } from '../../../core/metrics.ts';
import type { MetricDef } from '../../../core/metrics.ts';
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

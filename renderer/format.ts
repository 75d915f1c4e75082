import type { AppState } from '../core/app-api.ts';
import { findMetric, metricNoun } from '../core/metrics.ts';
import type { ChallengeView, FeedEntry, Member } from '../core/types.ts';

/** Plain text for the main window; kept apart from the DOM so it reads like the tray. */

export function memberName(members: readonly Member[], id: string, youId: string | null): string {
  if (id === youId) return 'you';
  return members.find((m) => m.id === id)?.displayName ?? 'someone';
}

export function connectionText(connection: AppState['connection']): string {
  const queued = connection.queued > 0 ? `, ${connection.queued} queued` : '';
  const where = connection.relayUrl ? ` (${connection.relayUrl})` : '';
  return `${connection.state}${queued}${where}`;
}

export function timeLeft(end: number, now: number): string {
  const ms = end - now;
  if (ms <= 0) return 'ended';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min left`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min left`;
  return `${Math.floor(hours / 24)} days left`;
}

export function challengeTitle(challenge: ChallengeView, state: AppState): string {
  const metric = findMetric(state.metrics, challenge.metric);
  const label = metric?.label ?? challenge.metric;
  const target = challenge.target === null ? '' : ` to ${challenge.target}`;
  return `${challenge.title || label} (${challenge.format}${target})`;
}

export function standingsText(challenge: ChallengeView, state: AppState): string {
  const youId = state.you?.id ?? null;
  return [...challenge.standings]
    .sort((a, b) => a.rank - b.rank)
    .map((s) => `${s.rank}. ${memberName(state.members, s.memberId, youId)} ${s.count}`)
    .join(' · ');
}

export function feedLine(entry: FeedEntry, state: AppState): string {
  const who = memberName(state.members, entry.memberId, state.you?.id ?? null);
  const at = new Date(entry.occurredAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  if (entry.type === 'undo') return `${at} ${who} undid a log`;
  const metric = findMetric(state.metrics, entry.metric);
  const noun = metric ? metricNoun(metric, entry.count) : entry.metric;
  const meeting = entry.meetingDate ? ` (meeting ${entry.meetingDate})` : '';
  return `${at} ${who} logged ${entry.count} ${noun}${meeting}`;
}

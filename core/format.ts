import { isNoResult } from './outcome.ts';
import type { ChallengeFormat, ChallengeResult, EpochMs } from './types.ts';

/** "2d 4h", "3h 05m", "12m", "45s"; "ended" once no time is left. */
export function formatTimeLeft(ms: number): string {
  if (!(ms > 0)) return 'ended';
  // Round up: a countdown that shows "0s" while the challenge is still open reads as a bug.
  const totalSeconds = Math.ceil(ms / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${minutes}m`;
  return `${totalSeconds}s`;
}

const instantFormatters = new Map<string, Intl.DateTimeFormat>();

function instantFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = instantFormatters.get(timeZone);
  if (!formatter) {
    // en-US names ("Sep", not the newer en-GB "Sept"), laid out day-first below as en-GB does.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
    instantFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** "Fri 27 Nov 17:00" on the wall clock of that zone. */
export function formatInstant(instant: EpochMs, timeZone: string): string {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of instantFormatter(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.hour}:${parts.minute}`;
}

function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * One line for a notification or the history list. A goal's margin is measured against the
 * target rather than a rival, so pass the format when it is known; without it, several winners
 * who are not tied are read as a goal.
 */
export function describeResult(
  result: ChallengeResult,
  youId: string,
  names: (memberId: string) => string,
  metricLabel: string,
  format?: ChallengeFormat,
): string {
  const nameOf = (memberId: string) => (memberId === youId ? 'You' : names(memberId));
  const countOf = (memberId: string) => result.standings.find((s) => s.memberId === memberId)?.count ?? 0;
  const top = result.standings[0];

  // Said in the same words everywhere (History, CLI, notification) that the outcome is shown.
  if (isNoResult(result)) return 'No result: nobody scored';
  if (result.winners.length === 0) {
    if (!top) return 'No result: nobody scored';
    const goal = format === 'goal' ? 'goal' : 'target';
    return `Nobody reached the ${goal}; ${nameOf(top.memberId)} got furthest with ${top.count} ${metricLabel}`;
  }

  // "You and Sam", never "Sam and You".
  const youFirst = [...result.winners].sort((a, b) => Number(b === youId) - Number(a === youId));
  const winnerNames = joinNames(youFirst.map(nameOf));
  if (result.tie) {
    const count = countOf(result.winners[0] ?? '');
    // When everyone tied there is nobody to single out.
    if (result.winners.length === result.standings.length) return `Tied at ${count}`;
    return `${winnerNames} tied at ${count}`;
  }

  if (format === 'goal' || (format === undefined && result.winners.length > 1)) {
    if (result.winners.length > 1) return `${winnerNames} reached the goal`;
    const over = result.margin > 0 ? ` (+${result.margin})` : '';
    return `${winnerNames} reached the goal with ${countOf(result.winners[0] ?? '')} ${metricLabel}${over}`;
  }

  const winner = result.winners[0] ?? '';
  const winnerCount = countOf(winner);
  const runnerUp = result.standings.find((s) => s.memberId !== winner);
  if (!runnerUp) return `${nameOf(winner)} won with ${winnerCount} ${metricLabel}`;
  return `${nameOf(winner)} won ${winnerCount} to ${runnerUp.count} (+${result.margin})`;
}

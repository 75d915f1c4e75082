import type { Challenge, ChallengeFormat, ChallengeResult, EpochMs, LocalDate, Standing } from './types.ts';

export interface TallyEvent {
  memberId: string;
  metric: string;
  occurredAt: EpochMs;
  meetingDate: LocalDate | null | undefined;
}

export interface TallyRow {
  memberId: string;
  count: number;
  reachedAt: EpochMs | null;
}

export function activeParticipants(challenge: Challenge): string[] {
  return challenge.participants.filter((p) => !p.declined).map((p) => p.memberId);
}

/** Whether the event moves this challenge's tally. Status is the caller's call (grace periods). */
export function eventCountsFor(challenge: Challenge, event: TallyEvent): boolean {
  if (event.metric !== challenge.metric) return false;
  const participant = challenge.participants.find((p) => p.memberId === event.memberId);
  // A member who declined keeps logging for other challenges; none of it lands here.
  if (!participant || participant.declined) return false;
  if (event.occurredAt < challenge.start || event.occurredAt >= challenge.end) return false;
  if (challenge.horizon) {
    // A forward appointment without a meeting date cannot prove it lies inside the horizon.
    if (!event.meetingDate) return false;
    return event.meetingDate >= challenge.horizon.from && event.meetingDate < challenge.horizon.to;
  }
  return true;
}

/**
 * One logged or retracted event applied to a member's row. reachedAt remembers when the target
 * was first reached, so a race is decided by time, not by who logged the most afterwards; an undo
 * that drops the count below the target takes that claim back.
 */
export function applyDelta(row: TallyRow, delta: number, at: EpochMs, target: number | null): TallyRow {
  const count = Math.max(0, row.count + delta);
  let reachedAt = row.reachedAt;
  if (target !== null) {
    if (count < target) reachedAt = null;
    else if (reachedAt === null) reachedAt = at;
  }
  return { memberId: row.memberId, count, reachedAt };
}

/** A log already stored when a challenge is made, as the seed of its tallies returns it. */
export interface SeedEvent {
  memberId: string;
  count: number;
  receivedAt: EpochMs;
}

/**
 * The tallies of a challenge made over a window that already holds logs, from those logs in the
 * order they were stored. A member reached the target with the log that took their running total
 * to it, at the instant it reached the relay: the clock a live race keeps (applyDelta at arrival),
 * so a race made at 4 pm ranks the morning as it would have had it existed since then. Stored
 * order is the order the relay took them in; a later-stored finisher is placed at least 1 ms after
 * an earlier one, because equal instants would share the win and the relay did see one of them
 * first (two nodes' clocks, or one millisecond holding both).
 */
export function seedRows(events: SeedEvent[], target: number | null): TallyRow[] {
  const rows = new Map<string, TallyRow>();
  let lastReached = -Infinity;
  for (const event of events) {
    const row = rows.get(event.memberId) ?? { memberId: event.memberId, count: 0, reachedAt: null };
    const wasReached = row.reachedAt !== null;
    const next = applyDelta(row, event.count, Math.max(event.receivedAt, lastReached + 1), target);
    if (!wasReached && next.reachedAt !== null) lastReached = next.reachedAt;
    rows.set(event.memberId, next);
  }
  return [...rows.values()];
}

function compareReached(a: EpochMs | null, b: EpochMs | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

export function rankStandings(rows: TallyRow[], format: ChallengeFormat): Standing[] {
  const race = format === 'race';
  const sorted = [...rows].sort(
    (a, b) =>
      b.count - a.count ||
      (race ? compareReached(a.reachedAt, b.reachedAt) : 0) ||
      (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0),
  );
  const standings: Standing[] = [];
  sorted.forEach((row, index) => {
    const previous = standings[index - 1];
    // Competition ranking (1, 1, 3). In a race, reaching the same count earlier is a better place.
    const shares =
      previous !== undefined &&
      previous.count === row.count &&
      (!race || compareReached(previous.reachedAt, row.reachedAt) === 0);
    standings.push({
      memberId: row.memberId,
      count: row.count,
      rank: shares ? previous.rank : index + 1,
      reachedAt: row.reachedAt,
    });
  });
  return standings;
}

/**
 * Rows of the members who still take part, with a zero row for any of them who never logged, so
 * the final standings list the whole field.
 */
function participantRows(challenge: Challenge, rows: TallyRow[]): TallyRow[] {
  const byMember = new Map(rows.map((row) => [row.memberId, row]));
  return activeParticipants(challenge).map(
    (memberId) => byMember.get(memberId) ?? { memberId, count: 0, reachedAt: null },
  );
}

/**
 * Margin: for most and race, the winner's count minus the best non-winner's (the winner's own
 * count when nobody else is left); 0 for a tie or when nobody won; never below 0. For goal, how
 * far the top count went past the target when somebody reached it, else 0: a goal has no
 * opponent to beat.
 */
export function decideResult(
  challenge: Challenge,
  rows: TallyRow[],
  endedAt: EpochMs,
  reason: 'time' | 'target',
): ChallengeResult {
  const standings = rankStandings(participantRows(challenge, rows), challenge.format);
  const top = standings[0]?.count ?? 0;
  const target = challenge.target ?? 0;
  let winners: string[] = [];
  let tie = false;
  let margin = 0;

  switch (challenge.format) {
    case 'most': {
      // Nobody scoring is no result, not an n-way tie at zero.
      if (top > 0) winners = standings.filter((s) => s.count === top).map((s) => s.memberId);
      tie = winners.length > 1;
      break;
    }
    case 'race': {
      // Standings order by count, and a late finisher may have logged past the winner; time decides.
      const times = standings.flatMap((s) => (s.reachedAt === null ? [] : [s.reachedAt]));
      const first = Math.min(...times);
      // Reaching the target in the same millisecond shares the win; anything else is a clear order.
      winners = standings.filter((s) => s.reachedAt === first).map((s) => s.memberId);
      tie = winners.length > 1;
      break;
    }
    case 'goal': {
      // Everyone who made the goal won it: a goal is shared, never a tie.
      if (target > 0) winners = standings.filter((s) => s.count >= target).map((s) => s.memberId);
      margin = winners.length > 0 ? top - target : 0;
      break;
    }
  }

  if (challenge.format !== 'goal' && winners.length > 0 && !tie) {
    const winnerCount = standings.find((s) => s.memberId === winners[0])?.count ?? 0;
    const runnerUp = standings.find((s) => !winners.includes(s.memberId));
    // A race winner can trail a late finisher who logged past the target during the grace period;
    // the win stands, but a lead below zero would read as nonsense.
    margin = Math.max(0, winnerCount - (runnerUp?.count ?? 0));
  }

  return { challengeId: challenge.id, reason, winners, tie, standings, margin, endedAt };
}

/** A race ends the moment a participant who still takes part reaches the target. */
export function raceFinished(challenge: Challenge, rows: TallyRow[]): boolean {
  const target = challenge.target;
  if (challenge.format !== 'race' || target === null) return false;
  const active = new Set(activeParticipants(challenge));
  return rows.some((row) => active.has(row.memberId) && row.count >= target);
}

import { formatTimeLeft } from '../../../core/format.ts';
import type { ChallengeView, EpochMs, Member, Standing } from '../../../core/types.ts';

export interface StandingRow {
  memberId: string;
  name: string;
  count: number;
  rank: number;
  isYou: boolean;
  /** Bar length, 0..100: against the target for a race or goal, else against the leader. */
  barPercent: number;
  /** In words: "Leading by 2", "3 behind the leader", "Tied for the lead", "Reached the target". */
  gap: string;
}

/** A member who left keeps their standing; their name may be missing from the live member list. */
export function nameOf(members: readonly Member[], memberId: string, youId: string | null): string {
  if (memberId === youId) return 'You';
  return members.find((m) => m.id === memberId)?.displayName ?? 'A former member';
}

/** How far `memberId` is from the top: 0 for a leader. */
export function gapToLeader(standings: readonly Standing[], memberId: string): number {
  const top = Math.max(0, ...standings.map((s) => s.count));
  const own = standings.find((s) => s.memberId === memberId)?.count ?? 0;
  return top - own;
}

export function describeGap(standings: readonly Standing[], memberId: string, target: number | null): string {
  const own = standings.find((s) => s.memberId === memberId);
  const count = own?.count ?? 0;
  if (target !== null && count >= target) return 'Reached the target';
  const behind = gapToLeader(standings, memberId);
  if (behind > 0) return `${behind} behind the leader`;
  const rivals = standings.filter((s) => s.memberId !== memberId).map((s) => s.count);
  const next = rivals.length > 0 ? Math.max(...rivals) : 0;
  if (count === 0 && next === 0) return 'No score yet';
  if (next === count) return 'Tied for the lead';
  return `Leading by ${count - next}`;
}

/** Every participant who did not decline, ranked; those without a log yet show 0. */
export function standingRows(
  challenge: ChallengeView,
  members: readonly Member[],
  youId: string | null,
): StandingRow[] {
  const byMember = new Map(challenge.standings.map((s) => [s.memberId, s]));
  const standings: Standing[] = challenge.participants
    .filter((p) => !p.declined)
    .map((p) => byMember.get(p.memberId) ?? { memberId: p.memberId, count: 0, rank: 0, reachedAt: null });
  const top = Math.max(0, ...standings.map((s) => s.count));
  const rankOf = (count: number) => 1 + standings.filter((s) => s.count > count).length;
  const scale = challenge.target ?? top;
  return standings
    .map((s) => ({
      memberId: s.memberId,
      name: nameOf(members, s.memberId, youId),
      count: s.count,
      rank: rankOf(s.count),
      isYou: s.memberId === youId,
      barPercent: scale > 0 ? Math.min(100, Math.round((s.count / scale) * 100)) : 0,
      gap: describeGap(standings, s.memberId, challenge.target),
    }))
    .sort((a, b) => a.rank - b.rank || Number(b.isYou) - Number(a.isYou) || a.name.localeCompare(b.name));
}

/** "3h 05m left", "starts in 12m", "ended". */
export function timeLeftLabel(
  challenge: Pick<ChallengeView, 'start' | 'end' | 'status'>,
  now: EpochMs,
): string {
  if (challenge.status === 'ended' || challenge.status === 'cancelled') return 'ended';
  if (now < challenge.start) return `starts in ${formatTimeLeft(challenge.start - now)}`;
  const left = formatTimeLeft(challenge.end - now);
  return left === 'ended' ? 'ending…' : `${left} left`;
}

/** A race's or goal's progress for one member, as "4 of 10". */
export function progressLabel(count: number, target: number | null): string | null {
  return target === null ? null : `${Math.min(count, target)} of ${target}`;
}

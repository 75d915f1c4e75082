import { isLive, rankFeatured } from '../../../core/featured.ts';
import { paceOf, paceWords } from '../../../core/pace.ts';
import type { ChallengeView, EpochMs, Member } from '../../../core/types.ts';
import { describeGap, standingRows, timeLeftLabel } from './standings.ts';
import type { StandingRow } from './standings.ts';

/** Where you stand, for the line's colour: ahead (leading, or on track for a goal), behind, ... */
export type SummaryTone = 'ahead' | 'tied' | 'behind' | 'done' | 'none';

export interface SummaryLine {
  challengeId: string;
  title: string;
  /** "2nd of 4". */
  rank: string;
  /** "22 behind Priya", "leading by 3", "tied with Sam for the lead", "6 to go". */
  gap: string;
  /** "6 days left", "3h 05m left". */
  timeLeft: string;
  /** "on pace for 41, Priya 63"; null while there is no rate yet. */
  pace: string | null;
  tone: SummaryTone;
}

export interface SummaryInput {
  challenges: readonly ChallengeView[];
  members: readonly Member[];
  you: Member | null;
  pack: { timeZone: string } | null;
}

export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
}

/** Whole days read faster than "6d 3h" once there are a couple of them. */
function roughTimeLeft(challenge: ChallengeView, now: EpochMs): string {
  const days = Math.floor((challenge.end - now) / 86_400_000);
  return days >= 2 ? `${days} days left` : timeLeftLabel(challenge, now);
}

function gapWords(
  challenge: ChallengeView,
  rows: readonly StandingRow[],
  you: StandingRow,
  now: EpochMs,
): [string, SummaryTone] {
  const target = challenge.target;
  if (challenge.format === 'goal' && target !== null) {
    if (you.count >= target) return ['reached the goal', 'done'];
    // A goal is against the target, not the others: ahead means on track to make it.
    const pace = paceOf(challenge, now)?.entries.find((e) => e.memberId === you.memberId);
    const tone = !pace || pace.onTrack === null ? 'none' : pace.onTrack ? 'ahead' : 'behind';
    return [`${target - you.count} to go`, tone];
  }
  // Rows carry the standings of everyone still in it, zeros included, as describeGap expects.
  const standings = rows.map((r) => ({
    memberId: r.memberId,
    count: r.count,
    rank: r.rank,
    reachedAt: null,
  }));
  const gap = describeGap(standings, you.memberId, target);
  const leaders = rows.filter((r) => r.rank === 1 && !r.isYou).map((r) => r.name);
  if (gap === 'Reached the target') return [`reached ${target}`, 'done'];
  if (gap === 'No score yet') return ['no score yet', 'none'];
  if (you.rank > 1) {
    // Name whom to catch: the leader, or "the leaders" when too many share the top to list.
    const whom = leaders.length <= 2 ? leaders.join(' and ') : 'the leaders';
    return [`${rows[0] ? rows[0].count - you.count : 0} behind ${whom}`, 'behind'];
  }
  if (gap === 'Tied for the lead') {
    return [
      leaders.length <= 2 ? `tied with ${leaders.join(' and ')} for the lead` : 'tied for the lead',
      'tied',
    ];
  }
  return [gap.charAt(0).toLowerCase() + gap.slice(1), 'ahead'];
}

/**
 * One line per running challenge you take part in, in the order the tray features them (the
 * one ending soonest first): your rank, your gap to the leader or your lead, time left and pace.
 */
export function summaryLines(input: SummaryInput, now: EpochMs): SummaryLine[] {
  const { you } = input;
  if (!you) return [];
  const timeZone = input.pack?.timeZone ?? 'UTC';
  const nameOf = (id: string) => input.members.find((m) => m.id === id)?.displayName ?? 'a former member';
  return rankFeatured(input.challenges, you.id, now)
    .filter((c) => isLive(c, now))
    .flatMap((challenge): SummaryLine[] => {
      const rows = standingRows(challenge, input.members, you.id);
      const mine = rows.find((r) => r.isYou);
      if (!mine) return [];
      const [gap, tone] = gapWords(challenge, rows, mine, now);
      return [
        {
          challengeId: challenge.id,
          title: challenge.title,
          rank: `${ordinal(mine.rank)} of ${rows.length}`,
          gap,
          timeLeft: roughTimeLeft(challenge, now),
          pace: paceWords(challenge, now, { youId: you.id, names: nameOf, timeZone }),
          tone,
        },
      ];
    });
}

/** The line as one sentence, for a screen reader and a test: "2nd of 4 · 22 behind Priya · …". */
export function summaryText(line: SummaryLine): string {
  return [line.rank, line.gap, line.timeLeft, line.pace].filter(Boolean).join(' · ');
}

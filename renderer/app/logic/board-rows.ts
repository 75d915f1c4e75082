import type { ChallengeView, Member } from '../../../core/types.ts';
import { standingRows } from './standings.ts';

/** One line of a floor-board panel. */
export interface BoardRow {
  memberId: string;
  name: string;
  count: number;
  rank: number;
  /** Alone or tied at the top with something scored; nobody leads at 0 to 0. */
  leader: boolean;
  /** Short, for a TV: "+3" (the leader's lead), "22 behind", "tied", "4 to go", "done". */
  gap: string;
  barPercent: number;
}

/**
 * The panel's rows, ranked. A goal is each member against the target, so its gap is what is left
 * to do; in a race or most-wins challenge it is the distance to the leader, or the leader's lead.
 */
export function boardRows(challenge: ChallengeView, members: readonly Member[]): BoardRow[] {
  const rows = standingRows(challenge, members, null);
  const top = rows[0]?.count ?? 0;
  const leaders = rows.filter((r) => r.count === top).length;
  const runnerUp = rows.find((r) => r.count < top)?.count ?? 0;
  const target = challenge.format === 'most' ? null : challenge.target;
  return rows.map((row) => {
    const leader = top > 0 && row.count === top;
    let gap: string;
    if (target !== null && row.count >= target) gap = 'done';
    else if (challenge.format === 'goal' && target !== null) gap = `${target - row.count} to go`;
    else if (top === 0) gap = '';
    else if (!leader) gap = `${top - row.count} behind`;
    else gap = leaders > 1 ? 'tied' : `+${top - runnerUp}`;
    return {
      memberId: row.memberId,
      name: row.name,
      count: row.count,
      rank: row.rank,
      leader,
      gap,
      barPercent: row.barPercent,
    };
  });
}

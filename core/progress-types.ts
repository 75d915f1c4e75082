/**
 * Streaks, personal bests and the weekly recap: what the relay answers and what the screens, the
 * tray, the notifications and `wolfpack recap` show. The relay keeps day totals per member,
 * metric and local day (in the pack's zone) as it counts each log, so none of this recounts
 * history on the log path.
 */
import type { ApiResult } from './app-api.ts';

/** A local calendar day in the pack's zone, 'YYYY-MM-DD'. */
export type LocalDay = string;

export interface MetricProgress {
  metric: string;
  /** The member's daily target for this metric (a count of at least 1; default 1). */
  target: number;
  /** Today's count so far. */
  today: number;
  /**
   * Working days (Monday to Friday) in a row with the target met, up to today. Today counts
   * once it is met; a today not yet met does not break the streak.
   */
  streak: number;
  /** The longest such run ever. */
  bestStreak: number;
  /** The member's highest day, null before their first log of this metric. */
  bestDay: { count: number; day: LocalDay } | null;
  /** The highest week (weeks start on the pack's week start), null before the first log. */
  bestWeek: { count: number; weekStart: LocalDay } | null;
}

export interface MemberProgress {
  memberId: string;
  metrics: MetricProgress[];
}

/** `progress:get`: every member of the pack, every metric the pack counts. */
export interface ProgressReport {
  /** Today in the pack's zone. */
  today: LocalDay;
  members: MemberProgress[];
}

/** A record a log just beat; the ack of `activity:log` carries the logger's own. */
export interface PersonalBest {
  memberId: string;
  metric: string;
  kind: 'day' | 'week' | 'streak';
  /** The new record and the one it beat (0 when there was none). */
  count: number;
  previous: number;
}

export interface RecapChallenge {
  challengeId: string;
  title: string;
  outcome: 'won' | 'lost' | 'tied' | 'no_result';
}

export interface MemberRecap {
  memberId: string;
  /** Per metric: last week's count and the week before's. */
  counts: { metric: string; week: number; previousWeek: number }[];
  /** Challenges that ended in the week, from this member's side. */
  challenges: RecapChallenge[];
  won: number;
  lost: number;
  tied: number;
  /** Streaks as they stood at the end of the week (as of today, for the week still running). */
  streaks: { metric: string; streak: number }[];
}

/** `recap:week`: the week before the current one unless a week start is given. */
export interface WeeklyRecap {
  weekStart: LocalDay;
  /** The last day of the week (inclusive). */
  weekEnd: LocalDay;
  previousWeekStart: LocalDay;
  timeZone: string;
  members: MemberRecap[];
}

/** What both the web app and the desktop app offer the screens. */
export interface ProgressApi {
  progress(): Promise<ApiResult<{ report: ProgressReport }>>;
  setDailyTarget(metric: string, target: number): Promise<ApiResult<{ target: number }>>;
  recap(weekStart?: LocalDay): Promise<ApiResult<{ recap: WeeklyRecap }>>;
}

/** A record you beat, as the app state keeps it (newest last, the last five). */
export interface BeatenBest extends PersonalBest {
  /** When the log that beat it was acknowledged (ms since the epoch). */
  at: number;
}

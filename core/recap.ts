/**
 * The weekly recap, pure: from the pack's day totals and the challenges that ended in the week,
 * what each member did, how it compares with the week before, and what they won.
 */
import { outcomeOf } from './outcome.ts';
import type { LocalDay, MemberRecap, RecapChallenge, WeeklyRecap } from './progress-types.ts';
import { DEFAULT_DAILY_TARGET, metricProgress, type DayTotal } from './streaks.ts';
import { addDays, localDateOf, weekStartDate } from './time-window.ts';
import type { Challenge, ChallengeResult, EpochMs, WeekStart } from './types.ts';

export interface RecapDay extends DayTotal {
  memberId: string;
  metric: string;
}

export interface RecapInput {
  /** Any day of the week to recap; the recap covers the pack's week that holds it. */
  day: LocalDay;
  timeZone: string;
  weekStart: WeekStart;
  /** Today in the pack's zone: the streaks of a week still running are those of today. */
  today?: LocalDay;
  memberIds: readonly string[];
  metrics: readonly string[];
  /** Day totals up to the end of the week (later ones are ignored). */
  days: readonly RecapDay[];
  /** Daily targets by `${memberId}|${metric}`; missing means the default. */
  targets: ReadonlyMap<string, number>;
  /** Ended challenges with their results; those whose end falls outside the week are ignored. */
  challenges: readonly { challenge: Challenge; result: ChallengeResult | null }[];
}

/** The week before the one holding `now`, in the pack's zone: the default week of a recap. */
export function lastWeekStart(now: EpochMs, timeZone: string, weekStart: WeekStart): LocalDay {
  return addDays(weekStartDate(localDateOf(now, timeZone), weekStart), -7);
}

/** Whether a challenge belongs to the week: its window closed during it (not its grace). */
function endedIn(challenge: Challenge, weekStart: LocalDay, timeZone: string): boolean {
  // The end is exclusive; the last instant that counted names the day it ended on.
  const day = localDateOf(challenge.end - 1, timeZone);
  return day >= weekStart && day <= addDays(weekStart, 6);
}

function recapChallenge(
  challenge: Challenge,
  result: ChallengeResult | null,
  memberId: string,
): RecapChallenge {
  const outcome = result ? outcomeOf(result, memberId) : 'no-result';
  return {
    challengeId: challenge.id,
    title: challenge.title,
    outcome: outcome === 'no-result' ? 'no_result' : outcome,
  };
}

export function weeklyRecap(input: RecapInput): WeeklyRecap {
  const weekStart = weekStartDate(input.day, input.weekStart);
  const weekEnd = addDays(weekStart, 6);
  const previousWeekStart = addDays(weekStart, -7);
  const streaksOn = input.today && input.today < weekEnd ? input.today : weekEnd;
  const inWeek = input.challenges.filter(({ challenge }) => endedIn(challenge, weekStart, input.timeZone));
  const members = input.memberIds.map((memberId): MemberRecap => {
    const mine = input.days.filter((d) => d.memberId === memberId && d.day <= weekEnd);
    const sum = (metric: string, from: LocalDay, to: LocalDay) =>
      mine
        .filter((d) => d.metric === metric && d.day >= from && d.day <= to)
        .reduce((n, d) => n + d.count, 0);
    const challenges = inWeek
      .filter(({ challenge }) => challenge.participants.some((p) => p.memberId === memberId && !p.declined))
      .map(({ challenge, result }) => recapChallenge(challenge, result, memberId));
    const tally = (outcome: RecapChallenge['outcome']) =>
      challenges.filter((c) => c.outcome === outcome).length;
    return {
      memberId,
      counts: input.metrics.map((metric) => ({
        metric,
        week: sum(metric, weekStart, weekEnd),
        previousWeek: sum(metric, previousWeekStart, addDays(weekStart, -1)),
      })),
      challenges,
      won: tally('won'),
      lost: tally('lost'),
      tied: tally('tied'),
      streaks: input.metrics.map((metric) => ({
        metric,
        streak: metricProgress({
          metric,
          days: mine.filter((d) => d.metric === metric),
          target: input.targets.get(`${memberId}|${metric}`) ?? DEFAULT_DAILY_TARGET,
          today: streaksOn,
          weekStart: input.weekStart,
        }).streak,
      })),
    };
  });
  return { weekStart, weekEnd, previousWeekStart, timeZone: input.timeZone, members };
}

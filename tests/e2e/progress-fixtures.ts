import type { MemberRecap, MetricProgress, ProgressReport, WeeklyRecap } from '../../core/progress-types.ts';

/** Streak figures for one metric; `over` sets what a test is about. */
export function metricProgress(metric: string, over: Partial<MetricProgress> = {}): MetricProgress {
  return { metric, target: 1, today: 0, streak: 0, bestStreak: 0, bestDay: null, bestWeek: null, ...over };
}

/** Ana (the fake bridge's "you") on a 4-day call streak, 2 of 3 today; Sam ahead on records. */
export function progressReport(): ProgressReport {
  return {
    today: '2026-12-08',
    members: [
      {
        memberId: 'ana',
        metrics: [
          metricProgress('call', {
            target: 3,
            today: 2,
            streak: 4,
            bestStreak: 9,
            bestDay: { count: 14, day: '2026-12-01' },
            bestWeek: { count: 52, weekStart: '2026-11-23' },
          }),
          metricProgress('appointment', { target: 1, today: 1, streak: 2, bestStreak: 2 }),
          metricProgress('proposal'),
          metricProgress('forward_appointment'),
        ],
      },
      {
        memberId: 'sam',
        metrics: [
          metricProgress('call', {
            target: 5,
            today: 6,
            streak: 11,
            bestStreak: 11,
            bestDay: { count: 21, day: '2026-11-26' },
            bestWeek: { count: 80, weekStart: '2026-11-30' },
          }),
          metricProgress('appointment'),
          metricProgress('proposal'),
          metricProgress('forward_appointment'),
        ],
      },
    ],
  };
}

function memberRecap(memberId: string, over: Partial<MemberRecap>): MemberRecap {
  return { memberId, counts: [], challenges: [], won: 0, lost: 0, tied: 0, streaks: [], ...over };
}

/** The week of 30 November: Sam out-called Ana, Ana won the appointments challenge. */
export function weeklyRecap(weekStart = '2026-11-30'): WeeklyRecap {
  const calls = { challengeId: 'c7', title: 'Most calls this week', outcome: 'lost' as const };
  const meetings = { challengeId: 'c8', title: 'First to 5 appointments', outcome: 'won' as const };
  return {
    weekStart,
    weekEnd: '2026-12-06',
    previousWeekStart: '2026-11-23',
    timeZone: 'Europe/Berlin',
    members: [
      memberRecap('ana', {
        counts: [
          { metric: 'call', week: 42, previousWeek: 34 },
          { metric: 'appointment', week: 6, previousWeek: 7 },
          { metric: 'proposal', week: 0, previousWeek: 0 },
        ],
        challenges: [calls, meetings],
        won: 1,
        lost: 1,
        streaks: [
          { metric: 'call', streak: 4 },
          { metric: 'appointment', streak: 2 },
        ],
      }),
      memberRecap('sam', {
        counts: [
          { metric: 'call', week: 47, previousWeek: 50 },
          { metric: 'appointment', week: 4, previousWeek: 4 },
        ],
        challenges: [
          { ...calls, outcome: 'won' },
          { ...meetings, outcome: 'lost' },
        ],
        won: 1,
        lost: 1,
        streaks: [{ metric: 'call', streak: 11 }],
      }),
    ],
  };
}

/** A pack created this week: the recap knows its members and nothing else. */
export function emptyRecap(): WeeklyRecap {
  return { ...weeklyRecap(), members: [memberRecap('ana', {}), memberRecap('sam', {})] };
}

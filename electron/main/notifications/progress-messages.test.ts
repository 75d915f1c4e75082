import { describe, expect, it } from 'vitest';
import { BUILT_IN_METRICS } from '../../../core/metrics.ts';
import type { BeatenBest, MemberRecap, WeeklyRecap } from '../../../core/progress-types.ts';
import type { MessageContext } from './messages.ts';
import { personalBestMessage, weeklyRecapMessage } from './progress-messages.ts';

const ctx: MessageContext = {
  youId: 'me',
  names: (id) => ({ sam: 'Sam', kim: 'Kim' })[id] ?? id,
  metrics: BUILT_IN_METRICS,
  timeZone: 'Europe/Berlin',
};

// Tuesday 1 December 2026, 23:30 in Berlin (22:30 UTC).
const lateTuesday = Date.parse('2026-12-01T22:30:00Z');

const best = (over: Partial<BeatenBest> = {}): BeatenBest => ({
  memberId: 'me',
  metric: 'call',
  kind: 'day',
  count: 14,
  previous: 12,
  at: lateTuesday,
  ...over,
});

function member(memberId: string, over: Partial<MemberRecap> = {}): MemberRecap {
  return { memberId, counts: [], challenges: [], won: 0, lost: 0, tied: 0, streaks: [], ...over };
}

const recap = (members: MemberRecap[]): WeeklyRecap => ({
  weekStart: '2026-11-30',
  weekEnd: '2026-12-06',
  previousWeekStart: '2026-11-23',
  timeZone: 'Europe/Berlin',
  members,
});

describe('personalBestMessage', () => {
  it('says the new record and the one it beat, and opens Stats', () => {
    expect(personalBestMessage(ctx, best())).toEqual({
      id: 'best:call:day:2026-12-01',
      title: 'New best: 14 calls in a day (was 12)',
      body: 'Every streak and record is on the Stats page.',
      route: '/stats',
    });
  });

  it('is one notification per record and local day, however often the record climbs that day', () => {
    const first = personalBestMessage(ctx, best({ count: 13, previous: 12, at: lateTuesday - 3_600_000 }));
    const again = personalBestMessage(ctx, best({ count: 14, previous: 13 }));
    expect(first?.id).toBe(again?.id);
    // Past midnight in Berlin is the next day, though UTC still says Tuesday.
    const wednesday = personalBestMessage(ctx, best({ at: lateTuesday + 3_600_000 }));
    expect(wednesday?.id).toBe('best:call:day:2026-12-02');
    expect(personalBestMessage(ctx, best({ kind: 'week' }))?.id).toBe('best:call:week:2026-12-01');
  });

  it('words a week and a streak, and leaves "was" out of a first record', () => {
    expect(personalBestMessage(ctx, best({ kind: 'week', count: 52, previous: 0 }))?.title).toBe(
      'New best: 52 calls in a week',
    );
    expect(personalBestMessage(ctx, best({ kind: 'streak', count: 6, previous: 5 }))?.title).toBe(
      'New best streak: 6 days of calls (was 5)',
    );
  });

  it("is never about somebody else's record", () => {
    expect(personalBestMessage(ctx, best({ memberId: 'sam' }))).toBeNull();
  });
});

describe('weeklyRecapMessage', () => {
  it('tells your week against the week before, who led, and your challenges; a click opens that recap', () => {
    const message = weeklyRecapMessage(
      ctx,
      recap([
        member('me', {
          counts: [
            { metric: 'appointment', week: 3, previousWeek: 3 },
            { metric: 'call', week: 42, previousWeek: 34 },
            { metric: 'proposal', week: 0, previousWeek: 0 },
          ],
          won: 2,
          lost: 1,
        }),
        member('sam', { counts: [{ metric: 'call', week: 47, previousWeek: 50 }] }),
      ]),
    );
    expect(message).toEqual({
      id: 'recap:2026-11-30',
      title: 'Your week of 30 Nov',
      body: [
        '42 calls, up 8 on the week before',
        '3 appointments, the same as the week before',
        'Sam had the most calls (47)',
        'Challenges: 2 won, 1 lost',
      ].join('\n'),
      route: '/recap/2026-11-30',
    });
  });

  it('says so when you logged nothing while partners did', () => {
    const message = weeklyRecapMessage(
      ctx,
      recap([member('me'), member('sam', { counts: [{ metric: 'call', week: 5, previousWeek: 0 }] })]),
    );
    expect(message?.body).toBe('You logged nothing that week');
  });

  it('stays silent for a pack with nothing in either week, and for a recap without you', () => {
    expect(weeklyRecapMessage(ctx, recap([member('me'), member('sam')]))).toBeNull();
    expect(
      weeklyRecapMessage(
        ctx,
        recap([member('sam', { counts: [{ metric: 'call', week: 5, previousWeek: 1 }] })]),
      ),
    ).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { ApiResult, NotificationChoices, QuietHours } from '../../../core/app-api.ts';
import { BUILT_IN_METRICS } from '../../../core/metrics.ts';
import type { WeeklyRecap } from '../../../core/progress-types.ts';
import type { WeekStart } from '../../../core/types.ts';
import { FakeClock, FakeNotifier } from '../testing/fakes.ts';
import { MemorySeenStore, NotificationCenter } from './notification-center.ts';
import type { SeenStore } from './notification-center.ts';
import { weeklyRecapMessage } from './progress-messages.ts';
import { WeeklyRecapNotice } from './weekly-recap.ts';

const ALL_ON: NotificationChoices = {
  challengeEnded: true,
  overtaken: true,
  challengeStarted: true,
  partnerJoined: true,
  cheers: true,
  personalBest: true,
  weeklyRecap: true,
};

function recapOf(weekStart: string, calls = 42): WeeklyRecap {
  return {
    weekStart,
    weekEnd: weekStart,
    previousWeekStart: weekStart,
    timeZone: 'Europe/Berlin',
    members: [
      {
        memberId: 'me',
        counts: [{ metric: 'call', week: calls, previousWeek: 34 }],
        challenges: [],
        won: 0,
        lost: 0,
        tied: 0,
        streaks: [],
      },
    ],
  };
}

/** The notice wired to a real NotificationCenter over fakes, as announcements.ts wires it. */
function setup(
  opts: {
    start?: string;
    seen?: SeenStore;
    choices?: Partial<NotificationChoices>;
    quietHours?: QuietHours;
    calendar?: { timeZone: string; weekStart: WeekStart };
    answer?: (weekStart: string) => ApiResult<{ recap: WeeklyRecap }>;
  } = {},
) {
  const clock = new FakeClock(opts.start ?? '2026-12-07T08:00:00Z');
  const notifier = new FakeNotifier(clock);
  const opened: string[] = [];
  const choices = { ...ALL_ON, ...opts.choices };
  const calendar = opts.calendar ?? { timeZone: 'Europe/Berlin', weekStart: 1 as WeekStart };
  const center = new NotificationCenter({
    notifier,
    clock,
    seen: opts.seen ?? new MemorySeenStore(),
    choices: () => choices,
    quietHours: () => opts.quietHours ?? { enabled: false, from: '22:00', to: '07:00' },
    timeZone: () => calendar.timeZone,
    onOpen: (route) => opened.push(route),
  });
  const asked: string[] = [];
  const notice = new WeeklyRecapNotice({
    clock,
    calendar: () => calendar,
    known: (id) => center.knows(id),
    wanted: () => center.wants('weeklyRecap'),
    fetch: async (weekStart) => {
      asked.push(weekStart);
      return opts.answer ? opts.answer(weekStart) : { ok: true, recap: recapOf(weekStart) };
    },
    tell: (recap) => {
      const request = weeklyRecapMessage(
        { youId: 'me', names: (id) => id, metrics: BUILT_IN_METRICS, timeZone: calendar.timeZone },
        recap,
      );
      if (request) center.notify('weeklyRecap', request);
    },
  });
  return { clock, notifier, opened, center, notice, asked };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('WeeklyRecapNotice', () => {
  it("tells last week's recap the first time the app is online in a new week; a click opens it", async () => {
    const { notifier, opened, notice, asked } = setup();
    notice.check();
    await settle();
    expect(asked).toEqual(['2026-11-30']);
    expect(notifier.shown).toMatchObject([
      {
        id: 'recap:2026-11-30',
        title: 'Your week of 30 Nov',
        body: '42 calls, up 8 on the week before\nYou had the most calls (42)',
      },
    ]);
    notifier.click('recap:2026-11-30');
    expect(opened).toEqual(['/recap/2026-11-30']);
  });

  it('tells it once a week: not again on a reconnect, nor after a restart with the same seen store', async () => {
    const seen = new MemorySeenStore();
    const first = setup({ seen });
    first.notice.check();
    await settle();
    first.notice.check();
    await settle();
    expect(first.asked).toEqual(['2026-11-30']);
    first.notice.dispose();
    const restarted = setup({ seen, start: '2026-12-09T15:00:00Z' });
    restarted.notice.check();
    await settle();
    expect(restarted.asked).toEqual([]);
    expect(restarted.notifier.shown).toEqual([]);
  });

  it('an app left running tells the next recap when the week turns in the pack zone', async () => {
    const { clock, notifier, notice, asked } = setup({ start: '2026-12-10T12:00:00Z' });
    notice.check();
    await settle();
    // Sunday 23:00 UTC is already Monday 14 December in Berlin.
    clock.advanceTo('2026-12-13T22:59:00Z');
    await settle();
    expect(asked).toEqual(['2026-11-30']);
    clock.advanceTo('2026-12-13T23:00:02Z');
    await settle();
    expect(asked).toEqual(['2026-11-30', '2026-12-07']);
    expect(notifier.ids()).toEqual(['recap:2026-11-30', 'recap:2026-12-07']);
  });

  it("follows the pack's own week start and zone", async () => {
    // Sunday 6 December, 10:00 in New York: a Sunday-start week began today.
    const { notice, asked } = setup({
      start: '2026-12-06T15:00:00Z',
      calendar: { timeZone: 'America/New_York', weekStart: 0 as WeekStart },
    });
    notice.check();
    await settle();
    expect(asked).toEqual(['2026-11-29']);
  });

  it('waits for quiet hours to end', async () => {
    // Monday 00:30 in Berlin, inside 22:00 to 07:00.
    const { clock, notifier, notice } = setup({
      start: '2026-12-06T23:30:00Z',
      quietHours: { enabled: true, from: '22:00', to: '07:00' },
    });
    notice.check();
    await settle();
    expect(notifier.shown).toEqual([]);
    clock.advanceTo('2026-12-07T06:00:01Z');
    expect(notifier.shown).toMatchObject([
      { id: 'recap:2026-11-30', shownAt: Date.parse('2026-12-07T06:00:00Z') },
    ]);
  });

  it('switched off in Settings: the relay is not even asked, and nothing shows', async () => {
    const { notifier, notice, asked } = setup({ choices: { weeklyRecap: false } });
    notice.check();
    await settle();
    expect(asked).toEqual([]);
    expect(notifier.shown).toEqual([]);
  });

  it('asks again at the next check when the relay refused, and shows nothing for an empty week', async () => {
    let refuse = true;
    const { notifier, notice, asked } = setup({
      answer: (weekStart) =>
        refuse
          ? { ok: false, error: { code: 'internal', message: 'the relay failed' } }
          : { ok: true, recap: { ...recapOf(weekStart), members: [] } },
    });
    notice.check();
    await settle();
    refuse = false;
    notice.check();
    await settle();
    expect(asked).toEqual(['2026-11-30', '2026-11-30']);
    expect(notifier.shown).toEqual([]);
  });
});

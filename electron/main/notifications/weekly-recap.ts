import type { ApiResult } from '../../../core/app-api.ts';
import type { LocalDay, WeeklyRecap } from '../../../core/progress-types.ts';
import { addDays, localDateOf, startOfLocalDay, weekStartDate } from '../../../core/time-window.ts';
import type { WeekStart } from '../../../core/types.ts';
import type { Clock, TimerHandle } from '../ports.ts';

export interface WeeklyRecapOptions {
  clock: Clock;
  /** The pack's zone and first day of the week; null until a pack is known. */
  calendar: () => { timeZone: string; weekStart: WeekStart } | null;
  /** True once the recap notification with this id was shown, switched off or is held. */
  known: (id: string) => boolean;
  /** False when the user switched the weekly recap off: then the relay is not even asked. */
  wanted: () => boolean;
  fetch: (weekStart: LocalDay) => Promise<ApiResult<{ recap: WeeklyRecap }>>;
  tell: (recap: WeeklyRecap) => void;
}

/** The id the recap of the week starting `weekStart` is notified under. */
export const recapNoticeId = (weekStart: LocalDay) => `recap:${weekStart}`;

/**
 * The weekly recap, once per week: the first time the app runs (or is online) in a new week of
 * the pack's zone, and at the turn of the week while it keeps running. The notification center's
 * seen store remembers it across restarts; this only avoids asking the relay twice.
 */
export class WeeklyRecapNotice {
  private readonly opts: WeeklyRecapOptions;
  private readonly asked = new Set<LocalDay>();
  private timer: TimerHandle | null = null;
  private disposed = false;

  constructor(opts: WeeklyRecapOptions) {
    this.opts = opts;
  }

  /** The week just ended, in the pack's calendar, or null before a pack is known. */
  lastWeek(): LocalDay | null {
    const calendar = this.opts.calendar();
    if (!calendar) return null;
    const today = localDateOf(this.opts.clock.now(), calendar.timeZone);
    return addDays(weekStartDate(today, calendar.weekStart), -7);
  }

  /** Call when the relay session is (again) up to date: tells last week's recap if not yet told. */
  check(): void {
    if (this.disposed) return;
    this.arm();
    const week = this.lastWeek();
    if (!week || this.asked.has(week) || !this.opts.wanted() || this.opts.known(recapNoticeId(week))) return;
    this.asked.add(week);
    this.opts.fetch(week).then(
      (result) => {
        if (this.disposed) return;
        if (result.ok) this.opts.tell(result.recap);
        // A refused or failed question is asked again at the next check (the next connect).
        else this.asked.delete(week);
      },
      () => this.asked.delete(week),
    );
  }

  dispose(): void {
    this.disposed = true;
    this.timer?.cancel();
    this.timer = null;
  }

  /** Wakes at the start of the next week, so an app left running tells it on Monday morning. */
  private arm(): void {
    const calendar = this.opts.calendar();
    if (this.timer || !calendar) return;
    const now = this.opts.clock.now();
    const next = addDays(weekStartDate(localDateOf(now, calendar.timeZone), calendar.weekStart), 7);
    const wait = startOfLocalDay(next, calendar.timeZone) - now;
    this.timer = this.opts.clock.setTimeout(
      () => {
        this.timer = null;
        this.check();
      },
      // A second late, so the clock is surely in the new week; never a busy loop.
      Math.max(wait, 0) + 1000,
    );
  }
}

import type { NotificationChoices, QuietHours } from '../../../core/app-api.ts';
import type { Clock, NotificationRequest, Notifier, TimerHandle } from '../ports.ts';
import { inQuietHours, quietHoursEnd } from './quiet-hours.ts';
import type { SeenStore } from './seen-store.ts';

export { FileSeenStore, MemorySeenStore } from './seen-store.ts';
export type { SeenStore } from './seen-store.ts';

export type NotificationKind = keyof NotificationChoices | 'invited';

export interface NotificationCenterOptions {
  notifier: Notifier;
  clock: Clock;
  seen: SeenStore;
  choices: () => NotificationChoices;
  quietHours: () => QuietHours;
  timeZone: () => string;
  onOpen: (route: string) => void;
}

interface Held {
  kind: NotificationKind;
  request: NotificationRequest;
}

/** An invitation is news about a challenge starting, so it follows that switch. */
function choiceFor(kind: NotificationKind): keyof NotificationChoices {
  return kind === 'invited' ? 'challengeStarted' : kind;
}

/**
 * Decides whether and when a notification is shown: each id at most once ever (the seen store
 * outlives reconnects and restarts), kinds the user switched off never, and during quiet hours
 * later, in arrival order, when they end.
 */
export class NotificationCenter {
  private readonly opts: NotificationCenterOptions;
  private held: Held[] = [];
  private timer: TimerHandle | null = null;
  private disposed = false;

  constructor(opts: NotificationCenterOptions) {
    this.opts = opts;
  }

  notify(kind: NotificationKind, request: NotificationRequest): void {
    if (this.disposed) return;
    // Whatever waited for quiet hours to end goes first, so order is kept.
    this.release();
    if (this.opts.seen.has(request.id) || this.held.some((h) => h.request.id === request.id)) return;
    if (!this.allowed(kind)) {
      // Remembered as seen, so switching the kind back on later does not replay old news.
      this.opts.seen.add(request.id);
      return;
    }
    if (this.quietNow()) {
      this.held.push({ kind, request });
      this.schedule();
      return;
    }
    this.show(request);
  }

  /** Call after the choices or quiet hours change: held notifications may be due now. */
  settingsChanged(): void {
    if (this.disposed) return;
    this.timer?.cancel();
    this.timer = null;
    this.release();
    if (this.held.length > 0) this.schedule();
  }

  /** Shown, switched off when it came, or waiting for quiet hours: asking for it again is pointless. */
  knows(id: string): boolean {
    return this.opts.seen.has(id) || this.held.some((h) => h.request.id === id);
  }

  /** Whether the user wants this kind at all (quiet hours aside). */
  wants(kind: NotificationKind): boolean {
    return this.allowed(kind);
  }

  /** How many wait for quiet hours to end. */
  heldCount(): number {
    return this.held.length;
  }

  dispose(): void {
    this.disposed = true;
    this.timer?.cancel();
    this.timer = null;
    // Held ones were never marked seen, so the relay's catch-up brings them again next time.
    this.held = [];
  }

  private allowed(kind: NotificationKind): boolean {
    return this.opts.choices()[choiceFor(kind)];
  }

  private quietNow(): boolean {
    return inQuietHours(this.opts.quietHours(), this.opts.clock.now(), this.opts.timeZone());
  }

  private release(): void {
    if (this.held.length === 0 || this.quietNow()) return;
    const due = this.held;
    this.held = [];
    for (const { kind, request } of due) {
      if (this.opts.seen.has(request.id)) continue;
      // Switched off while it waited: the user no longer wants it.
      if (!this.allowed(kind)) this.opts.seen.add(request.id);
      else this.show(request);
    }
  }

  private schedule(): void {
    if (this.timer) return;
    const now = this.opts.clock.now();
    const end = quietHoursEnd(this.opts.quietHours(), now, this.opts.timeZone());
    this.timer = this.opts.clock.setTimeout(
      () => {
        this.timer = null;
        this.release();
        // Quiet hours may have been moved meanwhile; wait for the new end.
        if (this.held.length > 0 && !this.disposed) this.schedule();
        // The floor guards against a busy loop should the end ever come back as now.
      },
      Math.max(end - now, 1000),
    );
  }

  private show(request: NotificationRequest): void {
    this.opts.seen.add(request.id);
    this.opts.notifier.show(request, () => this.opts.onOpen(request.route));
  }
}

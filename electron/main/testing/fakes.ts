/**
 * Recording fakes for the platform ports, shared by every desktop test. Each one keeps what it was
 * asked to do in plain public fields and offers the user's side of the platform (click a menu item,
 * press a key combination, click a notification, let time pass), so tests read like a user session.
 */
import type {
  Clock,
  IconBitmap,
  MenuItemModel,
  NotificationRequest,
  Notifier,
  ShortcutRegistrar,
  TimerHandle,
  TrayPort,
  WindowsPort,
} from '../ports.ts';

export { FakeCipher, MemorySettingsBackend } from './settings-fakes.ts';

type ActionItem = Extract<MenuItemModel, { kind: 'action' }>;

/** Every item of a menu, submenus included, depth first, in the order a user reads them. */
export function flattenMenu(items: readonly MenuItemModel[]): MenuItemModel[] {
  return items.flatMap((item) => (item.kind === 'submenu' ? [item, ...flattenMenu(item.items)] : [item]));
}

/** A menu as the lines a user sees: separators as '---', submenu items indented by two spaces. */
export function menuText(items: readonly MenuItemModel[], indent = ''): string[] {
  return items.flatMap((item): string[] => {
    switch (item.kind) {
      case 'separator':
        return [`${indent}---`];
      case 'label':
        return [`${indent}${item.label}`];
      case 'submenu':
        return [`${indent}${item.label} >`, ...menuText(item.items, `${indent}  `)];
      case 'action': {
        const check = item.checked === undefined ? '' : item.checked ? '[x] ' : '[ ] ';
        const accel = item.accelerator ? `  (${item.accelerator})` : '';
        const disabled = item.enabled === false ? ' (disabled)' : '';
        return [`${indent}${check}${item.label}${accel}${disabled}`];
      }
    }
  });
}

export class FakeTray implements TrayPort {
  tooltip = '';
  menu: MenuItemModel[] = [];
  /** Every image set, oldest first; `image` is the one showing now. */
  images: IconBitmap[] = [];
  private onClick: ((id: string) => void) | null = null;

  setToolTip(text: string): void {
    this.tooltip = text;
  }

  setContextMenu(items: MenuItemModel[], onClick: (id: string) => void): void {
    this.menu = items;
    this.onClick = onClick;
  }

  setImage(image: IconBitmap): void {
    this.images.push(image);
  }

  get image(): IconBitmap | undefined {
    return this.images.at(-1);
  }

  /** The menu as lines of text (see menuText). */
  menuLines(): string[] {
    return menuText(this.menu);
  }

  item(id: string): ActionItem | undefined {
    return flattenMenu(this.menu).find((i): i is ActionItem => i.kind === 'action' && i.id === id);
  }

  /** Clicks a menu item as a user would: it must be in the current menu and enabled. */
  click(id: string): void {
    const item = this.item(id);
    if (!item) throw new Error(`no menu item '${id}' in: ${this.menuLines().join(' | ')}`);
    if (item.enabled === false) throw new Error(`menu item '${id}' is disabled`);
    if (!this.onClick) throw new Error('no click handler set');
    this.onClick(id);
  }
}

export type RegistrarCall =
  { op: 'register'; accelerator: string; ok: boolean } | { op: 'unregister'; accelerator: string };

/**
 * A global shortcut registry shared with "other applications". Accelerators are compared as
 * written, which is what the code under test should rely on anyway: it unregisters exactly the
 * string it registered.
 */
export class FakeRegistrar implements ShortcutRegistrar {
  /** Combinations other applications hold; registering one of them fails. */
  readonly heldByOthers: Set<string>;
  readonly calls: RegistrarCall[] = [];
  private readonly callbacks = new Map<string, () => void>();

  constructor(heldByOthers: Iterable<string> = []) {
    this.heldByOthers = new Set(heldByOthers);
  }

  register(accelerator: string, callback: () => void): boolean {
    // Like Electron, a combination this app already holds cannot be registered a second time.
    const ok = !this.heldByOthers.has(accelerator) && !this.callbacks.has(accelerator);
    if (ok) this.callbacks.set(accelerator, callback);
    this.calls.push({ op: 'register', accelerator, ok });
    return ok;
  }

  unregister(accelerator: string): void {
    this.callbacks.delete(accelerator);
    this.calls.push({ op: 'unregister', accelerator });
  }

  /** What this app holds right now, sorted. */
  registered(): string[] {
    return [...this.callbacks.keys()].sort();
  }

  isRegistered(accelerator: string): boolean {
    return this.callbacks.has(accelerator);
  }

  /** The user presses the keys; returns whether this app received the press. */
  press(accelerator: string): boolean {
    const callback = this.callbacks.get(accelerator);
    callback?.();
    return callback !== undefined;
  }
}

export interface ShownNotification extends NotificationRequest {
  /** When it was shown, by the clock handed to the fake (or 0 without one). */
  shownAt: number;
}

export class FakeNotifier implements Notifier {
  readonly shown: ShownNotification[] = [];
  private readonly clicks = new Map<string, () => void>();
  private readonly clock: Pick<Clock, 'now'> | null;

  constructor(clock?: Pick<Clock, 'now'>) {
    this.clock = clock ?? null;
  }

  show(notification: NotificationRequest, onClick: () => void): void {
    this.shown.push({ ...notification, shownAt: this.clock?.now() ?? 0 });
    this.clicks.set(notification.id, onClick);
  }

  ids(): string[] {
    return this.shown.map((n) => n.id);
  }

  titles(): string[] {
    return this.shown.map((n) => n.title);
  }

  click(id: string): void {
    const onClick = this.clicks.get(id);
    if (!onClick) throw new Error(`no notification '${id}' was shown; shown: ${this.ids().join(', ')}`);
    onClick();
  }
}

interface PendingTimer {
  due: number;
  order: number;
  callback: () => void;
  cancelled: boolean;
}

/** Manual time. Nothing runs until the test calls advance(). */
export class FakeClock implements Clock {
  private time: number;
  private timers: PendingTimer[] = [];
  private scheduled = 0;

  constructor(start: number | string = Date.parse('2026-11-23T09:00:00Z')) {
    this.time = typeof start === 'string' ? Date.parse(start) : start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer: PendingTimer = {
      due: this.time + Math.max(0, ms),
      order: this.scheduled++,
      callback,
      cancelled: false,
    };
    this.timers.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  /** Timers not yet run or cancelled. */
  pending(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }

  /**
   * Moves time forward, running every timer that falls due on the way in due order (ties in the
   * order they were set), with now() at the timer's due time while it runs; timers set by a
   * callback run too if they fall inside the span.
   */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const next = this.nextDue(until);
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.time = Math.max(this.time, next.due);
      next.callback();
    }
    this.time = until;
  }

  /** Moves to an instant (ISO text or epoch ms), running due timers as advance() does. */
  advanceTo(instant: number | string): void {
    const target = typeof instant === 'string' ? Date.parse(instant) : instant;
    this.advance(Math.max(0, target - this.time));
  }

  private nextDue(until: number): PendingTimer | undefined {
    this.timers = this.timers.filter((t) => !t.cancelled);
    let best: PendingTimer | undefined;
    for (const t of this.timers) {
      if (t.due > until) continue;
      if (!best || t.due < best.due || (t.due === best.due && t.order < best.order)) best = t;
    }
    return best;
  }
}

export type WindowsCall =
  | { op: 'openMain'; route: string | undefined }
  | { op: 'openQuickEntry'; metricId: string }
  | { op: 'closeQuickEntry' };

export class FakeWindows implements WindowsPort {
  readonly calls: WindowsCall[] = [];
  /** The metric the quick-entry box shows, or null while it is closed. */
  quickEntryFor: string | null = null;
  mainOpen = false;
  /** The route the main window was last asked to show. */
  route: string | undefined;

  openMain(route?: string): void {
    this.calls.push({ op: 'openMain', route });
    this.mainOpen = true;
    this.route = route;
  }

  openQuickEntry(metricId: string): void {
    this.calls.push({ op: 'openQuickEntry', metricId });
    this.quickEntryFor = metricId;
  }

  closeQuickEntry(): void {
    this.calls.push({ op: 'closeQuickEntry' });
    this.quickEntryFor = null;
  }
}

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppState, HotkeyAction } from '../../core/app-api.ts';
import { findMetric } from '../../core/metrics.ts';
import type { ActivityEvent, ChallengeView, Cheer, LogEvent } from '../../core/types.ts';
import type { BeatenBest } from '../../core/progress-types.ts';
import { uuidv7 } from '../../core/uuid.ts';
import { createEmitter } from '../../client/emitter.ts';
import { Mirror } from '../../client/mirror.ts';
import { Outbox } from '../../client/outbox.ts';
import { CacheStore } from '../../client/profile-cache.ts';
import { profilePaths } from '../../client/profile.ts';
import type { RelaySession } from '../../client/session.ts';
import { appState } from './app-state.ts';
import type { DesktopAppDeps } from './desktop-app-deps.ts';
import { HotkeyManager } from './hotkeys/hotkey-manager.ts';
import { readMembership, type Membership } from './membership.ts';
import { buildDesktopApi, type MainApi } from './desktop-api.ts';
import { NotificationCenter, FileSeenStore } from './notifications/notification-center.ts';
import { followSession, packSession } from './pack-session.ts';
import { SettingsService } from './settings/settings-service.ts';
import { TokenVault } from './settings/token-vault.ts';
import { TrayIconUpdater } from './tray/icon-render.ts';
import { buildTrayView } from './tray/tray-model.ts';

interface AppEvents {
  state: AppState;
  navigate: string;
}

/** How long quitting waits for queued logs to reach the relay before leaving them for next time. */
const QUIT_FLUSH_MS = 3_000;

/**
 * The desktop app's heart: one member's relay session, outbox and live state, and everything
 * the rep sees of it (tray, hotkeys, notifications, windows). Platform pieces come in as ports,
 * so this runs the same under Electron and in tests with fakes.
 */
export class DesktopApp {
  readonly deps: DesktopAppDeps;
  readonly settings: SettingsService;
  readonly vault: TokenVault;
  readonly mirror = new Mirror();
  readonly hotkeys: HotkeyManager;
  readonly notifications: NotificationCenter;
  readonly api: MainApi;
  readonly profileDir: string;
  outbox!: Outbox;
  cache!: CacheStore;
  membership: Membership | null = null;
  session: RelaySession | null = null;
  hosting: AppState['hosting'] = null;
  quickEntryMetric = 'forward_appointment';
  cheers: Cheer[] = [];
  /** Challenges that ended while the app ran, newest last (pack-session.ts keeps the last few). */
  results: ChallengeView[] = [];
  /** Records this member's logs beat, newest last (client/bests.ts keeps the last few). */
  bests: BeatenBest[] = [];
  #events = createEmitter<AppEvents>();
  #icon: TrayIconUpdater;
  #detach: (() => void)[] = [];
  /** Listeners on the current session, dropped when it is replaced. */
  #sessionDetach: (() => void)[] = [];

  private constructor(deps: DesktopAppDeps) {
    this.deps = deps;
    this.settings = new SettingsService(deps.settingsBackend, () => {
      // Quiet hours switched off or shortened: held notifications may go out now.
      this.notifications?.settingsChanged();
      this.refresh();
    });
    this.vault = new TokenVault(this.settings, deps.cipher, deps.platform);
    this.profileDir = this.settings.get().profileDir ?? join(deps.userDataDir, 'profile');
    this.hotkeys = new HotkeyManager({
      registrar: deps.registrar,
      platform: deps.platform,
      onPress: (action) => void this.press(action),
      onChange: () => this.refresh(),
    });
    this.notifications = new NotificationCenter({
      notifier: deps.notifier,
      clock: deps.clock,
      seen: new FileSeenStore(join(this.profileDir, 'notified.json')),
      choices: () => this.settings.get().notifications,
      quietHours: () => this.settings.get().quietHours,
      timeZone: () => this.mirrorTimeZone(),
      onOpen: (route) => this.navigate(route),
    });
    this.#icon = new TrayIconUpdater(deps.tray, deps.clock, deps.trayIconSize ?? 32);
    this.api = buildDesktopApi(this);
  }

  static async start(deps: DesktopAppDeps): Promise<DesktopApp> {
    const app = new DesktopApp(deps);
    await mkdir(app.profileDir, { recursive: true, mode: 0o700 });
    app.outbox = await Outbox.open(profilePaths(app.profileDir).outbox);
    app.cache = await CacheStore.load(app.profileDir);
    app.hotkeys.apply(app.settings.get().hotkeys);
    app.#detach.push(app.mirror.on('change', () => app.refresh()));
    app.membership = await readMembership(app.profileDir);
    const token = app.vault.load();
    if (app.membership && token) app.connect(app.membership, token);
    const problems = [deps.settingsMessage, ...app.settings.problems].filter((p): p is string => Boolean(p));
    if (problems.length > 0) {
      // Told once, at start: the settings were repaired, and the user should know what changed.
      deps.notifier.show(
        {
          id: `settings:${deps.clock.now()}`,
          title: 'Wolfpack settings were repaired',
          body: problems.join('\n'),
          route: '/settings',
        },
        () => app.navigate('/settings'),
      );
    }
    app.refresh();
    return app;
  }

  /** Opens the relay session for a membership; replaces any earlier one. */
  connect(membership: Membership, token: string): void {
    for (const off of this.#sessionDetach.splice(0)) off();
    void this.session?.close();
    this.membership = membership;
    const session = packSession(this, membership, token);
    this.session = session;
    this.#sessionDetach.push(...followSession(this, session));
    session.start();
  }

  /** A global hotkey: log at once (or open the quick entry for a metric that needs details). */
  async press(action: HotkeyAction): Promise<void> {
    if (!this.session) return this.deps.windows.openMain('/onboarding');
    if (action === 'undo') {
      await this.api.undo();
      return;
    }
    const metric = findMetric(this.metrics(), action);
    if (metric?.needsMeetingDate) {
      this.quickEntryMetric = metric.id;
      return this.deps.windows.openQuickEntry(metric.id);
    }
    await this.api.log({ metric: action });
  }

  /** Makes the event durable in the outbox; the tray shows it before the relay answers. */
  async logEvent(event: ActivityEvent): Promise<void> {
    if (!this.session) throw new Error('join or create a pack first');
    await this.session.log([event]);
    if (event.type === 'log') this.rememberLog(event);
  }

  rememberLog(event: LogEvent): void {
    this.cache.update((c) => ({
      ...c,
      recentLogs: [
        ...c.recentLogs,
        {
          id: event.id,
          metric: event.metric,
          count: event.count,
          occurredAt: event.occurredAt,
          meetingDate: event.meetingDate,
        },
      ],
    }));
    // Written in the background: the outbox already holds the event, the cache only helps undo.
    void this.cache.save();
  }

  newEventId(): string {
    return uuidv7(this.deps.clock.now());
  }

  metrics() {
    return this.session?.snapshot?.metrics ?? this.cache.current.metrics;
  }

  mirrorTimeZone(): string {
    return this.session?.snapshot?.pack.timeZone ?? this.cache.current.pack?.timeZone ?? this.deps.timeZone;
  }

  state(): AppState {
    return appState(this);
  }

  /** Recomputes tray text, menu and icon, and tells the windows. Cheap; called on every change. */
  refresh(): void {
    if (!this.outbox) return;
    const state = this.state();
    const view = buildTrayView({
      you: state.you,
      members: state.members,
      metrics: state.metrics,
      challenges: state.challenges,
      connection: state.connection,
      hotkeys: state.hotkeys,
      timeZone: this.mirrorTimeZone(),
      now: this.deps.clock.now(),
    });
    this.deps.tray.setToolTip(view.tooltip);
    this.deps.tray.setContextMenu(view.menu, (id) => this.menuClick(id));
    this.#icon.update(view.icon);
    this.#events.emit('state', state);
  }

  menuClick(id: string): void {
    if (id.startsWith('log:')) void this.press(id.slice(4) as HotkeyAction);
    else if (id === 'undo') void this.press('undo');
    else if (id === 'open') this.deps.windows.openMain();
    else if (id === 'pause') this.hotkeys.setPaused(!this.hotkeys.state().paused);
    else if (id === 'quit') this.deps.quit();
    else if (id.startsWith('challenge:')) this.deps.windows.openMain(`/live/${id.slice(10)}`);
  }

  navigate(route: string): void {
    this.deps.windows.openMain(route);
    this.#events.emit('navigate', route);
  }

  onState(listener: (state: AppState) => void): () => void {
    return this.#events.on('state', listener);
  }

  onNavigate(listener: (route: string) => void): () => void {
    return this.#events.on('navigate', listener);
  }

  /** Quitting: give queued logs a moment to reach the relay, then close everything cleanly. */
  async shutdown(): Promise<void> {
    const session = this.session;
    if (session && session.state === 'online' && this.outbox.size > 0) {
      await Promise.race([session.flush(), new Promise((r) => setTimeout(r, QUIT_FLUSH_MS))]);
    }
    for (const off of [...this.#detach.splice(0), ...this.#sessionDetach.splice(0)]) off();
    this.hotkeys.dispose();
    this.notifications.dispose();
    await session?.close();
    await this.cache.save();
    await this.outbox.close();
    await this.deps.relayHost.stop();
  }
}

export type { DesktopAppDeps, MainApi };

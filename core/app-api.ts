import type { WireError } from './errors.ts';
import type { MeetingCheckContext } from './forward-check.ts';
import type { MetricDef } from './metrics.ts';
import type { BeatenBest, ProgressApi } from './progress-types.ts';
import type { RequestOf, ResponseMap } from './protocol.ts';
import type { BoardLink, ChallengeView, Cheer, EpochMs, FeedEntry, Member, Pack } from './types.ts';

/**
 * The one API the React app speaks. The desktop preload implements it over IPC; the web app
 * implements it over socket.io-client. Screens never know which one they have.
 */
export type ApiResult<T = object> = ({ ok: true } & T) | { ok: false; error: WireError };

export type ConnectionState = 'connecting' | 'online' | 'offline';

export const HOTKEY_ACTIONS = ['call', 'appointment', 'proposal', 'forward_appointment', 'undo'] as const;
export type HotkeyAction = (typeof HOTKEY_ACTIONS)[number];

export interface HotkeyProblem {
  action: HotkeyAction;
  accelerator: string;
  /** Readable: "Ctrl+Alt+C is taken by another application; Ctrl+Alt+K is still in use". */
  message: string;
}

export interface HotkeyState {
  bindings: Record<HotkeyAction, string>;
  paused: boolean;
  problems: HotkeyProblem[];
}

export interface HostingState {
  /** The address partners on the same network use. */
  urls: string[];
  inviteCode: string | null;
}

export interface AppState {
  connection: { state: ConnectionState; queued: number; relayUrl: string | null };
  /** Null until this profile has created or joined a pack. */
  you: Member | null;
  pack: Pack | null;
  members: Member[];
  metrics: MetricDef[];
  challenges: ChallengeView[];
  feed: FeedEntry[];
  inviteCode: string | null;
  /** Desktop only. */
  hotkeys: HotkeyState | null;
  /** Desktop only, when this computer hosts the pack's relay. */
  hosting: HostingState | null;
  /** The pack's latest cheers and taunts, oldest first. */
  cheers?: Cheer[];
  /** Records you beat (a best day, week or streak), newest last; moments and notifications show them. */
  bests?: BeatenBest[];
  /** This device's logs and undos the relay has not acknowledged yet, oldest first. */
  pending?: PendingLog[];
  /** Results that ended while the app was open (or that it had not shown), newest last. */
  results?: ChallengeView[];
}

/** An event still in the outbox, as Pack activity shows it ("waiting to send"). */
export interface PendingLog {
  id: string;
  type: 'log' | 'undo';
  /** For an undo: empty, with count 0; it names the log it takes back in `retracts`. */
  metric: string;
  count: number;
  at: EpochMs;
  retracts: string | null;
}

export interface LogInput {
  metric: string;
  count?: number;
  meetingDate?: string;
  note?: string;
}

export interface QuietHours {
  enabled: boolean;
  /** 'HH:MM' local time; a range may cross midnight (22:00 to 07:00). */
  from: string;
  to: string;
}

export interface NotificationChoices {
  challengeEnded: boolean;
  overtaken: boolean;
  challengeStarted: boolean;
  partnerJoined: boolean;
  cheers: boolean;
  /** You beat your best day, week or streak. */
  personalBest: boolean;
  /** Last week's recap, at the start of each week. */
  weeklyRecap: boolean;
}

export interface DesktopSettingsView {
  relayUrls: string[];
  profileDir: string;
  hotkeys: Record<HotkeyAction, string>;
  notifications: NotificationChoices;
  quietHours: QuietHours;
  launchAtLogin: boolean;
  /** Set when the OS offers no secure storage and the token is kept in plain text. */
  tokenStorageWarning: string | null;
}

export interface WolfpackApi {
  getState(): Promise<AppState>;
  /** Returns an unsubscribe function. */
  onState(listener: (state: AppState) => void): () => void;
  createPack(input: {
    relayUrl: string;
    name: string;
    displayName: string;
    timeZone: string;
  }): Promise<ApiResult>;
  joinPack(input: { relayUrl: string; inviteCode: string; displayName: string }): Promise<ApiResult>;
  log(input: LogInput): Promise<ApiResult<{ queued: boolean }>>;
  undo(): Promise<ApiResult>;
  createChallenge(input: RequestOf<'challenge:create'>): Promise<ApiResult<ResponseMap['challenge:create']>>;
  declineChallenge(challengeId: string): Promise<ApiResult<ResponseMap['challenge:decline']>>;
  cancelChallenge(challengeId: string): Promise<ApiResult<ResponseMap['challenge:cancel']>>;
  history(input: RequestOf<'history:challenges'>): Promise<ApiResult<ResponseMap['history:challenges']>>;
  counts(input: RequestOf<'history:counts'>): Promise<ApiResult<ResponseMap['history:counts']>>;
  headToHead(
    input: RequestOf<'history:head-to-head'>,
  ): Promise<ApiResult<ResponseMap['history:head-to-head']>>;
}

/** What only the desktop app can do; the preload exposes WolfpackApi & DesktopApi. */
export interface DesktopApi {
  hostPack(input: { name: string; displayName: string; timeZone: string }): Promise<ApiResult>;
  getSettings(): Promise<DesktopSettingsView>;
  updateSettings(
    patch: Partial<Pick<DesktopSettingsView, 'relayUrls' | 'notifications' | 'quietHours' | 'launchAtLogin'>>,
  ): Promise<ApiResult>;
  /** Rebinds one action; on a conflict the old binding stays and the error says why. */
  setHotkey(action: HotkeyAction, accelerator: string): Promise<ApiResult>;
  setHotkeysPaused(paused: boolean): Promise<ApiResult>;
  /** A notification click or a tray item asks the window to show a page ("/history/ID"). */
  onNavigate(listener: (route: string) => void): () => void;
  /** The quick-entry box: log with details, or close it and give focus back. */
  submitQuickEntry(input: LogInput): Promise<ApiResult>;
  cancelQuickEntry(): Promise<void>;
  /** The metric the quick-entry box was opened for; meetingCheck lets it warn about the date. */
  quickEntryContext(): Promise<{
    metric: MetricDef;
    defaultMeetingDate: string;
    meetingCheck?: MeetingCheckContext;
  }>;
}

/** A cheer as a screen asks for it; the implementation makes the id. */
export interface CheerInput {
  reaction: 'cheer' | 'taunt';
  text?: string;
  eventId?: string;
  challengeId?: string;
  memberId?: string;
}

/** The pack's social and owner features; both the web and the desktop offer them. */
export interface PackApi {
  sendCheer(input: CheerInput): Promise<ApiResult<{ cheer: Cheer }>>;
  createBoard(label?: string): Promise<ApiResult<{ board: BoardLink; token: string }>>;
  listBoards(): Promise<ApiResult<{ boards: BoardLink[] }>>;
  revokeBoard(boardId: string): Promise<ApiResult<{ board: BoardLink }>>;
  rotateInvite(): Promise<ApiResult<{ inviteCode: string }>>;
  exportChallengesCsv(): Promise<ApiResult<{ csv: string }>>;
  /**
   * Forget this browser's membership to create or join another pack. Unsent logs are never
   * dropped unasked: it refuses while more logs wait than `forgetUnsent`, the number the user
   * agreed to lose.
   */
  signOut?(input?: { forgetUnsent?: number }): Promise<ApiResult>;
}

export type DesktopBridge = WolfpackApi & DesktopApi & PackApi & ProgressApi;

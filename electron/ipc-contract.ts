import type { DesktopBridge } from '../core/app-api.ts';

/**
 * The IPC wire between the preload and the main process, written once for both sides. No
 * Electron import: the preload bundle, the main process and the tests all read it.
 */

/** Everything the renderer can ask for; the two listeners travel as pushes instead. */
export type InvokeApi = Omit<DesktopBridge, 'onState' | 'onNavigate' | 'signOut'>;
export type InvokeMethod = keyof InvokeApi;

/** One `feature:action` channel per message, so a handler can never answer for another. */
export const INVOKE_CHANNELS = {
  getState: 'state:get',
  createPack: 'pack:create',
  joinPack: 'pack:join',
  hostPack: 'pack:host',
  log: 'activity:log',
  undo: 'activity:undo',
  createChallenge: 'challenge:create',
  declineChallenge: 'challenge:decline',
  cancelChallenge: 'challenge:cancel',
  history: 'history:challenges',
  counts: 'history:counts',
  headToHead: 'history:head-to-head',
  getSettings: 'settings:get',
  updateSettings: 'settings:update',
  setHotkey: 'hotkeys:set',
  setHotkeysPaused: 'hotkeys:pause',
  submitQuickEntry: 'quick-entry:submit',
  cancelQuickEntry: 'quick-entry:cancel',
  quickEntryContext: 'quick-entry:context',
  sendCheer: 'cheer:send',
  createBoard: 'board:create',
  listBoards: 'board:list',
  revokeBoard: 'board:revoke',
  rotateInvite: 'pack:rotate-invite',
  exportChallengesCsv: 'history:export',
  progress: 'progress:get',
  setDailyTarget: 'progress:target',
  recap: 'recap:week',
} as const satisfies Record<InvokeMethod, string>;

/** Main to renderer. */
export const PUSH_CHANNELS = { state: 'state:changed', navigate: 'window:navigate' } as const;

/** Our pages are served from this origin by a custom protocol, never from file:// or http. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'wolfpack';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export const PAGES = { main: 'index.html', quickEntry: 'quick-entry.html' } as const;
export type PageName = keyof typeof PAGES;

export function pageUrl(page: PageName, route?: string): string {
  const base = `${APP_ORIGIN}/${PAGES[page]}`;
  return route ? `${base}#${route}` : base;
}

export interface TrustedOrigin {
  /** e.g. 'app://wolfpack' */
  origin: string;
  /** The page file names served there. */
  pages: readonly string[];
}

export const TRUSTED: TrustedOrigin = { origin: APP_ORIGIN, pages: Object.values(PAGES) };

/**
 * True only for a frame showing one of our own pages. Checked in every IPC handler: a frame that
 * navigated elsewhere (or an injected iframe) must not reach the API even if it got a preload.
 */
export function isTrustedSender(senderUrl: string | undefined | null, trusted: TrustedOrigin): boolean {
  if (!senderUrl) return false;
  let url: URL;
  try {
    url = new URL(senderUrl);
  } catch {
    return false;
  }
  const expected = new URL(trusted.origin);
  // Compare the parts, not prefixes: 'app://wolfpack.evil/' and 'app://wolfpack@evil/' both
  // start with 'app://wolfpack'.
  if (url.protocol !== expected.protocol || url.host !== expected.host) return false;
  if (url.username || url.password || url.port) return false;
  const page = url.pathname.replace(/^\//, '');
  return trusted.pages.includes(page);
}

import type { AppState } from '../../../core/app-api.ts';
import type { MenuItemModel, NotificationRequest } from '../ports.ts';

/**
 * What the Playwright `_electron` suite reads and does through `electronApp.evaluate`: the tray
 * menu, a hotkey press, the notifications on screen. None of it is reachable through Electron's
 * own API (there is no list of trays, and a global shortcut cannot be pressed from a test).
 * Installed only when WOLFPACK_E2E=1, which only that suite sets.
 */
export interface E2EHooks {
  tooltip(): string;
  trayMenu(): readonly MenuItemModel[];
  clickTray(id: string): void;
  shortcuts(): string[];
  press(accelerator: string): boolean;
  notifications(): readonly NotificationRequest[];
  state(): AppState;
}

export function exposeE2EHooks(env: NodeJS.ProcessEnv, hooks: E2EHooks): void {
  if (env.WOLFPACK_E2E !== '1') return;
  Object.assign(globalThis, { __wolfpackE2E: hooks });
}

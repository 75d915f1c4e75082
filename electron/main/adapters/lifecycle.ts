import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { App } from 'electron';
import { autostartEntry, mergeFeatures, requiredFeatures } from './command-line.ts';

/** Chromium switches: only effective before the app is ready. */
export function applyEarlySwitches(app: App, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): void {
  const add = requiredFeatures(platform, env);
  if (add.length === 0) return;
  const merged = mergeFeatures(app.commandLine.getSwitchValue('enable-features'), add);
  app.commandLine.appendSwitch('enable-features', merged);
}

/**
 * Launch at login: macOS and Windows keep a login item for us; Linux has no such API in
 * Electron, so an XDG autostart entry is written (or removed) instead.
 */
export function launchAtLogin(
  app: App,
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
): (on: boolean) => void {
  return (on) => {
    if (platform === 'darwin' || platform === 'win32') {
      app.setLoginItemSettings({ openAtLogin: on });
      return;
    }
    const config =
      env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME)
        ? env.XDG_CONFIG_HOME
        : path.join(homedir(), '.config');
    const file = path.join(config, 'autostart', 'wolfpack.desktop');
    if (!on) {
      rmSync(file, { force: true });
      return;
    }
    // An AppImage runs from a temporary mount; APPIMAGE is the file itself. Unpackaged (npm
    // start), the Electron binary needs the app folder as its argument.
    const command = env.APPIMAGE
      ? [env.APPIMAGE]
      : app.isPackaged
        ? [process.execPath]
        : [process.execPath, app.getAppPath()];
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, autostartEntry(command));
  };
}

/**
 * Quitting waits for `shutdown` (queued logs get a last chance to reach the relay, the outbox
 * is closed) before the app really exits; a second quit request during that wait is ignored.
 */
export function quitAfter(app: App, shutdown: () => Promise<void>): () => void {
  let state: 'running' | 'stopping' | 'stopped' = 'running';
  const onBeforeQuit = (event: Electron.Event) => {
    if (state === 'stopped') return;
    event.preventDefault();
    if (state === 'stopping') return;
    state = 'stopping';
    shutdown()
      .catch((error: unknown) => console.error('wolfpack: shutdown failed', error))
      .finally(() => {
        state = 'stopped';
        app.quit();
      });
  };
  app.on('before-quit', onBeforeQuit);
  return () => app.off('before-quit', onBeforeQuit);
}

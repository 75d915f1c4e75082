import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, globalShortcut, screen, session } from 'electron';
import { registerAppScheme, serveAppScheme } from './adapters/app-protocol.ts';
import { initialTrayIconName, trayIconSize } from './adapters/bitmap.ts';
import { createSystemClock } from './adapters/clock.ts';
import { exposeE2EHooks } from './adapters/e2e-hooks.ts';
import { registerIpc } from './adapters/ipc.ts';
import { applyEarlySwitches, launchAtLogin, quitAfter } from './adapters/lifecycle.ts';
import { createNotifierAdapter } from './adapters/notifications.ts';
import { createRelayHost } from './adapters/relay-host.ts';
import { createSafeStorageCipher } from './adapters/safe-storage.ts';
import { hardenSession, hardenWebContents } from './adapters/security.ts';
import { openSettingsStore } from './adapters/settings-store.ts';
import { createShortcutAdapter } from './adapters/shortcuts.ts';
import { createTrayAdapter } from './adapters/tray.ts';
import { createWindowsAdapter, type WindowsAdapter } from './adapters/windows.ts';
import { APP_ID } from './app-id.ts';
import { DesktopApp } from './desktop-app.ts';

/**
 * The desktop app's composition root: registers app events, then on `ready` builds the
 * adapters, starts the DesktopApp and wires IPC. Every decision lives in the modules it wires.
 */

/** Built layout (electron/build.ts): this file is dist/electron/main/index.js. */
const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const files = {
  preload: path.join(dist, 'preload', 'index.js'),
  renderer: path.join(dist, 'renderer'),
  relayChild: path.join(dist, 'relay-host', 'child.js'),
  icons: path.join(dist, 'icons'),
  web: path.join(dist, 'web'),
};

async function start(platform: NodeJS.Platform): Promise<WindowsAdapter> {
  hardenSession(session.defaultSession);
  serveAppScheme(session.defaultSession, files.renderer);
  const userDataDir = app.getPath('userData');
  const settings = openSettingsStore(userDataDir, Date.now());
  const appIcon = path.join(files.icons, 'app.png');
  const windows = createWindowsAdapter({ app, platform, preload: files.preload, icon: appIcon });
  const iconSize = trayIconSize(platform, screen.getPrimaryDisplay().scaleFactor);
  const tray = createTrayAdapter({
    platform,
    initialIconPath: path.join(files.icons, initialTrayIconName(platform)),
    scaleFactor: iconSize.scaleFactor,
    onClick: () => windows.openMain(),
  });
  const shortcuts = createShortcutAdapter();
  const notifier = createNotifierAdapter(appIcon);
  const desktop = await DesktopApp.start({
    userDataDir,
    tray,
    registrar: shortcuts,
    notifier,
    windows,
    clock: createSystemClock(),
    relayHost: createRelayHost({ childPath: files.relayChild, userDataDir, webRoot: files.web }),
    settingsBackend: settings.backend,
    settingsMessage: settings.message,
    cipher: createSafeStorageCipher(platform),
    platform,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    setLaunchAtLogin: launchAtLogin(app, platform, process.env),
    quit: () => app.quit(),
    trayIconSize: iconSize.pixels,
  });
  const unregisterIpc = registerIpc(desktop, () => windows.all());
  quitAfter(app, async () => {
    unregisterIpc();
    await desktop.shutdown();
    globalShortcut.unregisterAll();
    windows.destroy();
    tray.destroy();
  });
  exposeE2EHooks(process.env, {
    tooltip: () => tray.tooltip,
    trayMenu: () => tray.menu,
    clickTray: (id) => tray.click(id),
    shortcuts: () => shortcuts.registered(),
    press: (accelerator) => shortcuts.press(accelerator),
    notifications: () => notifier.recent,
    state: () => desktop.state(),
  });
  return windows;
}

function main(): void {
  const platform = process.platform;
  // An isolated profile for tests and for running two partners on one machine.
  const userData = process.env.WOLFPACK_USER_DATA_DIR;
  if (userData) app.setPath('userData', path.resolve(userData));
  // The lock is per user-data folder, so it comes after the folder is chosen.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  applyEarlySwitches(app, platform, process.env);
  if (platform === 'win32') app.setAppUserModelId(APP_ID);
  registerAppScheme();
  hardenWebContents(app);
  let windows: WindowsAdapter | null = null;
  app.on('second-instance', () => windows?.openMain());
  // A tray app keeps running with no window open; only Quit (tray menu or OS) ends it.
  app.on('window-all-closed', () => undefined);
  app
    .whenReady()
    .then(() => start(platform))
    .then(
      (started) => {
        windows = started;
      },
      (error: unknown) => {
        dialog.showErrorBox('Wolfpack could not start', (error as Error).stack ?? String(error));
        app.exit(1);
      },
    );
}

main();

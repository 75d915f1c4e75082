import { BrowserWindow, screen, type App, type BrowserWindowConstructorOptions } from 'electron';
import { PUSH_CHANNELS, pageUrl } from '../../ipc-contract.ts';
import type { WindowsPort } from '../ports.ts';

export interface WindowsAdapterOptions {
  app: App;
  platform: NodeJS.Platform;
  preload: string;
  icon?: string;
}

export interface WindowsAdapter extends WindowsPort {
  /** Our open windows, for state pushes. */
  all(): BrowserWindow[];
  destroy(): void;
}

// Tall enough for a three-line warning under the meeting date (a date no challenge counts).
const QUICK_ENTRY = { width: 380, height: 290 };

/**
 * Every window we open goes through here, with the Electron security checklist spelled out as
 * literals (https://www.electronjs.org/docs/latest/tutorial/security), where both a reader and
 * electronegativity can see them.
 */
function secureWindow(
  options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>,
  preload: string,
): BrowserWindow {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // A middle click must not open a link in a new window (window.open is denied as well).
      disableBlinkFeatures: 'Auxclick',
    },
  });
}

/**
 * The main window and the quick-entry box.
 *
 * The box is opened by a global hotkey while the rep is in their dialer, so closing it must hand
 * focus back there. No platform offers "focus the previous app" directly:
 * - macOS: `app.hide()` deactivates the app and macOS reactivates the app that was frontmost.
 *   It also hides the main window, so it is only used when the main window is not showing; when
 *   it is, focus goes to it (the rep was using Wolfpack then anyway).
 * - Windows and Linux: blurring and hiding the box makes the window manager activate the next
 *   window in the stacking order, which is the one that had focus before the box appeared.
 * The box is kept (hidden) between uses so that the next hotkey shows it without starting a
 * renderer; its page is loaded afresh each time so that the form starts empty.
 */
export function createWindowsAdapter(options: WindowsAdapterOptions): WindowsAdapter {
  let main: BrowserWindow | null = null;
  let quick: BrowserWindow | null = null;

  const createMain = (route?: string): BrowserWindow => {
    const win = secureWindow(
      {
        width: 900,
        height: 700,
        show: false,
        title: 'Wolfpack',
        ...(options.icon ? { icon: options.icon } : {}),
      },
      options.preload,
    );
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      main = null;
    });
    void win.loadURL(pageUrl('main', route));
    return win;
  };

  const createQuick = (): BrowserWindow => {
    const win = secureWindow(
      {
        ...QUICK_ENTRY,
        show: false,
        frame: false,
        resizable: false,
        movable: true,
        minimizable: false,
        maximizable: false,
        fullscreenable: false,
        alwaysOnTop: true,
        skipTaskbar: true,
        title: 'Wolfpack quick entry',
      },
      options.preload,
    );
    // Above full-screen apps too: the dialer may be full screen.
    win.setAlwaysOnTop(true, 'screen-saver');
    if (options.platform === 'darwin') win.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
    // Clicking elsewhere means the rep moved on: the box goes away without taking focus back.
    win.on('blur', () => {
      if (win.isVisible()) win.hide();
    });
    win.on('closed', () => {
      quick = null;
    });
    return win;
  };

  const placeNearCursor = (win: BrowserWindow): void => {
    const display = screen.getDisplayNearestPoint(screen.getCursorScreenPoint());
    const { x, y, width, height } = display.workArea;
    win.setBounds({
      x: Math.round(x + (width - QUICK_ENTRY.width) / 2),
      y: Math.round(y + height / 4),
      ...QUICK_ENTRY,
    });
  };

  return {
    openMain(route) {
      if (!main || main.isDestroyed()) {
        main = createMain(route);
        return;
      }
      if (route) main.webContents.send(PUSH_CHANNELS.navigate, route);
      if (main.isMinimized()) main.restore();
      main.show();
      main.focus();
    },
    openQuickEntry() {
      const win = quick && !quick.isDestroyed() ? quick : (quick = createQuick());
      placeNearCursor(win);
      win.webContents.once('did-finish-load', () => {
        win.show();
        win.focus();
        win.webContents.focus();
      });
      void win.loadURL(pageUrl('quickEntry'));
    },
    closeQuickEntry() {
      const win = quick;
      if (!win || win.isDestroyed() || !win.isVisible()) return;
      if (options.platform === 'darwin') {
        win.hide();
        if (!main?.isVisible()) options.app.hide();
        return;
      }
      win.blur();
      win.hide();
    },
    all() {
      return [main, quick].filter((w): w is BrowserWindow => w !== null && !w.isDestroyed());
    },
    destroy() {
      for (const win of [main, quick]) if (win && !win.isDestroyed()) win.destroy();
    },
  };
}

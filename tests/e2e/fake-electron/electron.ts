import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import path from 'node:path';

/**
 * A stand-in for the 'electron' module, just wide enough to run the built main process
 * (dist/electron/main/index.js) in plain Node where the Electron binary cannot run. It records
 * what the app asks of the platform; the driver (driver.ts) reads it and plays the user. It says
 * nothing about Electron itself, only about our wiring of it.
 */

type Listener = (...args: unknown[]) => unknown;

export const recorded = {
  switches: new Map<string, string>(),
  handlers: new Map<string, Listener>(),
  protocols: new Map<string, (request: Request) => Promise<Response>>(),
  shortcuts: new Map<string, () => void>(),
  windows: [] as FakeWindow[],
  trays: [] as FakeTray[],
  notifications: [] as { title: string; body: string }[],
  errors: [] as string[],
  permissionRequest: null as Listener | null,
  permissionCheck: null as Listener | null,
};

class FakeApp extends EventEmitter {
  private paths = new Map<string, string>();
  private ready: Promise<void>;
  constructor() {
    super();
    this.ready = new Promise((resolve) =>
      setImmediate(() => {
        this.emit('ready');
        resolve();
      }),
    );
  }
  commandLine = {
    getSwitchValue: (name: string) => recorded.switches.get(name) ?? '',
    appendSwitch: (name: string, value = '') => recorded.switches.set(name, value),
  };
  whenReady = () => this.ready;
  getPath = (name: string) => this.paths.get(name) ?? path.join('/nonexistent', name);
  setPath = (name: string, value: string) => this.paths.set(name, value);
  getVersion = () => '0.0.0-fake';
  getAppPath = () => path.join(import.meta.dirname, 'app');
  isPackaged = false;
  requestSingleInstanceLock = () => true;
  setAppUserModelId = () => undefined;
  setLoginItemSettings = () => undefined;
  hide = () => undefined;
  quit = () => {
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) setImmediate(() => process.exit(0));
  };
  exit = (code = 0) => process.exit(code);
}
export const app = new FakeApp();

class FakeWebContents extends EventEmitter {
  url = '';
  openHandler: Listener | null = null;
  sent: { channel: string; value: unknown }[] = [];
  send = (channel: string, value: unknown) => this.sent.push({ channel, value });
  isLoading = () => false;
  getURL = () => this.url;
  focus = () => undefined;
  setWindowOpenHandler = (handler: Listener) => (this.openHandler = handler);
}

export class FakeWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  visible = false;
  destroyed = false;
  readonly options: Record<string, unknown>;
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    recorded.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL = async (url: string) => {
    this.webContents.url = url;
    setImmediate(() => {
      this.webContents.emit('did-finish-load');
      this.emit('ready-to-show');
    });
  };
  show = () => (this.visible = true);
  hide = () => (this.visible = false);
  focus = () => undefined;
  blur = () => undefined;
  restore = () => undefined;
  isVisible = () => this.visible;
  isMinimized = () => false;
  isDestroyed = () => this.destroyed;
  destroy = () => {
    this.destroyed = true;
    this.emit('closed');
  };
  setAlwaysOnTop = () => undefined;
  setVisibleOnAllWorkspaces = () => undefined;
  setBounds = () => undefined;
}
export const BrowserWindow = FakeWindow;

class FakeImage {
  template = false;
  readonly source: string;
  constructor(source: string) {
    this.source = source;
  }
  setTemplateImage = (on: boolean) => (this.template = on);
}
export const nativeImage = {
  createFromPath: (file: string) => new FakeImage(file),
  createFromBitmap: (buffer: Buffer, size: { width: number; height: number }) => {
    if (buffer.length !== size.width * size.height * 4) throw new Error('invalid buffer size');
    return new FakeImage(`bitmap ${size.width}x${size.height}`);
  },
};

export class FakeTray extends EventEmitter {
  tooltip = '';
  menu: unknown = null;
  image: FakeImage;
  constructor(image: FakeImage) {
    super();
    this.image = image;
    recorded.trays.push(this);
  }
  setToolTip = (text: string) => (this.tooltip = text);
  setContextMenu = (menu: unknown) => (this.menu = menu);
  setImage = (image: FakeImage) => (this.image = image);
  destroy = () => undefined;
}
export const Tray = FakeTray;
export const Menu = { buildFromTemplate: (template: unknown[]) => ({ items: template }) };

export const globalShortcut = {
  register: (accelerator: string, callback: () => void) => {
    if (recorded.shortcuts.has(accelerator)) return false;
    recorded.shortcuts.set(accelerator, callback);
    return true;
  },
  unregister: (accelerator: string) => recorded.shortcuts.delete(accelerator),
  unregisterAll: () => recorded.shortcuts.clear(),
};

export class Notification extends EventEmitter {
  static isSupported = () => true;
  private readonly options: { title: string; body: string };
  constructor(options: { title: string; body: string }) {
    super();
    this.options = options;
  }
  show = () => recorded.notifications.push({ title: this.options.title, body: this.options.body });
}

export const ipcMain = {
  handle: (channel: string, handler: Listener) => recorded.handlers.set(channel, handler),
  removeHandler: (channel: string) => recorded.handlers.delete(channel),
  on: () => undefined,
};

export const protocol = { registerSchemesAsPrivileged: () => undefined };
const defaultSession = {
  protocol: {
    handle: (scheme: string, handler: (r: Request) => Promise<Response>) =>
      recorded.protocols.set(scheme, handler),
  },
  setPermissionRequestHandler: (h: Listener) => (recorded.permissionRequest = h),
  setPermissionCheckHandler: (h: Listener) => (recorded.permissionCheck = h),
  on: () => undefined,
};
export const session = { defaultSession };

const display = { scaleFactor: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } };
export const screen = {
  getCursorScreenPoint: () => ({ x: 0, y: 0 }),
  getDisplayNearestPoint: () => display,
  getPrimaryDisplay: () => display,
};

/** No keyring here: the app must fall back to plain text and say so. */
export const safeStorage = {
  isEncryptionAvailable: () => false,
  encryptString: () => {
    throw new Error('no encryption');
  },
  decryptString: () => {
    throw new Error('no encryption');
  },
  getSelectedStorageBackend: () => 'basic_text',
};

/** A utility process as a Node child process whose parentPort the shim provides. */
export const utilityProcess = {
  fork(modulePath: string): EventEmitter & { postMessage(m: unknown): void; kill(): void } {
    const shim = path.join(import.meta.dirname, 'utility-shim.ts');
    const child: ChildProcess = fork(shim, [modulePath], { stdio: 'inherit' });
    const proc = Object.assign(new EventEmitter(), {
      postMessage: (message: unknown) => child.send(message as object),
      kill: () => child.kill(),
    });
    child.on('spawn', () => proc.emit('spawn'));
    child.on('message', (message) => proc.emit('message', message));
    child.on('exit', (code) => proc.emit('exit', code ?? 0));
    return proc;
  },
};

export const dialog = {
  showErrorBox: (title: string, body: string) => recorded.errors.push(`${title}: ${body}`),
};
export const shell = { openPath: async () => '' };

export default {
  app,
  BrowserWindow,
  Menu,
  Notification,
  Tray,
  dialog,
  globalShortcut,
  ipcMain,
  nativeImage,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  utilityProcess,
};

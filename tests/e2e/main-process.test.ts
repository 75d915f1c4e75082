import { fork, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppState } from '../../core/app-api.ts';
import { joinPack } from '../../client/http.ts';
import { buildElectron } from '../../electron/build.ts';
import { INVOKE_CHANNELS, pageUrl } from '../../electron/ipc-contract.ts';
import { startRelay, type Relay } from '../../server/relay.ts';
import type { Command } from './fake-electron/driver.ts';

/**
 * The built main process (dist/electron/main/index.js, as shipped) run in plain Node over a fake
 * 'electron' module: the composition root, every adapter and the DesktopApp wired together,
 * driven through the IPC handlers, the e2e hooks and the app:// protocol. Where the Electron
 * binary exists, electron.test.ts runs the real thing; this runs everywhere.
 */

const root = path.join(import.meta.dirname, '..', '..');
const MAIN_URL = pageUrl('main');

describe('the built main process over a fake Electron', () => {
  let dir: string;
  let relay: Relay;
  let app: ChildProcess;
  let exited: Promise<number | null>;
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  function send<T = unknown>(command: Command): Promise<T> {
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      app.send({ id, ...command });
    });
  }
  const invoke = <T = unknown>(
    method: keyof typeof INVOKE_CHANNELS,
    args: unknown[] = [],
    url: string | null = MAIN_URL,
  ) => send<T>({ cmd: 'invoke', channel: INVOKE_CHANNELS[method], args, url });
  const hook = <T = unknown>(name: string, ...args: unknown[]) => send<T>({ cmd: 'hook', name, args });
  const state = () => hook<AppState>('state');
  const recorded = () =>
    send<{
      notifications: { title: string; body: string }[];
      errors: string[];
      switches: Record<string, string>;
      shortcuts: string[];
      tray: { tooltip: string; image: string; template: boolean }[];
    }>({ cmd: 'recorded' });

  async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, what: string): Promise<T> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const value = await read().catch(() => undefined as T);
      if (value !== undefined && done(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'wolfpack-main-'));
    relay = await startRelay({
      port: 0,
      dbPath: path.join(dir, 'relay.sqlite'),
      logLevel: 'silent',
      webRoot: null,
    });
    const { outDir } = await buildElectron(root, path.join(dir, 'app'));
    const userData = path.join(dir, 'user-data');
    await mkdir(userData, { recursive: true });
    await writeFile(path.join(userData, 'settings.json'), '{ "version": ');
    app = fork(path.join(outDir, 'main', 'index.js'), [], {
      execArgv: ['--import', path.join(import.meta.dirname, 'fake-electron', 'register.ts')],
      env: {
        ...process.env,
        WOLFPACK_E2E: '1',
        WOLFPACK_USER_DATA_DIR: userData,
        XDG_SESSION_TYPE: 'wayland',
        // Launch at login writes an autostart entry: into the test's folder, never the user's.
        XDG_CONFIG_HOME: path.join(dir, 'config'),
        APPIMAGE: '',
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    exited = new Promise((resolve) => app.on('exit', (code) => resolve(code)));
    app.on('message', (m: { id: number; ok: boolean; value?: unknown; error?: string }) => {
      const waiter = pending.get(m.id);
      pending.delete(m.id);
      if (m.ok) waiter?.resolve(m.value);
      else waiter?.reject(new Error(m.error));
    });
    await until(state, (s) => s.hotkeys !== null, 'the app to start');
  }, 60_000);

  afterAll(async () => {
    if (app.exitCode === null) app.kill();
    await relay?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('starts in the tray with the hotkeys registered and the Wayland portal switched on', async () => {
    const r = await recorded();
    expect(r.errors).toEqual([]);
    expect(r.tray).toHaveLength(1);
    expect(r.tray[0]?.tooltip).not.toBe('');
    expect(r.shortcuts).toHaveLength(5);
    if (process.platform === 'linux') expect(r.switches['enable-features']).toBe('GlobalShortcutsPortal');
    const menu = JSON.stringify(await hook('trayMenu'));
    for (const id of ['log:call', 'open', 'pause', 'quit']) expect(menu).toContain(`"${id}"`);
  });

  it('moves a damaged settings file aside and says so', async () => {
    const r = await until(recorded, (x) => x.notifications.length > 0, 'a notification');
    expect(r.notifications.map((n) => n.body).join()).toMatch(/damaged.*moved/);
  });

  it('serves our pages on app:// with the CSP, and nothing else', async () => {
    type Served = { status: number; headers: Record<string, string>; body: string };
    const page = await send<Served>({ cmd: 'fetch', url: MAIN_URL });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain('<script src="main.js"');
    for (const url of [
      'app://wolfpack/../package.json',
      'app://wolfpack/main/index.js',
      'app://other/index.html',
    ]) {
      expect((await send<Served>({ cmd: 'fetch', url })).status).toBe(404);
    }
  });

  it('answers our pages over IPC and refuses every other sender', async () => {
    expect((await invoke<AppState>('getState')).you).toBeNull();
    for (const url of ['https://evil.example/index.html', 'file:///tmp/index.html', null]) {
      await expect(invoke('getState', [], url)).rejects.toThrow(/may not use the Wolfpack API/);
    }
  });

  it('denies navigation, new windows and permissions', async () => {
    await hook('clickTray', 'open');
    const windows = await until(
      () => send<unknown[]>({ cmd: 'windows' }),
      (w) => w.length > 0,
      'the window',
    );
    expect(windows[0]).toMatchObject({
      url: MAIN_URL,
      options: { webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false } },
    });
    expect(await send({ cmd: 'navigate', index: 0, url: 'https://evil.example/' })).toEqual({
      prevented: true,
      open: 'deny',
    });
    expect(await send({ cmd: 'permission', name: 'media' })).toBe(false);
  });

  it('creates a pack, then logs a call from the hotkey into the tray and the feed', async () => {
    const created = await invoke<{ ok: boolean }>('createPack', [
      { relayUrl: relay.url, name: 'Hunters', displayName: 'Ana', timeZone: 'Europe/Berlin' },
    ]);
    expect(created).toEqual({ ok: true });
    await until(state, (s) => s.connection.state === 'online', 'online');
    const call = (await hook<string[]>('shortcuts')).find((a) => a.endsWith('+C')) ?? '';
    expect(await hook('press', call)).toBe(true);
    const after = await until(state, (s) => s.feed.some((f) => f.metric === 'call'), 'the call');
    expect(after.connection.queued).toBe(0);
    const r = await until(recorded, (x) => x.tray[0]?.image.startsWith('bitmap') ?? false, 'the tray icon');
    expect(r.tray[0]?.image).toBe(
      process.platform === 'darwin'
        ? 'bitmap 32x32'
        : process.platform === 'win32'
          ? 'bitmap 16x16'
          : 'bitmap 22x22',
    );
  });

  it('opens the quick-entry box on its hotkey and logs from it', async () => {
    const forward = (await hook<string[]>('shortcuts')).find((a) => a.endsWith('+F')) ?? '';
    await hook('press', forward);
    type Win = { url: string; visible: boolean; options: Record<string, unknown> };
    const windows = await until(
      () => send<Win[]>({ cmd: 'windows' }),
      (w) => w.some((x) => x.url === pageUrl('quickEntry') && x.visible),
      'the quick-entry box',
    );
    const box = windows.find((w) => w.url === pageUrl('quickEntry'));
    expect(box?.options).toMatchObject({ frame: false, alwaysOnTop: true, skipTaskbar: true });
    const context = await invoke<{ metric: { id: string }; defaultMeetingDate: string }>(
      'quickEntryContext',
      [],
      pageUrl('quickEntry'),
    );
    expect(context.metric.id).toBe('forward_appointment');
    const logged = await invoke(
      'submitQuickEntry',
      [{ metric: 'forward_appointment', meetingDate: context.defaultMeetingDate }],
      pageUrl('quickEntry'),
    );
    expect(logged).toEqual({ ok: true });
    await until(
      () => send<Win[]>({ cmd: 'windows' }),
      (w) => !w.some((x) => x.url === pageUrl('quickEntry') && x.visible),
      'the box to close',
    );
  });

  it('notifies when a partner joins', async () => {
    const invite = (await state()).inviteCode ?? '';
    await joinPack(relay.url, { inviteCode: invite, displayName: 'Sam' });
    await until(
      recorded,
      (r) => r.notifications.some((n) => /Sam/.test(`${n.title} ${n.body}`)),
      'Sam joined',
    );
  });

  it('hosts a pack on this computer in a relay process and shows its address', async () => {
    const hosted = await invoke<{ ok: boolean }>('hostPack', [
      { name: 'Home', displayName: 'Ana', timeZone: 'Europe/Berlin' },
    ]);
    expect(hosted).toEqual({ ok: true });
    const s = await until(state, (x) => x.hosting !== null && x.connection.state === 'online', 'hosting');
    expect(s.pack?.name).toBe('Home');
    expect(s.hosting?.inviteCode).toBeTruthy();
    for (const url of s.hosting?.urls ?? []) expect(url).toMatch(/^http:\/\/\d+\.\d+\.\d+\.\d+:\d+$/);
  });

  it.runIf(process.platform === 'linux')(
    'starts at login through an XDG autostart entry on Linux',
    async () => {
      expect(await invoke('updateSettings', [{ launchAtLogin: true }])).toEqual({ ok: true });
      const entry = await readFile(path.join(dir, 'config', 'autostart', 'wolfpack.desktop'), 'utf8');
      expect(entry).toMatch(/^Exec=.+ .+app$/m);
      expect(await invoke('updateSettings', [{ launchAtLogin: false }])).toEqual({ ok: true });
      await expect(readFile(path.join(dir, 'config', 'autostart', 'wolfpack.desktop'))).rejects.toThrow(
        /ENOENT/,
      );
    },
  );

  it('quits cleanly: shutdown runs first, then the process ends', async () => {
    await send({ cmd: 'quit' });
    expect(await exited).toBe(0);
  });
});

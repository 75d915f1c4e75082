import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppState } from '../../core/app-api.ts';
import { joinPack } from '../../client/http.ts';
import { buildElectron } from '../../electron/build.ts';
import { findElectronBinary } from '../../electron/launch.ts';
import type { E2EHooks } from '../../electron/main/adapters/e2e-hooks.ts';
import type { MenuItemModel } from '../../electron/main/ports.ts';
import { startRelay, type Relay } from '../../server/relay.ts';

/**
 * The real desktop app under Playwright's Electron driver: tray, hotkey, window, notification.
 * It needs the Electron binary (ELECTRON_OVERRIDE_DIST_PATH or an installed dist) and, on
 * Linux, a display (run under xvfb-run on a headless machine); without them it is skipped.
 */

const root = path.join(import.meta.dirname, '..', '..');
const binary = findElectronBinary({
  env: process.env,
  platform: process.platform,
  packageDir: path.join(root, 'node_modules', 'electron'),
  exists: existsSync,
  readText: (file) => (existsSync(file) ? readFileSync(file, 'utf8') : null),
});
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const skipReason = !binary.found ? binary.reason : noDisplay ? 'no display (run under xvfb-run)' : null;

type Hooked = typeof globalThis & { __wolfpackE2E: E2EHooks };

function labels(items: readonly MenuItemModel[]): string[] {
  return items.flatMap((i) =>
    i.kind === 'submenu' ? [i.label, ...labels(i.items)] : 'label' in i ? [i.label] : [],
  );
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(skipReason !== null)(
  `desktop app under Electron${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let dir: string;
    let relay: Relay;
    let app: ElectronApplication;
    let window: Page;
    const hooks = <K extends keyof E2EHooks>(name: K) =>
      app.evaluate((_electron, key) => {
        const h = (globalThis as Hooked).__wolfpackE2E;
        return typeof h[key] === 'function' ? (h[key] as () => unknown)() : null;
      }, name) as Promise<ReturnType<E2EHooks[K]>>;
    const state = () => hooks('state') as Promise<AppState>;

    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'wolfpack-e2e-'));
      relay = await startRelay({
        port: 0,
        dbPath: path.join(dir, 'relay.sqlite'),
        logLevel: 'silent',
        webRoot: null,
      });
      const { outDir } = await buildElectron(root, path.join(dir, 'app'));
      const userData = path.join(dir, 'user-data');
      // A damaged settings file: the app must move it aside and say so in a notification.
      await mkdir(userData, { recursive: true });
      await writeFile(path.join(userData, 'settings.json'), '{ "version": 1, ');
      app = await _electron.launch({
        executablePath: binary.found ? binary.executable : '',
        args: [outDir],
        env: { ...process.env, WOLFPACK_E2E: '1', WOLFPACK_USER_DATA_DIR: userData },
      });
      await until(() => app.evaluate(() => '__wolfpackE2E' in globalThis), Boolean, 'the app to start');
    }, 60_000);

    afterAll(async () => {
      await app?.close();
      await relay?.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('puts a tray menu up with the log actions, open and quit', async () => {
      const menu = await hooks('trayMenu');
      const ids = JSON.stringify(menu);
      for (const id of ['"log:call"', '"open"', '"quit"']) expect(ids).toContain(id);
      expect(labels(menu).length).toBeGreaterThan(0);
    });

    it('says that the damaged settings file was moved aside', async () => {
      const shown = await until(
        () => hooks('notifications'),
        (n) => n.length > 0,
        'a notification',
      );
      expect(shown.map((n) => n.body).join('\n')).toMatch(/moved/);
    });

    it('opens the main window from the tray and creates a pack there', async () => {
      const opened = app.waitForEvent('window');
      await app.evaluate(() => (globalThis as Hooked).__wolfpackE2E.clickTray('open'));
      window = await opened;
      await window.waitForSelector('#create-pack');
      await window.fill('#create-pack input[name=relayUrl]', relay.url);
      await window.fill('#create-pack input[name=name]', 'Hunters');
      await window.fill('#create-pack input[name=displayName]', 'Ana');
      await window.click('#create-pack button[type=submit]');
      await window.waitForSelector('#pack');
      const online = await until(state, (s) => s.connection.state === 'online', 'the relay session');
      expect(online.pack?.name).toBe('Hunters');
    });

    it('logs a call from the global hotkey without the window', async () => {
      const shortcuts = await hooks('shortcuts');
      const call = shortcuts.find((s) => /\+C$/.test(s));
      expect(call).toBeDefined();
      await app.evaluate(
        (_e, accelerator) => (globalThis as Hooked).__wolfpackE2E.press(accelerator),
        call ?? '',
      );
      const after = await until(
        state,
        (s) => s.feed.some((f) => f.metric === 'call'),
        'the call in the feed',
      );
      expect(after.connection.queued).toBe(0);
      expect(await hooks('tooltip')).not.toBe('');
    });

    it('tells the rep when a partner joins', async () => {
      const invite = (await state()).inviteCode ?? '';
      await joinPack(relay.url, { inviteCode: invite, displayName: 'Sam' });
      await until(
        () => hooks('notifications'),
        (n) => n.some((x) => /Sam/.test(`${x.title} ${x.body}`)),
        'Sam',
      );
    });
  },
);

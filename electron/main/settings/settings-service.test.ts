import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemorySettingsBackend } from '../testing/fakes.ts';
import { defaultSettings } from './schema.ts';
import type { DesktopSettings } from './schema.ts';
import { JsonFileSettingsBackend, loadSettingsFile } from './settings-file.ts';
import { SettingsService } from './settings-service.ts';

const NOW = Date.parse('2026-11-27T04:15:02Z');
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wolfpack-settings-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadSettingsFile', () => {
  it('no file yet: nothing to read, nothing to say', () => {
    expect(loadSettingsFile(join(tempDir(), 'config.json'), NOW)).toEqual({
      raw: undefined,
      movedAside: null,
      message: null,
    });
  });

  it('reads a good file', () => {
    const path = join(tempDir(), 'config.json');
    writeFileSync(path, JSON.stringify({ version: 2 }));
    expect(loadSettingsFile(path, NOW)).toEqual({ raw: { version: 2 }, movedAside: null, message: null });
  });

  it.each(['{"version": 2, "relayUrls": [', '', '\u0000\u0000\u0000'])(
    'moves a damaged file (%j) aside and says where',
    (content) => {
      const dir = tempDir();
      const path = join(dir, 'config.json');
      writeFileSync(path, content);
      const loaded = loadSettingsFile(path, NOW);
      const aside = join(dir, 'config.corrupt-20261127-041502.json');
      expect(loaded).toEqual({
        raw: undefined,
        movedAside: aside,
        message: `Your settings file was damaged and has been moved to ${aside}; Wolfpack started with default settings.`,
      });
      expect(existsSync(path)).toBe(false);
      expect(readFileSync(aside, 'utf8')).toBe(content);
    },
  );

  it('a second damaged file in the same second gets its own name', () => {
    const dir = tempDir();
    const path = join(dir, 'config.json');
    writeFileSync(path, '{');
    loadSettingsFile(path, NOW);
    writeFileSync(path, '[');
    expect(loadSettingsFile(path, NOW).movedAside).toBe(join(dir, 'config.corrupt-20261127-041502-2.json'));
    expect(readdirSync(dir).sort()).toEqual([
      'config.corrupt-20261127-041502-2.json',
      'config.corrupt-20261127-041502.json',
    ]);
  });

  it('an unreadable path is reported, not thrown', () => {
    const loaded = loadSettingsFile(tempDir(), NOW);
    expect(loaded.raw).toBeUndefined();
    expect(loaded.message).toMatch(/could not read your settings file/);
  });
});

describe('SettingsService', () => {
  it('migrates on start and writes the upgrade back', () => {
    const backend = new MemorySettingsBackend({
      version: 1,
      relayUrl: 'http://10.0.0.5:7878',
      hotkeys: defaultSettings().hotkeys,
      notify: true,
      quietHours: { enabled: false, from: '22:00', to: '07:00' },
    });
    const service = new SettingsService(backend);
    expect(service.get().relayUrls).toEqual(['http://10.0.0.5:7878']);
    expect((backend.stored as DesktopSettings).version).toBe(2);
    expect(service.problems).toEqual([]);
  });

  it('does not rewrite settings that are already current', () => {
    const backend = new MemorySettingsBackend(defaultSettings());
    new SettingsService(backend);
    expect(backend.writes).toBe(0);
  });

  it('applies a valid change, saves it and tells the listener', () => {
    const backend = new MemorySettingsBackend(defaultSettings());
    const seen: DesktopSettings[] = [];
    const service = new SettingsService(backend, (s) => seen.push(s));
    expect(service.update({ launchAtLogin: true, relayUrls: ['https://relay.example.com'] })).toEqual({
      ok: true,
    });
    expect(service.get().launchAtLogin).toBe(true);
    expect((backend.stored as DesktopSettings).relayUrls).toEqual(['https://relay.example.com']);
    expect(seen.map((s) => s.launchAtLogin)).toEqual([true]);
  });

  it.each<[string, Partial<DesktopSettings>, RegExp]>([
    [
      'a relay address that is not http',
      { relayUrls: ['relay.example.com'] },
      /relayUrls\.0: must be a web address/,
    ],
    [
      'a quiet hours time out of range',
      { quietHours: { enabled: true, from: '22:00', to: '31:00' } },
      /quietHours\.to: must be a time like 22:00/,
    ],
  ])('refuses %s and changes nothing', (_, patch, message) => {
    const backend = new MemorySettingsBackend(defaultSettings());
    const service = new SettingsService(backend);
    const result = service.update(patch);
    expect(result).toEqual({ ok: false, message: expect.stringMatching(message) });
    expect(service.get()).toEqual(defaultSettings());
    expect(backend.writes).toBe(0);
  });

  it('a save that fails changes nothing in memory either', () => {
    const backend = new MemorySettingsBackend(defaultSettings());
    const service = new SettingsService(backend);
    backend.failWrites = true;
    expect(service.update({ launchAtLogin: true })).toEqual({
      ok: false,
      message: 'Settings not changed: they could not be saved (disk full).',
    });
    expect(service.get().launchAtLogin).toBe(false);
  });

  it('setHotkey stores one binding and keeps the others', () => {
    const service = new SettingsService(new MemorySettingsBackend(defaultSettings()));
    expect(service.setHotkey('undo', 'Ctrl+Shift+Backspace')).toEqual({ ok: true });
    expect(service.get().hotkeys).toEqual({ ...defaultSettings().hotkeys, undo: 'Ctrl+Shift+Backspace' });
    expect(service.setHotkey('undo', 'Z')).toMatchObject({ ok: false });
  });

  it('get returns a copy', () => {
    const service = new SettingsService(new MemorySettingsBackend(defaultSettings()));
    service.get().relayUrls.push('https://sneaky.example');
    expect(service.get().relayUrls).toEqual([]);
  });

  it('the view is what the settings screen shows', () => {
    const service = new SettingsService(new MemorySettingsBackend(defaultSettings()));
    expect(service.view('/home/rep/.config/wolfpack', 'careful')).toEqual({
      relayUrls: [],
      profileDir: '/home/rep/.config/wolfpack',
      hotkeys: defaultSettings().hotkeys,
      notifications: defaultSettings().notifications,
      quietHours: defaultSettings().quietHours,
      launchAtLogin: false,
      tokenStorageWarning: 'careful',
    });
  });

  it('with a damaged file: starts on defaults, keeps the damaged one aside, saves fresh ones', () => {
    const dir = tempDir();
    const path = join(dir, 'config.json');
    writeFileSync(path, '{"version": 2, "hotk');
    const backend = new JsonFileSettingsBackend(path, () => NOW);
    const service = new SettingsService(backend);
    expect(service.get()).toEqual(defaultSettings());
    expect(backend.message).toMatch(
      /^Your settings file was damaged and has been moved to .*config\.corrupt-20261127-041502\.json/,
    );
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(defaultSettings());
    service.update({ launchAtLogin: true });
    expect(new SettingsService(new JsonFileSettingsBackend(path)).get().launchAtLogin).toBe(true);
  });
});

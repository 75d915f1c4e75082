import { describe, expect, it } from 'vitest';
import { migrateSettings } from './migrations.ts';
import type { SettingsV1 } from './migrations.ts';
import { defaultSettings, settingsSchema } from './schema.ts';
import type { DesktopSettings } from './schema.ts';

const v1: SettingsV1 = {
  version: 1,
  relayUrl: 'http://192.168.1.20:7878',
  hotkeys: {
    call: 'Ctrl+Shift+1',
    appointment: 'CommandOrControl+Alt+A',
    proposal: 'CommandOrControl+Alt+P',
    forward_appointment: 'CommandOrControl+Alt+F',
    undo: 'CommandOrControl+Alt+Z',
  },
  notify: false,
  quietHours: { enabled: true, from: '21:00', to: '06:30' },
};

describe('migrateSettings', () => {
  it('upgrades version 1: one relay address, one notification switch', () => {
    const outcome = migrateSettings(v1);
    expect(outcome).toEqual({
      migrated: true,
      problems: [],
      settings: {
        ...defaultSettings(),
        relayUrls: ['http://192.168.1.20:7878'],
        hotkeys: v1.hotkeys,
        notifications: {
          challengeEnded: false,
          overtaken: false,
          challengeStarted: false,
          partnerJoined: false,
          cheers: false,
          personalBest: false,
          weeklyRecap: false,
        },
        quietHours: v1.quietHours,
      },
    });
  });

  it('a file from before the personal best and recap choices has them on, and nothing to report', () => {
    const { personalBest: _best, weeklyRecap: _recap, ...older } = defaultSettings().notifications;
    const stored = { ...defaultSettings(), notifications: { ...older, cheers: false } };
    const outcome = migrateSettings(stored);
    expect(outcome.problems).toEqual([]);
    expect(outcome.settings.notifications).toEqual({
      ...older,
      cheers: false,
      personalBest: true,
      weeklyRecap: true,
    });
  });

  it('version 1 without a relay yet, and with an unknown extra', () => {
    const outcome = migrateSettings({ ...v1, relayUrl: '', notify: true, theme: 'dark' });
    expect(outcome.settings.relayUrls).toEqual([]);
    expect(outcome.settings.notifications.overtaken).toBe(true);
    expect(outcome.problems).toEqual(['Ignored the unknown setting "theme".']);
  });

  it('a current file is taken as it is and not rewritten', () => {
    const stored: DesktopSettings = {
      ...defaultSettings(),
      relayUrls: ['https://relay.example.com'],
      launchAtLogin: true,
    };
    expect(migrateSettings(stored)).toEqual({ settings: stored, migrated: false, problems: [] });
  });

  it('first run: defaults, written out, nothing to complain about', () => {
    expect(migrateSettings(undefined)).toEqual({ settings: defaultSettings(), migrated: true, problems: [] });
  });

  it.each<[string, unknown, Partial<DesktopSettings>, RegExp[]]>([
    [
      'a missing field',
      { ...defaultSettings(), launchAtLogin: undefined },
      {},
      [/^Setting "launchAtLogin" was missing; using false\.$/],
    ],
    [
      'one bad hotkey keeps the other four',
      { ...defaultSettings(), hotkeys: { ...defaultSettings().hotkeys, call: 'C', proposal: 'Ctrl+Alt+O' } },
      { hotkeys: { ...defaultSettings().hotkeys, proposal: 'Ctrl+Alt+O' } },
      [/^Setting "hotkeys\.call" was not valid \(C alone would fire.*\); using CommandOrControl\+Alt\+C\.$/],
    ],
    [
      'a missing notification choice',
      { ...defaultSettings(), notifications: { challengeEnded: false } },
      { notifications: { ...defaultSettings().notifications, challengeEnded: false } },
      [/"notifications\.overtaken" was missing; using true/, /cheers/, /partnerJoined/, /challengeStarted/],
    ],
    [
      'a bad relay address is dropped, good ones kept',
      { ...defaultSettings(), relayUrls: ['ftp://x', 'https://ok.example', 'https://ok.example'] },
      { relayUrls: ['https://ok.example'] },
      [/^Dropped the relay address ftp:\/\/x: it is not an http:\/\/ or https:\/\/ address\.$/],
    ],
    [
      'a bad quiet hours time',
      { ...defaultSettings(), quietHours: { enabled: true, from: '25:00', to: '07:00' } },
      { quietHours: { enabled: true, from: '22:00', to: '07:00' } },
      [/"quietHours\.from" was not valid \(must be a time like 22:00\); using 22:00/],
    ],
    [
      'an unknown field',
      { ...defaultSettings(), colour: 'blue' },
      {},
      [/^Ignored the unknown setting "colour"\.$/],
    ],
    [
      'a token that is not base64',
      { ...defaultSettings(), token: { kind: 'encrypted', data: '***' } },
      {},
      [/^Setting "token" was not valid .*; using none\.$/],
    ],
  ])('repairs %s and says so', (_, raw, expected, problems) => {
    const outcome = migrateSettings(raw);
    expect(outcome.settings).toEqual({ ...defaultSettings(), ...expected });
    expect(outcome.migrated).toBe(true);
    expect(outcome.problems).toHaveLength(problems.length);
    for (const pattern of problems) expect(outcome.problems.some((p) => pattern.test(p))).toBe(true);
  });

  it('a newer version: defaults, and the file is left alone', () => {
    const outcome = migrateSettings({ version: 7, relayUrls: ['https://x.example'], somethingNew: true });
    expect(outcome.settings).toEqual(defaultSettings());
    expect(outcome.migrated).toBe(false);
    expect(outcome.problems).toEqual([expect.stringMatching(/newer Wolfpack \(settings version 7\)/)]);
  });

  it.each<[string, unknown]>([
    ['a string', 'hello'],
    ['a list', [1, 2, 3]],
    ['a number', 42],
  ])('never throws: %s becomes the defaults with a problem', (_, raw) => {
    const outcome = migrateSettings(raw);
    expect(outcome.settings).toEqual(defaultSettings());
    expect(outcome.problems).toHaveLength(1);
  });

  it('no version at all is read as the current one', () => {
    const { version: _, ...rest } = { ...defaultSettings(), launchAtLogin: true };
    const outcome = migrateSettings(rest);
    expect(outcome.settings.launchAtLogin).toBe(true);
    expect(outcome.problems).toEqual([expect.stringMatching(/no usable version/)]);
  });

  it('whatever comes in, what comes out passes the schema', () => {
    for (const raw of [v1, { version: 2 }, { version: 1 }, { version: 2, hotkeys: null, token: 5 }]) {
      expect(settingsSchema.safeParse(migrateSettings(raw).settings).success).toBe(true);
    }
  });
});

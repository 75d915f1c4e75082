import type { z } from 'zod';
import type { HotkeyAction, QuietHours } from '../../../core/app-api.ts';
import {
  SETTINGS_VERSION,
  defaultSettings,
  describeSettingsIssue,
  relayUrlSchema,
  settingsFields,
  settingsSchema,
} from './schema.ts';
import type { DesktopSettings } from './schema.ts';

/** The first released shape: one relay address and one switch for all notifications. */
export interface SettingsV1 {
  version: 1;
  relayUrl: string;
  hotkeys: Record<HotkeyAction, string>;
  notify: boolean;
  quietHours: QuietHours;
}

export interface MigrationOutcome {
  settings: DesktopSettings;
  /** True when the stored value should be written back (upgraded or repaired). */
  migrated: boolean;
  /** One readable sentence per thing that was changed or dropped. */
  problems: string[];
}

type Fields = typeof settingsFields;
type FieldName = keyof Fields;
type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const shown = (value: unknown) =>
  value === null ? 'none' : typeof value === 'string' ? value : JSON.stringify(value);

function check<T>(schema: z.ZodType<T>, value: unknown): { ok: true; value: T } | { ok: false; why: string } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  // zod's generic prefix adds nothing to "expected boolean, received string".
  return { ok: false, why: describeSettingsIssue(parsed.error).replace(/^Invalid input: /, '') };
}

/** Fields that are objects are repaired key by key, so one bad hotkey keeps the other four. */
function repairObject<T extends Json>(
  name: string,
  schema: { shape: Record<string, z.ZodType> },
  value: unknown,
  fallback: T,
  problems: string[],
): T {
  if (!isRecord(value)) {
    problems.push(
      `Setting "${name}" ${value === undefined ? 'was missing' : 'was not a group of settings'}; using the defaults.`,
    );
    return fallback;
  }
  const out: Json = {};
  for (const [key, fieldSchema] of Object.entries(schema.shape)) {
    const label = `${name}.${key}`;
    const result = check(fieldSchema, value[key]);
    if (result.ok) out[key] = result.value;
    else {
      out[key] = fallback[key];
      const why = value[key] === undefined ? 'was missing' : `was not valid (${result.why})`;
      problems.push(`Setting "${label}" ${why}; using ${shown(fallback[key])}.`);
    }
  }
  for (const key of Object.keys(value)) {
    if (!(key in schema.shape)) problems.push(`Ignored the unknown setting "${name}.${key}".`);
  }
  return out as T;
}

function repairRelayUrls(value: unknown, problems: string[]): string[] {
  if (!Array.isArray(value)) {
    problems.push(
      `Setting "relayUrls" ${value === undefined ? 'was missing' : 'was not a list'}; no relay address is set.`,
    );
    return [];
  }
  const urls: string[] = [];
  for (const url of value) {
    if (typeof url === 'string' && check(relayUrlSchema, url).ok) {
      if (!urls.includes(url)) urls.push(url);
    } else
      problems.push(`Dropped the relay address ${shown(url)}: it is not an http:// or https:// address.`);
  }
  return urls;
}

/** Every field checked on its own; a bad one falls back to its default and is reported. */
function repair(raw: Json, problems: string[]): DesktopSettings {
  const defaults = defaultSettings();
  const field = <T>(name: FieldName, schema: z.ZodType<T>, fallback: T): T => {
    const result = check(schema, raw[name]);
    if (result.ok) return result.value;
    const why = raw[name] === undefined ? 'was missing' : `was not valid (${result.why})`;
    problems.push(`Setting "${name}" ${why}; using ${shown(fallback)}.`);
    return fallback;
  };
  const settings: DesktopSettings = {
    version: SETTINGS_VERSION,
    relayUrls: repairRelayUrls(raw.relayUrls, problems),
    profileDir: field('profileDir', settingsFields.profileDir, defaults.profileDir),
    hotkeys: repairObject('hotkeys', settingsFields.hotkeys, raw.hotkeys, defaults.hotkeys, problems),
    notifications: repairObject(
      'notifications',
      settingsFields.notifications,
      raw.notifications,
      defaults.notifications,
      problems,
    ),
    quietHours: repairObject(
      'quietHours',
      settingsFields.quietHours,
      raw.quietHours,
      defaults.quietHours,
      problems,
    ),
    launchAtLogin: field('launchAtLogin', settingsFields.launchAtLogin, defaults.launchAtLogin),
    token: field('token', settingsFields.token, defaults.token),
  };
  for (const key of Object.keys(raw)) {
    if (key !== 'version' && !(key in settingsFields)) problems.push(`Ignored the unknown setting "${key}".`);
  }
  return settingsSchema.parse(settings);
}

function fromV1(raw: Json, problems: string[]): DesktopSettings {
  const defaults = defaultSettings();
  const known = ['version', 'relayUrl', 'hotkeys', 'notify', 'quietHours'];
  for (const key of Object.keys(raw)) {
    if (!known.includes(key)) problems.push(`Ignored the unknown setting "${key}".`);
  }
  const relayUrl = raw.relayUrl;
  let notifications: unknown = defaults.notifications;
  if (typeof raw.notify === 'boolean') {
    // The one switch becomes all of them, so nobody who had silenced Wolfpack hears from it now.
    const on = raw.notify;
    notifications = {
      challengeEnded: on,
      overtaken: on,
      challengeStarted: on,
      partnerJoined: on,
      cheers: on,
      personalBest: on,
      weeklyRecap: on,
    };
  } else if (raw.notify !== undefined) {
    problems.push(`Setting "notify" was not on or off (${shown(raw.notify)}); all notifications are on.`);
  }
  return repair(
    {
      relayUrls: relayUrl === undefined || relayUrl === '' ? [] : [relayUrl],
      profileDir: defaults.profileDir,
      hotkeys: raw.hotkeys ?? defaults.hotkeys,
      notifications,
      quietHours: raw.quietHours ?? defaults.quietHours,
      launchAtLogin: defaults.launchAtLogin,
      token: defaults.token,
    },
    problems,
  );
}

/** Reads whatever the settings store held into the current shape. Never throws. */
export function migrateSettings(raw: unknown): MigrationOutcome {
  const problems: string[] = [];
  try {
    // First run: nothing stored yet. Writing the defaults out is not a problem worth telling.
    if (raw === undefined || raw === null) return { settings: defaultSettings(), migrated: true, problems };
    if (!isRecord(raw)) {
      problems.push('Your settings were not a set of settings; Wolfpack started with default settings.');
      return { settings: defaultSettings(), migrated: true, problems };
    }
    const version = raw.version;
    if (version === 1) return { settings: fromV1(raw, problems), migrated: true, problems };
    if (version === SETTINGS_VERSION) {
      const settings = repair(raw, problems);
      return { settings, migrated: problems.length > 0, problems };
    }
    if (typeof version === 'number' && Number.isInteger(version) && version > SETTINGS_VERSION) {
      problems.push(
        `Your settings were saved by a newer Wolfpack (settings version ${version}); this one started with default settings and leaves them untouched until you change a setting.`,
      );
      // Not written back: going back to the newer version should find its settings as it left them.
      return { settings: defaultSettings(), migrated: false, problems };
    }
    problems.push(
      `Your settings had no usable version (${shown(version)}); they were read as version ${SETTINGS_VERSION}.`,
    );
    return { settings: repair(raw, problems), migrated: true, problems };
  } catch (error) {
    return {
      settings: defaultSettings(),
      migrated: true,
      problems: [
        ...problems,
        `Your settings could not be read (${String(error)}); Wolfpack started with default settings.`,
      ],
    };
  }
}

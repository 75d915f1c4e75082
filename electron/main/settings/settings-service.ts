import type { DesktopSettingsView, HotkeyAction } from '../../../core/app-api.ts';
import { migrateSettings } from './migrations.ts';
import { SETTINGS_VERSION, describeSettingsIssue, settingsSchema } from './schema.ts';
import type { DesktopSettings } from './schema.ts';

/** Where settings live. electron-store is adapted to this elsewhere; tests use memory or a file. */
export interface SettingsBackend {
  read(): unknown;
  write(value: DesktopSettings): void;
}

export type SettingsPatch = Partial<Omit<DesktopSettings, 'version'>>;
export type SettingsResult = { ok: true } | { ok: false; message: string };

/**
 * The one owner of the desktop settings: migrated on start, every change validated as a whole
 * and written before it counts, so memory and disk never disagree and a bad patch changes nothing.
 */
export class SettingsService {
  /** What migration repaired or dropped on start, for the user to read once. */
  readonly problems: string[];
  private readonly backend: SettingsBackend;
  private readonly onChange: ((settings: DesktopSettings) => void) | undefined;
  private current: DesktopSettings;

  constructor(backend: SettingsBackend, onChange?: (settings: DesktopSettings) => void) {
    this.backend = backend;
    this.onChange = onChange;
    let raw: unknown;
    const problems: string[] = [];
    try {
      raw = backend.read();
    } catch (error) {
      problems.push(
        `Your settings could not be read (${(error as Error).message}); Wolfpack started with default settings.`,
      );
    }
    const outcome = migrateSettings(raw);
    problems.push(...outcome.problems);
    this.current = outcome.settings;
    if (outcome.migrated) {
      try {
        backend.write(outcome.settings);
      } catch (error) {
        // The app still runs on the migrated settings; the next successful change saves them.
        problems.push(`Your upgraded settings could not be saved yet (${(error as Error).message}).`);
      }
    }
    this.problems = problems;
  }

  /** A copy: callers cannot change settings behind the service's back. */
  get(): DesktopSettings {
    return structuredClone(this.current);
  }

  update(patch: SettingsPatch): SettingsResult {
    const parsed = settingsSchema.safeParse({ ...this.current, ...patch, version: SETTINGS_VERSION });
    if (!parsed.success)
      return { ok: false, message: `Settings not changed: ${describeSettingsIssue(parsed.error)}.` };
    const next = parsed.data;
    if (JSON.stringify(next) === JSON.stringify(this.current)) return { ok: true };
    try {
      this.backend.write(next);
    } catch (error) {
      return {
        ok: false,
        message: `Settings not changed: they could not be saved (${(error as Error).message}).`,
      };
    }
    this.current = next;
    this.onChange?.(this.get());
    return { ok: true };
  }

  /** Stores a binding only; the HotkeyManager decides first whether the keys are free. */
  setHotkey(action: HotkeyAction, accelerator: string): SettingsResult {
    return this.update({ hotkeys: { ...this.current.hotkeys, [action]: accelerator } });
  }

  /**
   * What the settings screen shows. `profileDir` is the folder in use, which the caller resolves
   * (the stored value is null while the default is used).
   */
  view(profileDir: string, tokenWarning: string | null): DesktopSettingsView {
    const s = this.get();
    return {
      relayUrls: s.relayUrls,
      profileDir,
      hotkeys: s.hotkeys,
      notifications: s.notifications,
      quietHours: s.quietHours,
      launchAtLogin: s.launchAtLogin,
      tokenStorageWarning: tokenWarning,
    };
  }
}

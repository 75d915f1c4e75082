import path from 'node:path';
import Store from 'electron-store';
import type { DesktopSettings } from '../settings/schema.ts';
import { loadSettingsFile } from '../settings/settings-file.ts';
import type { SettingsBackend } from '../settings/settings-service.ts';

export interface OpenedSettings {
  backend: SettingsBackend;
  /** Set when a damaged file was moved aside: shown to the rep once. */
  message: string | null;
}

const NAME = 'settings';

/**
 * SettingsBackend over electron-store. electron-store throws on a file it cannot parse, so the
 * file is read first by loadSettingsFile, which moves a damaged one aside with a clear message;
 * the store then opens an absent file and starts on defaults. Schema and migrations live in
 * electron/main/settings/; the store only keeps the JSON (atomically written, owner-only).
 */
export function openSettingsStore(userDataDir: string, now: number): OpenedSettings {
  const loaded = loadSettingsFile(path.join(userDataDir, `${NAME}.json`), now);
  const store = new Store<Record<string, unknown>>({
    cwd: userDataDir,
    name: NAME,
    accessPropertiesByDotNotation: false,
    clearInvalidConfig: false,
    configFileMode: 0o600,
    watch: false,
  });
  return {
    message: loaded.message,
    backend: {
      read: () => (store.size === 0 ? undefined : store.store),
      write: (value: DesktopSettings) => {
        store.store = { ...value };
      },
    },
  };
}

import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { DesktopSettings } from './schema.ts';
import type { SettingsBackend } from './settings-service.ts';

export interface LoadedSettingsFile {
  /** The parsed JSON; undefined when there was no usable file. */
  raw: unknown;
  /** Where a damaged file was moved, or null. */
  movedAside: string | null;
  /** What to tell the user, or null when there is nothing to say. */
  message: string | null;
}

/** 20261127-041502, in UTC so the name does not depend on the machine's zone. */
function stamp(now: number): string {
  const iso = new Date(now).toISOString();
  return `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
}

function asideName(path: string, now: number): string {
  const ext = extname(path) || '.json';
  const base = join(dirname(path), `${basename(path, extname(path))}.corrupt-${stamp(now)}`);
  // Two damaged files in the same second must not overwrite one another.
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${base}${ext}` : `${base}-${n}${ext}`;
    if (!existsSync(candidate)) return candidate;
  }
}

/**
 * Reads the settings JSON before the settings store opens it, because electron-store throws on a
 * file it cannot parse. A damaged file is moved aside (kept for a bug report or a manual rescue)
 * and the app starts on defaults; never throws for a bad file.
 */
export function loadSettingsFile(path: string, now: number): LoadedSettingsFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { raw: undefined, movedAside: null, message: null };
    return {
      raw: undefined,
      movedAside: null,
      message: `Wolfpack could not read your settings file ${path} (${(error as Error).message}); it started with default settings.`,
    };
  }
  try {
    // An empty file is what a crash in the middle of a write leaves: damaged, not "no settings".
    return { raw: JSON.parse(text), movedAside: null, message: null };
  } catch {
    const aside = asideName(path, now);
    try {
      renameSync(path, aside);
    } catch (error) {
      return {
        raw: undefined,
        movedAside: null,
        message: `Your settings file ${path} was damaged and could not be moved aside (${(error as Error).message}); Wolfpack started with default settings and will replace it when settings change.`,
      };
    }
    return {
      raw: undefined,
      movedAside: aside,
      message: `Your settings file was damaged and has been moved to ${aside}; Wolfpack started with default settings.`,
    };
  }
}

/**
 * Settings kept in a plain JSON file, written atomically: for tests and for running without
 * Electron (where electron-store is not available).
 */
export class JsonFileSettingsBackend implements SettingsBackend {
  readonly path: string;
  /** loadSettingsFile's message from the first read, for the caller to show. */
  message: string | null = null;
  private readonly now: () => number;

  constructor(path: string, now: () => number = Date.now) {
    this.path = path;
    this.now = now;
  }

  read(): unknown {
    const loaded = loadSettingsFile(this.path, this.now());
    this.message ??= loaded.message;
    return loaded.raw;
  }

  write(value: DesktopSettings): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.tmp`;
    try {
      writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
      renameSync(temp, this.path);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
  }
}

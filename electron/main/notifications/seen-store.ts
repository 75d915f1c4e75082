import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Ids of notifications already shown. Persisted, so nothing repeats after a reconnect or restart. */
export interface SeenStore {
  has(id: string): boolean;
  add(id: string): void;
}

export class MemorySeenStore implements SeenStore {
  private readonly ids = new Set<string>();

  constructor(ids: Iterable<string> = []) {
    for (const id of ids) this.ids.add(id);
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string): void {
    this.ids.add(id);
  }
}

export const DEFAULT_SEEN_CAP = 2000;

/**
 * The most recent ids in a small JSON file. Old ids fall off the end: the relay only re-sends
 * recent events (unseen results, current standings), so a few thousand cover any reconnect.
 * A missing or damaged file starts an empty list rather than stopping notifications; a failed
 * write keeps the id in memory and is reported in `lastError`.
 */
export class FileSeenStore implements SeenStore {
  readonly path: string;
  private readonly cap: number;
  /** Oldest first; a Set keeps insertion order. */
  private readonly ids = new Set<string>();
  /** Why the file could not be read or written, for the log; null while all is well. */
  lastError: string | null = null;

  constructor(path: string, cap = DEFAULT_SEEN_CAP) {
    this.path = path;
    this.cap = cap;
    this.load();
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string): void {
    if (this.ids.has(id)) return;
    this.ids.add(id);
    for (const old of this.ids) {
      if (this.ids.size <= this.cap) break;
      this.ids.delete(old);
    }
    this.save();
  }

  private load(): void {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        this.lastError = `cannot read ${this.path}: ${String(error)}`;
      return;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      const ids = (parsed as { ids?: unknown } | null)?.ids;
      if (!Array.isArray(ids)) throw new Error('no list of ids');
      for (const id of ids.slice(-this.cap)) if (typeof id === 'string') this.ids.add(id);
    } catch (error) {
      this.lastError = `ignored a damaged ${this.path}: ${String(error)}`;
    }
  }

  private save(): void {
    // Temp file and rename: a crash mid-write leaves the old list, never half a file.
    const temp = `${this.path}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileSync(temp, `${JSON.stringify({ version: 1, ids: [...this.ids] })}\n`, { mode: 0o600 });
      renameSync(temp, this.path);
      this.lastError = null;
    } catch (error) {
      try {
        rmSync(temp, { force: true });
      } catch {
        // A temp file left behind is harmless; the next write replaces it.
      }
      this.lastError = `cannot write ${this.path}: ${String(error)}`;
    }
  }
}

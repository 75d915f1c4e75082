import { open, readFile, rename, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { activityEventSchema } from '../core/protocol.ts';
import type { ActivityEvent } from '../core/types.ts';
import { acquireLock } from './file-lock.ts';
import type { FileLock, LockOptions } from './file-lock.ts';
import { applicableRewrites, withRewrites } from './outbox-rewrite.ts';
import type { EventRewrite } from './session-events.ts';

/**
 * The durable outbox: an append-only JSON Lines file of events not yet stored by the relay.
 * `append` resolves only after the bytes are fsync'ed, so a log made offline or just before a
 * crash is never lost. Finished ids are appended too; once they dominate, the file is rewritten
 * with only the pending events (temp file, fsync, rename). A `rewrite` line puts events in the
 * place of others (a log sent again under a new id), all in one line so that a crash keeps all
 * of them or none.
 */
const lineSchema = z.union([
  z.strictObject({ op: z.literal('add'), event: activityEventSchema }),
  z.strictObject({ op: z.literal('done'), ids: z.array(z.string()) }),
  z.strictObject({
    op: z.literal('rewrite'),
    changes: z.array(z.strictObject({ from: z.string(), event: activityEventSchema })),
  }),
]);
type Line = z.infer<typeof lineSchema>;

export class OutboxCorruptError extends Error {
  readonly path: string;
  readonly line: number;
  constructor(path: string, line: number, reason: string) {
    super(
      `the outbox ${path} is damaged at line ${line} (${reason}); move it aside to continue (its queued events would then be lost)`,
    );
    this.name = 'OutboxCorruptError';
    this.path = path;
    this.line = line;
  }
}

export interface OutboxOptions {
  /** Rewrite the file once at least this many lines are finished and they outnumber the pending ones. */
  compactAfter?: number;
  lock?: LockOptions;
}

export class Outbox {
  readonly path: string;
  #pending = new Map<string, ActivityEvent>();
  #deadLines = 0;
  #compactAfter: number;
  #handle: FileHandle;
  #lock: FileLock;
  /** Writes go through one chain so lines never interleave and compaction never races an append. */
  #chain: Promise<unknown> = Promise.resolve();
  #closed = false;

  private constructor(path: string, handle: FileHandle, lock: FileLock, compactAfter: number) {
    this.path = path;
    this.#handle = handle;
    this.#lock = lock;
    this.#compactAfter = compactAfter;
  }

  static async open(path: string, options: OutboxOptions = {}): Promise<Outbox> {
    const lock = await acquireLock(`${path}.lock`, options.lock);
    try {
      const { lines, validBytes, tornTail } = await readLines(path);
      const handle = await open(path, 'a+', 0o600);
      // Cut a torn tail so the next append starts on a fresh line instead of gluing onto garbage.
      if (tornTail) {
        await handle.truncate(validBytes);
        await handle.sync();
      }
      const outbox = new Outbox(path, handle, lock, options.compactAfter ?? 256);
      for (const line of lines) outbox.#apply(line);
      return outbox;
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  get size(): number {
    return this.#pending.size;
  }

  has(id: string): boolean {
    return this.#pending.has(id);
  }

  /** Pending events in the order they were appended. */
  pending(limit = Infinity): ActivityEvent[] {
    const out: ActivityEvent[] = [];
    for (const event of this.#pending.values()) {
      if (out.length >= limit) break;
      out.push(event);
    }
    return out;
  }

  append(events: ActivityEvent | readonly ActivityEvent[]): Promise<void> {
    const list = Array.isArray(events) ? events : [events as ActivityEvent];
    const fresh = list.filter((e) => !this.#pending.has(e.id));
    if (fresh.length === 0) return this.#chain.then(() => undefined);
    return this.#enqueue(async () => {
      await this.#write(fresh.map((event) => ({ op: 'add', event }) satisfies Line));
      for (const event of fresh) this.#pending.set(event.id, event);
    });
  }

  /** Records that the relay stored (or permanently refused) these ids. Unknown ids are ignored. */
  markDone(ids: readonly string[]): Promise<void> {
    return this.#enqueue(async () => {
      const known = ids.filter((id) => this.#pending.has(id));
      if (known.length === 0) return;
      await this.#write([{ op: 'done', ids: known }]);
      for (const id of known) this.#pending.delete(id);
      this.#deadLines += known.length + 1;
      if (this.#deadLines >= this.#compactAfter && this.#deadLines > this.#pending.size) {
        await this.#compact();
      }
    });
  }

  /** Puts events in the place of pending ones, in their positions; see SessionOutbox.rewrite. */
  rewrite(changes: readonly EventRewrite[]): Promise<EventRewrite[]> {
    return this.#enqueue(async () => {
      const made = applicableRewrites(this.#pending.keys(), changes);
      if (made.length === 0) return made;
      await this.#write([{ op: 'rewrite', changes: made }]);
      this.#replace(made);
      return made;
    });
  }

  /** Rewrites the file with only the pending events. */
  compact(): Promise<void> {
    return this.#enqueue(() => this.#compact());
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#chain.catch(() => undefined);
    await this.#handle.close();
    await this.#lock.release();
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new Error(`the outbox ${this.path} is closed`));
    const run = this.#chain.then(task);
    this.#chain = run.catch(() => undefined);
    return run;
  }

  async #write(lines: Line[]): Promise<void> {
    const text = lines.map((line) => JSON.stringify(line) + '\n').join('');
    await this.#handle.write(text);
    await this.#handle.datasync();
  }

  async #compact(): Promise<void> {
    const temp = `${this.path}.compact`;
    const handle = await open(temp, 'w', 0o600);
    try {
      const text = [...this.#pending.values()].map((event) => JSON.stringify({ op: 'add', event }) + '\n');
      await handle.write(text.join(''));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, this.path);
    await syncDirectory(dirname(this.path));
    await this.#handle.close();
    this.#handle = await open(this.path, 'a+', 0o600);
    this.#deadLines = 0;
  }

  #apply(line: Line): void {
    if (line.op === 'add') {
      if (this.#pending.has(line.event.id)) this.#deadLines++;
      this.#pending.set(line.event.id, line.event);
      return;
    }
    if (line.op === 'rewrite') {
      this.#replace(applicableRewrites(this.#pending.keys(), line.changes));
      return;
    }
    for (const id of line.ids) this.#pending.delete(id);
    this.#deadLines += line.ids.length + 1;
  }

  #replace(changes: readonly EventRewrite[]): void {
    const events = withRewrites(this.#pending.values(), changes);
    this.#pending = new Map(events.map((event) => [event.id, event]));
    this.#deadLines += changes.length;
  }
}

interface ReadResult {
  lines: Line[];
  /** Bytes up to the end of the last good line. */
  validBytes: number;
  tornTail: boolean;
}

async function readLines(path: string): Promise<ReadResult> {
  let buffer: Buffer;
  try {
    buffer = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { lines: [], validBytes: 0, tornTail: false };
    throw error;
  }
  await rm(`${path}.compact`, { force: true });
  const lines: Line[] = [];
  let offset = 0;
  let lineNumber = 0;
  while (offset < buffer.length) {
    lineNumber++;
    const newline = buffer.indexOf(0x0a, offset);
    const end = newline === -1 ? buffer.length : newline;
    const isLast = newline === -1 || newline === buffer.length - 1;
    const parsed = parseLine(buffer.subarray(offset, end).toString('utf8'));
    if (!parsed.ok) {
      // A crash mid-write can leave only the final line partial (or zero-filled); anywhere else it is damage.
      if (isLast) return { lines, validBytes: offset, tornTail: true };
      throw new OutboxCorruptError(path, lineNumber, parsed.reason);
    }
    if (parsed.line) lines.push(parsed.line);
    offset = end + 1;
  }
  return { lines, validBytes: buffer.length, tornTail: false };
}

function parseLine(text: string): { ok: true; line: Line | null } | { ok: false; reason: string } {
  if (text.trim() === '') return { ok: true, line: null };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const result = lineSchema.safeParse(json);
  return result.success ? { ok: true, line: result.data } : { ok: false, reason: 'unexpected entry' };
}

/** Makes the rename itself durable; Windows cannot open a directory, and does not need to. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

import { link, readFile, unlink, writeFile } from 'node:fs/promises';

/**
 * An exclusive lock file holding the owner's pid. The outbox is rewritten on compaction, so two
 * processes sharing a profile (a CLI command while the desktop app runs) must take turns, or one
 * could rename away lines the other just appended.
 */
export interface FileLock {
  readonly path: string;
  release(): Promise<void>;
}

export class LockBusyError extends Error {
  readonly pid: number;
  constructor(path: string, pid: number) {
    super(`${path} is held by another Wolfpack process (pid ${pid}); try again when it has finished`);
    this.name = 'LockBusyError';
    this.pid = pid;
  }
}

export interface LockOptions {
  timeoutMs?: number;
  pid?: number;
  isAlive?: (pid: number) => boolean;
  sleep?: (ms: number) => Promise<void>;
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function acquireLock(path: string, options: LockOptions = {}): Promise<FileLock> {
  const pid = options.pid ?? process.pid;
  const isAlive = options.isAlive ?? processIsAlive;
  const sleep = options.sleep ?? defaultSleep;
  const deadline = Date.now() + (options.timeoutMs ?? 5000);
  for (;;) {
    if (await tryCreate(path, pid)) {
      return { path, release: () => unlink(path).catch(() => undefined) };
    }
    const holder = await readHolder(path);
    // A lock left by a crashed process (or a half-written one) must not block the profile forever.
    if (holder === null || !isAlive(holder)) {
      await unlink(path).catch(() => undefined);
      continue;
    }
    if (Date.now() >= deadline) throw new LockBusyError(path, holder);
    await sleep(50);
  }
}

/** Writes the pid aside, then links it into place, so no reader ever sees an empty lock file. */
async function tryCreate(path: string, pid: number): Promise<boolean> {
  const staging = `${path}.${pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(staging, String(pid), { mode: 0o600 });
  try {
    await link(staging, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(staging).catch(() => undefined);
  }
}

async function readHolder(path: string): Promise<number | null> {
  try {
    const text = await readFile(path, 'utf8');
    const pid = Number.parseInt(text, 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

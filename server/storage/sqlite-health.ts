import type { DatabaseSync } from 'node:sqlite';
import type { WriteFailure } from './write-health.ts';

/** SQLite's primary result codes that say the file or its disk failed (https://sqlite.org/rescode.html). */
const SQLITE_READONLY = 8;
const SQLITE_IOERR = 10;
const SQLITE_CORRUPT = 11;
const SQLITE_FULL = 13;
const SQLITE_CANTOPEN = 14;
const SQLITE_NOTADB = 26;

/** The relay refuses to open a damaged database: it would answer `internal` to nearly everything. */
export class DamagedDatabase extends Error {
  constructor(path: string, detail: string) {
    super(
      `the database ${path} is damaged (${detail}): restore it from a backup (see "Backups" in ` +
        'docs/deploy.md), or move it aside to start with an empty one',
    );
    this.name = 'DamagedDatabase';
  }
}

function primaryCode(error: unknown): number | null {
  const e = error as { code?: unknown; errcode?: unknown };
  // node:sqlite puts the extended result code in errcode; its low byte is the primary one.
  if (e?.code !== 'ERR_SQLITE_ERROR' || typeof e.errcode !== 'number') return null;
  return e.errcode & 0xff;
}

/** Whether an error of node:sqlite says the database file is damaged. */
export function isDamage(error: unknown): boolean {
  const code = primaryCode(error);
  return code === SQLITE_CORRUPT || code === SQLITE_NOTADB;
}

/** The storage's part in a failed write; null for a refused or conflicting one (a constraint, say). */
export function sqliteFailure(error: unknown): WriteFailure | null {
  const code = primaryCode(error);
  const detail = (error as Error).message;
  switch (code) {
    case SQLITE_FULL:
      return { reason: `the disk holding the database is full (SQLITE_FULL: ${detail})`, endsWith: 'probe' };
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      return { reason: `the database file cannot be written (${detail})`, endsWith: 'probe' };
    case SQLITE_READONLY:
      return { reason: `the database file is read-only (${detail})`, endsWith: 'probe' };
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return {
        reason: `the database file is damaged (${detail}); restore a backup and restart the relay`,
        endsWith: 'restart',
      };
    default:
      return null;
  }
}

/**
 * `pragma quick_check` at start: a damaged page found now is one clear refusal, where found later
 * it would be an `internal` answer to every request that touches it. It reads the whole file
 * (about a second per gigabyte), but not the indexes against their tables as integrity_check does.
 */
export function checkIntegrity(db: DatabaseSync, path: string): void {
  const rows = db.prepare('pragma quick_check(5)').all() as { quick_check?: unknown }[];
  const findings = rows.map((row) => String(row.quick_check));
  if (findings.length === 1 && findings[0] === 'ok') return;
  const detail = findings
    .join('; ')
    .replace(/\*\*\* in database main \*\*\*\s*/g, '')
    .replace(/\s+/g, ' ')
    .slice(0, 200);
  throw new DamagedDatabase(path, detail);
}

/**
 * The health check's own write: the database header's user_version, set to what it is. It goes
 * through the WAL like any commit, so it fails on a full disk and commits once there is room.
 */
export function probeWrite(db: DatabaseSync): void {
  db.exec('begin immediate');
  try {
    const row = db.prepare('pragma user_version').get() as { user_version?: unknown } | undefined;
    db.exec(`pragma user_version = ${Number(row?.user_version ?? 0)}`);
    db.exec('commit');
  } catch (error) {
    rollbackIfOpen(db);
    throw error;
  }
}

/**
 * SQLite rolls a transaction back by itself after some errors (SQLITE_FULL among them); a second
 * rollback would then throw and hide the error that matters.
 */
export function rollbackIfOpen(db: DatabaseSync): void {
  if (!db.isTransaction) return;
  try {
    db.exec('rollback');
  } catch {
    // The caller throws the error that made it roll back; a failed rollback adds nothing to it.
  }
}

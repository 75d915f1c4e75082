import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { Mutex } from './mutex.ts';
import { Checkpointer } from './sqlite-checkpointer.ts';
import {
  DamagedDatabase,
  checkIntegrity,
  isDamage,
  probeWrite,
  rollbackIfOpen,
  sqliteFailure,
} from './sqlite-health.ts';
import type { Row } from './rows.ts';
import { sqliteQueries, sqliteSql } from './sqlite-queries.ts';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.ts';
import type { Queries, Storage, StorageHealth, TransactionOptions } from './types.ts';
import { WriteHealth } from './write-health.ts';

/** SQLite through Node's built-in node:sqlite: no native addon, WAL, one connection. */
export class SqliteStorage implements Storage {
  readonly #db: DatabaseSync;
  readonly #mutex = new Mutex();
  readonly #statements = new Map<string, StatementSync>();
  readonly #queries: Queries;
  readonly #health = new WriteHealth();
  #checkpointer: Checkpointer | undefined;
  #closed = false;
  /** WAL checkpoints made by the checkpointer thread so far. */
  checkpoints = 0;

  private constructor(db: DatabaseSync) {
    this.#db = db;
    this.#queries = sqliteQueries(sqliteSql((sql) => this.#statement(sql)));
  }

  /**
   * synchronous: 'normal' (default) makes every commit durable against a crashed or killed
   * process; 'full' also against a power cut or kernel panic, at the cost of one disk sync per
   * commit while the event loop waits (on this project's test machines that took ack p99 from
   * about 8 ms to 35 ms and worse; see docs/architecture.md).
   */
  static open(path: string, options: { synchronous?: 'normal' | 'full' } = {}): SqliteStorage {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    let db: DatabaseSync | undefined;
    try {
      db = new DatabaseSync(path);
      db.exec('pragma journal_mode = wal');
      db.exec(`pragma synchronous = ${options.synchronous === 'full' ? 'full' : 'normal'}`);
      db.exec('pragma foreign_keys = on');
      db.exec('pragma busy_timeout = 5000');
      if (path !== ':memory:') checkIntegrity(db, path);
      const storage = new SqliteStorage(db);
      storage.#migrate();
      if (path !== ':memory:') storage.#checkpointOffThread(path);
      return storage;
    } catch (error) {
      if (db?.isOpen) db.close();
      // A damaged header fails the first statement, before quick_check could look.
      if (isDamage(error)) throw new DamagedDatabase(path, (error as Error).message);
      throw error;
    }
  }

  /** Hands WAL checkpoints (the disk syncs) to a thread of their own; see Checkpointer. */
  #checkpointOffThread(path: string): void {
    // Without the thread the WAL would grow for ever: then the commits checkpoint, as by default.
    const inCommits = () => this.#db.exec('pragma wal_autocheckpoint = 1000');
    try {
      this.#checkpointer = Checkpointer.start(path, {
        onCheckpoint: () => void (this.checkpoints += 1),
        onFailure: () => {
          if (this.#closed || !this.#checkpointer) return;
          void this.#checkpointer.stop();
          this.#checkpointer = undefined;
          inCommits();
        },
      });
    } catch {
      // A host without worker threads: the relay still runs, only less well on a slow disk.
      inCommits();
      return;
    }
    this.#db.exec('pragma wal_autocheckpoint = 0');
  }

  #migrate(): void {
    this.#db.exec(
      'create table if not exists schema_migrations (version integer primary key, applied_at integer not null)',
    );
    const row = this.#db.prepare('select max(version) as v from schema_migrations').get() as Row | undefined;
    const current = Number(row?.v ?? 0);
    SQLITE_MIGRATIONS.forEach((sql, index) => {
      const version = index + 1;
      if (version <= current) return;
      this.#db.exec('begin immediate');
      try {
        this.#db.exec(sql);
        this.#db
          .prepare('insert into schema_migrations (version, applied_at) values (?, ?)')
          .run(version, Date.now());
        this.#db.exec('commit');
      } catch (error) {
        this.#db.exec('rollback');
        throw error;
      }
    });
  }

  #statement(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** One connection, one writer at a time: every transaction takes its turn, whatever its lock. */
  transaction<T>(fn: (q: Queries) => Promise<T>, _options?: TransactionOptions): Promise<T> {
    return this.#mutex.run(async () => {
      this.#assertOpen();
      try {
        this.#db.exec('begin immediate');
        const result = await fn(this.#queries);
        this.#db.exec('commit');
        this.#health.wrote();
        return result;
      } catch (error) {
        rollbackIfOpen(this.#db);
        this.#health.failed(sqliteFailure(error));
        throw error;
      }
    });
  }

  read<T>(fn: (q: Queries) => Promise<T>): Promise<T> {
    return this.#mutex.run(async () => {
      this.#assertOpen();
      try {
        return await fn(this.#queries);
      } catch (error) {
        // A page that cannot be read is as much a storage failure as one that cannot be written.
        this.#health.failed(sqliteFailure(error));
        throw error;
      }
    });
  }

  /**
   * Healthy until a write fails for the file's or the disk's sake; then each call tries a write of
   * its own, so that the relay reads healthy again as soon as the disk has room, before any
   * client writes.
   */
  async health(): Promise<StorageHealth> {
    if (this.#health.failure?.endsWith === 'probe') {
      await this.#mutex.run(async () => {
        if (this.#closed) return;
        try {
          probeWrite(this.#db);
          this.#health.probed();
        } catch (error) {
          this.#health.failed(
            sqliteFailure(error) ?? { reason: (error as Error).message, endsWith: 'probe' },
          );
        }
      });
    }
    if (this.#closed) return { ok: false, reason: 'the storage is closed' };
    return this.#health.report();
  }

  /** Every commit is already as durable as `synchronous` makes it: flushLater changes nothing. */
  async durable(): Promise<void> {
    this.#assertOpen();
  }

  async close(): Promise<void> {
    await this.#mutex.run(async () => {
      if (this.#closed) return;
      this.#closed = true;
      await this.#checkpointer?.stop();
      // The last connection to close checkpoints what is left and removes the WAL.
      this.#db.close();
    });
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('storage is closed');
  }
}

import pg from 'pg';
import { GroupCommit, SharedRounds } from './group-commit.ts';
import { PgConnections, finish } from './pg-connections.ts';
import { KeptPacks } from './pg-kept-packs.ts';
import { KeyedMutex } from './pg-keyed-mutex.ts';
import { migrate } from './pg-migrate.ts';
import { PackTransactions, type SharedItem } from './pg-pack-transactions.ts';
import { pgQueries } from './pg-queries.ts';
import type { Queries, Storage, StorageHealth, TransactionOptions } from './types.ts';

export interface PostgresOptions {
  /** Connections per node. Default 10. */
  poolSize?: number;
  /** An idle pooled connection broke (the server restarted, say); the pool replaces it. */
  onError?: (error: Error) => void;
}

/** The most pack transactions that one group commit carries. */
const PER_GROUP = 32;
/** Group commits in flight at once. */
const GROUP_SLOTS = 2;

/**
 * PostgreSQL through `pg`: the storage of a relay that runs as several nodes. Transactions of one
 * pack take turns on every node through a transaction-scoped advisory lock on the pack id.
 */
export class PostgresStorage implements Storage {
  readonly #connections: PgConnections;
  readonly #packs = new KeyedMutex();
  readonly #transactions: PackTransactions;
  readonly #groups: GroupCommit<SharedItem>;
  readonly #flushes = new SharedRounds(() => this.#flushRound());

  private constructor(pool: pg.Pool, poolSize: number) {
    this.#connections = new PgConnections(pool);
    this.#transactions = new PackTransactions(this.#connections, new KeptPacks());
    // Few slots make large groups: on this project's 2-core machines, 100 clients logging as
    // fast as acknowledged got 3,060 logs/s with 2 slots, 2,880 with 4 and 2,370 with 8 (each
    // message to the database costs the relay a socket write that wakes a database process).
    // Two connections always stay free of group commits, for reads and for the transactions of
    // joins, challenges and the scheduler.
    this.#groups = new GroupCommit(
      {
        together: (items) => this.#transactions.together(items),
        alone: (item) => this.#transactions.alone(item),
      },
      { groups: Math.min(GROUP_SLOTS, poolSize - 2), perGroup: PER_GROUP },
    );
  }

  /** Connects and brings the schema (the first one on the URL's search_path) up to date. */
  static async open(url: string, options: PostgresOptions = {}): Promise<PostgresStorage> {
    const poolSize = options.poolSize ?? 10;
    const pool = new pg.Pool({ connectionString: url, max: poolSize });
    // Without a listener, an idle connection's error would be thrown and end the process.
    pool.on('error', (error) => options.onError?.(error));
    try {
      await migrate(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresStorage(pool, poolSize);
  }

  transaction<T>(fn: (q: Queries) => Promise<T>, options?: TransactionOptions): Promise<T> {
    const lock = options?.lock;
    if (lock === undefined) {
      return this.#connections.run(async (sql) => {
        sql.later('begin');
        return finish(sql, fn, pgQueries(sql));
      });
    }
    const item: SharedItem = {
      lock,
      events: options?.events ?? [],
      flushLater: options?.flushLater === true,
      newLogs: options?.newLogs === true,
      fn,
    };
    // Writers of one pack on this node queue here rather than each holding a pooled connection
    // while they wait for the database lock: a busy pack cannot starve the others of connections.
    return this.#packs.run(lock, () =>
      options?.shared
        ? (this.#groups.run(item) as Promise<T>)
        : (this.#transactions.alone(item) as Promise<T>),
    );
  }

  /** One consistent snapshot for all of fn's reads (a session's catch-up reads several tables). */
  read<T>(fn: (q: Queries) => Promise<T>): Promise<T> {
    return this.#connections.run(async (sql) => {
      sql.later('begin transaction isolation level repeatable read, read only');
      return finish(sql, fn, pgQueries(sql));
    }, false);
  }

  health(): Promise<StorageHealth> {
    return this.#connections.health();
  }

  durable(): Promise<void> {
    return this.#flushes.request();
  }

  /**
   * A transaction that takes an id and commits with the default synchronous commit: its commit
   * record waits for the disk, and the WAL before it (every commit that came earlier) with it.
   */
  #flushRound(): Promise<void> {
    return this.#connections.run(async (sql) => {
      sql.later('begin');
      sql.later('select txid_current()');
      await sql.flush('commit');
    });
  }

  /** Logs written in one message, and those that had to run again the usual way (for /metrics). */
  oneMessageStats(): { done: number; retried: number } {
    return this.#transactions.oneMessageStats();
  }

  /** The pool now: connections open, idle, and callers waiting for one (a pool too small). */
  poolStats(): { total: number; idle: number; waiting: number } {
    return this.#connections.poolStats();
  }

  close(): Promise<void> {
    return this.#connections.close();
  }
}

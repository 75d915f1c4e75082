import pg from 'pg';
import { KeyedMutex } from './pg-keyed-mutex.ts';
import { PG_MIGRATIONS } from './pg-migrations.ts';
import { pgQueries } from './pg-queries.ts';
import { withPackSnapshot } from './pg-pack-cache.ts';
import { StatementNames, clientSql, type Sql } from './pg-sql.ts';
import { EventIdTaken, type Queries, type Storage, type TransactionOptions } from './types.ts';

export interface PostgresOptions {
  /** Connections per node. Default 10. */
  poolSize?: number;
  /** An idle pooled connection broke (the server restarted, say); the pool replaces it. */
  onError?: (error: Error) => void;
}

/**
 * PostgreSQL through `pg`: the storage of a relay that runs as several nodes. Transactions of one
 * pack take turns on every node through a transaction-scoped advisory lock on the pack id.
 */
export class PostgresStorage implements Storage {
  readonly #pool: pg.Pool;
  readonly #names = new StatementNames();
  readonly #packs = new KeyedMutex();
  #closed = false;

  private constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  /** Connects and brings the schema (the first one on the URL's search_path) up to date. */
  static async open(url: string, options: PostgresOptions = {}): Promise<PostgresStorage> {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    // Without a listener, an idle connection's error would be thrown and end the process.
    pool.on('error', (error) => options.onError?.(error));
    try {
      await migrate(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresStorage(pool);
  }

  transaction<T>(fn: (q: Queries) => Promise<T>, options?: TransactionOptions): Promise<T> {
    const lock = options?.lock;
    const run = () =>
      this.#onClient(async (sql) => {
        sql.later('begin');
        if (lock === undefined) return this.#finish(sql, fn, pgQueries(sql));
        // Held until commit or rollback, on any node; it goes out with the first reads.
        sql.later('select pg_advisory_xact_lock(hashtextextended($1, 0))', [lock]);
        const queries = await withPackSnapshot(sql, lock, pgQueries(sql), options?.events ?? []);
        return this.#finish(sql, fn, queries);
      }).catch((error: unknown) => {
        throw eventIdTaken(error) ?? error;
      });
    // Writers of one pack on this node queue here rather than each holding a pooled connection
    // while they wait for the database lock: a busy pack cannot starve the others of connections.
    return lock === undefined ? run() : this.#packs.run(lock, run);
  }

  /** One consistent snapshot for all of fn's reads (a session's catch-up reads several tables). */
  read<T>(fn: (q: Queries) => Promise<T>): Promise<T> {
    return this.#onClient(async (sql) => {
      sql.later('begin transaction isolation level repeatable read, read only');
      return this.#finish(sql, fn, pgQueries(sql));
    });
  }

  /** The pool now: connections open, idle, and callers waiting for one (a pool too small). */
  poolStats(): { total: number; idle: number; waiting: number } {
    const pool = this.#pool;
    return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }

  async #onClient<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    if (this.#closed) throw new Error('storage is closed');
    const client = await this.#pool.connect();
    const sql = clientSql(client, this.#names);
    let broken: Error | undefined;
    try {
      return await fn(sql);
    } catch (error) {
      broken = await client.query('rollback').then(
        () => undefined,
        (rollbackError: unknown) => rollbackError as Error,
      );
      throw error;
    } finally {
      sql.end();
      // A connection that could not even roll back is discarded, not handed to the next caller.
      client.release(broken);
    }
  }

  async #finish<T>(sql: Sql, fn: (q: Queries) => Promise<T>, queries: Queries): Promise<T> {
    const result = await fn(queries);
    await sql.flush('commit');
    return result;
  }
}

/** The unique index on events.id refused an insert: appendEvent's id was taken. */
function eventIdTaken(error: unknown): EventIdTaken | undefined {
  const e = error as { code?: unknown; constraint?: unknown; detail?: unknown };
  if (e.code !== '23505' || e.constraint !== 'events_id_key') return undefined;
  const id = /\(id\)=\((.*)\)/.exec(String(e.detail ?? ''))?.[1];
  return new EventIdTaken(id);
}

/**
 * Applies the pending migrations once, however many nodes start at the same moment: the first
 * takes a session advisory lock (per schema) and the others wait, then find nothing to do.
 */
async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  const key = "hashtextextended('wolfpack:migrations:' || current_schema(), 0)";
  try {
    await client.query(`select pg_advisory_lock(${key})`);
    await client.query(
      'create table if not exists schema_migrations (version integer primary key, applied_at bigint not null)',
    );
    const { rows } = await client.query<{ v: number | null }>(
      'select max(version) as v from schema_migrations',
    );
    const current = Number(rows[0]?.v ?? 0);
    for (const [index, sql] of PG_MIGRATIONS.entries()) {
      const version = index + 1;
      if (version <= current) continue;
      await client.query('begin');
      try {
        await client.query(sql);
        await client.query('insert into schema_migrations (version, applied_at) values ($1, $2)', [
          version,
          Date.now(),
        ]);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      }
    }
  } finally {
    await client.query(`select pg_advisory_unlock(${key})`).catch(() => undefined);
    client.release();
  }
}

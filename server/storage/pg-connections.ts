import type pg from 'pg';
import { PgHealth } from './pg-health.ts';
import { StatementNames, clientSql, send, type Sql } from './pg-sql.ts';
import type { Queries, StorageHealth } from './types.ts';

/**
 * The pool behind PostgresStorage: a connection per transaction, its statements prepared once
 * per node, and every outcome reported to the storage's health.
 */
export class PgConnections {
  readonly #pool: pg.Pool;
  readonly #names = new StatementNames();
  readonly #health: PgHealth;
  #closed = false;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
    this.#health = new PgHealth(pool);
  }

  /** fn on a pooled connection of its own; its outcome goes to the health (a read's is no write). */
  run<T>(fn: (sql: Sql) => Promise<T>, writes = true): Promise<T> {
    return this.#health.track(this.#session(fn), writes);
  }

  async health(): Promise<StorageHealth> {
    if (this.#closed) return { ok: false, reason: 'the storage is closed' };
    return this.#health.check();
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

  async #session<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    if (this.#closed) throw new Error('storage is closed');
    const client = await this.#pool.connect();
    // The pool listens for a lost connection only while it is idle. Lost while checked out,
    // between two statements, the client would emit an error nobody hears and stop the process;
    // heard here, the next statement fails instead and the connection is not reused.
    let lost: Error | undefined;
    const onLost = (error: Error) => {
      lost = error;
    };
    client.on('error', onLost);
    const sql = clientSql(client, this.#names);
    let broken: Error | undefined;
    try {
      return await fn(sql);
    } catch (error) {
      broken = await send(client, 'rollback').then(
        () => undefined,
        (rollbackError: unknown) => rollbackError as Error,
      );
      throw error;
    } finally {
      sql.end();
      client.off('error', onLost);
      // A connection that was lost or could not even roll back is discarded, not handed on.
      client.release(broken ?? lost);
    }
  }
}

/** Runs fn's queries, then commits what they wrote. */
export async function finish<T>(sql: Sql, fn: (q: Queries) => Promise<T>, queries: Queries): Promise<T> {
  const result = await fn(queries);
  await commit(sql);
  return result;
}

export async function commit(sql: Sql): Promise<void> {
  await sql.flush('commit');
  // The database answers a commit of an aborted transaction with a rollback, not an error.
  if (sql.failed) throw new Error('a statement failed, so the transaction was rolled back');
}

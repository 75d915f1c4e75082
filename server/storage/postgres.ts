import pg from 'pg';
import { KeyedMutex } from './pg-keyed-mutex.ts';
import { PG_MIGRATIONS } from './pg-migrations.ts';
import { pgQueries } from './pg-queries.ts';
import { keptView, withPackSnapshots, type KeptPack } from './pg-pack-cache.ts';
import { GroupCommit, SharedRounds, type GroupOutcome } from './group-commit.ts';
import { StatementNames, clientSql, send, type Sql } from './pg-sql.ts';
import { EventIdTaken, type Queries, type Storage, type TransactionOptions } from './types.ts';

export interface PostgresOptions {
  /** Connections per node. Default 10. */
  poolSize?: number;
  /** An idle pooled connection broke (the server restarted, say); the pool replaces it. */
  onError?: (error: Error) => void;
}

/** A pack's transaction that may share its database transaction with other packs'. */
interface SharedItem {
  lock: string;
  events: readonly string[];
  flushLater: boolean;
  newLogs: boolean;
  fn: (q: Queries) => Promise<unknown>;
}

const PACK_LOCK = 'select pg_advisory_xact_lock(hashtextextended($1, 0))';
const TRY_PACK_LOCK = 'select pg_try_advisory_xact_lock(hashtextextended($1, 0)) as locked';
/** This transaction's commit returns before its WAL reaches the disk (durable() waits for that). */
const FLUSH_LATER = 'set local synchronous_commit = off';
/** The most pack transactions that one group commit carries. */
const PER_GROUP = 32;
/** Group commits in flight at once. */
const GROUP_SLOTS = 2;
/** Packs whose configuration a node keeps for one-message logs (the most recently used). */
const KEPT_PACKS = 10_000;
/** wp_begin_kept_log's refusal: the pack changed since this node kept it. */
const STALE_PACK = 'WP001';
/** wp_try_kept_log's refusal: another connection holds the pack's lock. */
const PACK_BUSY = 'WP002';
const UNIQUE_VIOLATION = '23505';

/**
 * PostgreSQL through `pg`: the storage of a relay that runs as several nodes. Transactions of one
 * pack take turns on every node through a transaction-scoped advisory lock on the pack id.
 */
export class PostgresStorage implements Storage {
  readonly #pool: pg.Pool;
  readonly #names = new StatementNames();
  readonly #packs = new KeyedMutex();
  readonly #groups: GroupCommit<SharedItem>;
  readonly #flushes = new SharedRounds(() => this.#flushRound());
  readonly #kept = new Map<string, KeptPack>();
  readonly #oneMessage = { done: 0, retried: 0 };
  #closed = false;

  private constructor(pool: pg.Pool, poolSize: number) {
    this.#pool = pool;
    // Few slots make large groups: on this project's 2-core machines, 100 clients logging as
    // fast as acknowledged got 3,060 logs/s with 2 slots, 2,880 with 4 and 2,370 with 8 (each
    // message to the database costs the relay a socket write that wakes a database process).
    // Two connections always stay free of group commits, for reads and for the transactions of
    // joins, challenges and the scheduler.
    this.#groups = new GroupCommit(
      { together: (items) => this.#together(items), alone: (item) => this.#alone(item) },
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
      return this.#onClient(async (sql) => {
        sql.later('begin');
        return this.#finish(sql, fn, pgQueries(sql));
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
      options?.shared ? (this.#groups.run(item) as Promise<T>) : (this.#alone(item) as Promise<T>),
    );
  }

  /** One pack's transaction on a connection of its own. */
  #alone(item: SharedItem): Promise<unknown> {
    const kept = this.#keptFor(item);
    if (kept) return this.#inOneMessage(item, kept);
    return this.#onClient(async (sql) => {
      sql.later('begin');
      // Held until commit or rollback, on any node; it goes out with the first reads.
      sql.later(PACK_LOCK, [item.lock]);
      if (item.flushLater) sql.later(FLUSH_LATER);
      const [view] = await withPackSnapshots(
        sql,
        [{ packId: item.lock, eventIds: item.events }],
        pgQueries(sql),
      );
      // Only a log is sure to leave the pack as it read it; anything else may change it.
      this.#keep(item.lock, item.newLogs ? (view?.kept ?? null) : null);
      return this.#finish(sql, item.fn, (view as { queries: Queries }).queries);
    }).catch((error: unknown) => {
      throw eventIdTaken(error) ?? error;
    });
  }

  /**
   * A log in one message, lock to commit: the pack as this node kept it, checked against the
   * pack's config_version right after the lock, its events taken to be new, its tallies moved
   * by increments. Should the pack have changed, or an event id be taken, the database refuses
   * the message, nothing is written, and the log runs again the usual way.
   */
  #inOneMessage(item: SharedItem, kept: KeptPack): Promise<unknown> {
    return this.#onClient(async (sql) => {
      sql.later('begin');
      // PACK_LOCK, FLUSH_LATER and the check, in one statement (pg-migrations.ts).
      sql.later('select wp_begin_kept_log($1, $2::bigint, $3::boolean)', [
        item.lock,
        kept.version,
        item.flushLater,
      ]);
      const result = await this.#finish(
        sql,
        item.fn,
        keptView(item.lock, kept, item.events, pgQueries(sql), sql),
      );
      this.#oneMessage.done += 1;
      // Still as kept (a log changes none of it): now the most recently used.
      this.#keep(item.lock, kept);
      return result;
    }).catch((error: unknown) => {
      const code = (error as { code?: unknown }).code;
      if (code !== STALE_PACK && code !== UNIQUE_VIOLATION) throw error;
      this.#oneMessage.retried += 1;
      this.#kept.delete(item.lock);
      return this.#alone({ ...item, newLogs: false });
    });
  }

  /** The kept pack a log of new events can be written from in one message, if any. */
  #keptFor(item: SharedItem): KeptPack | undefined {
    const kept = item.newLogs ? this.#kept.get(item.lock) : undefined;
    // A race can end on a log, and its end needs the tallies before the commit.
    return kept && !kept.open.some((c) => c.format === 'race') ? kept : undefined;
  }

  /** Keeps (or forgets) a pack as the latest transaction used it; the least recent go first. */
  #keep(packId: string, kept: KeptPack | null): void {
    this.#kept.delete(packId);
    if (!kept) return;
    this.#kept.set(packId, kept);
    if (this.#kept.size > KEPT_PACKS) this.#kept.delete(this.#kept.keys().next().value as string);
  }

  /** Logs written in one message, and those that had to run again the usual way (for /metrics). */
  oneMessageStats(): { done: number; retried: number } {
    return { ...this.#oneMessage };
  }

  /**
   * Several packs' transactions in one. Logs of new events on packs this node keeps go in one
   * message. Should the database refuse it, because a pack changed, is busy on another
   * connection, or already holds one of the event ids (a client resending what was stored before
   * its ack was lost, as after a node went down), nothing is written and the group runs again
   * the reading way, which sees to all three.
   */
  #together(items: SharedItem[]): Promise<GroupOutcome[]> {
    const kept = items.map((item) => this.#keptFor(item));
    if (!kept.every((k) => k !== undefined)) return this.#togetherReading(items);
    return this.#togetherInOneMessage(items, kept).catch((error: unknown) => {
      const code = (error as { code?: unknown }).code;
      if (code !== STALE_PACK && code !== PACK_BUSY && code !== UNIQUE_VIOLATION) throw error;
      this.#oneMessage.retried += items.length;
      return this.#togetherReading(items);
    });
  }

  /**
   * A group of one-message logs: for each pack, in a savepoint, wp_try_kept_log (the pack's lock
   * tried, its kept version checked) and its writes; then the commit. All of it in one message.
   */
  #togetherInOneMessage(items: SharedItem[], kept: KeptPack[]): Promise<GroupOutcome[]> {
    return this.#onClient(async (sql) => {
      sql.later('begin');
      const flushLater = items.every((i) => i.flushLater);
      const outcomes: GroupOutcome[] = [];
      for (const [i, item] of items.entries()) {
        const copy = kept[i] as KeptPack;
        const run = () => {
          sql.later('select wp_try_kept_log($1, $2::bigint, $3::boolean)', [
            item.lock,
            copy.version,
            flushLater,
          ]);
          return item.fn(keptView(item.lock, copy, item.events, pgQueries(sql), sql));
        };
        outcomes.push(await inSavepoint(sql, `pack${i}`, run));
      }
      await this.#commit(sql);
      this.#oneMessage.done += outcomes.filter((o) => o.status === 'fulfilled').length;
      for (const [i, item] of items.entries()) this.#keep(item.lock, kept[i] as KeptPack);
      return outcomes;
    });
  }

  /**
   * Several packs' transactions in one: their locks and snapshots in the first round trip, each
   * in a savepoint (one that throws is rolled back to it, and the others stand), one commit.
   * A statement the database refused aborts the whole of it, so then this throws.
   *
   * The locks are only tried: a pack whose lock another node holds leaves the group and waits
   * alone, rather than hold up every other pack of the group while it waits.
   */
  #togetherReading(items: SharedItem[]): Promise<GroupOutcome[]> {
    return this.#onClient(async (sql) => {
      sql.later('begin');
      if (items.every((i) => i.flushLater)) sql.later(FLUSH_LATER);
      const views = await withPackSnapshots(
        sql,
        items.map((i) => ({ packId: i.lock, eventIds: i.events })),
        pgQueries(sql),
        TRY_PACK_LOCK,
      );
      const outcomes: GroupOutcome[] = [];
      for (const [i, item] of items.entries()) {
        const view = views[i];
        if (!view?.locked) {
          outcomes.push({ status: 'busy' });
          continue;
        }
        this.#keep(item.lock, item.newLogs ? view.kept : null);
        outcomes.push(await inSavepoint(sql, `pack${i}`, () => item.fn(view.queries)));
      }
      await this.#commit(sql);
      return outcomes;
    });
  }

  /** One consistent snapshot for all of fn's reads (a session's catch-up reads several tables). */
  read<T>(fn: (q: Queries) => Promise<T>): Promise<T> {
    return this.#onClient(async (sql) => {
      sql.later('begin transaction isolation level repeatable read, read only');
      return this.#finish(sql, fn, pgQueries(sql));
    });
  }

  durable(): Promise<void> {
    return this.#flushes.request();
  }

  /**
   * A transaction that takes an id and commits with the default synchronous commit: its commit
   * record waits for the disk, and the WAL before it (every commit that came earlier) with it.
   */
  #flushRound(): Promise<void> {
    return this.#onClient(async (sql) => {
      sql.later('begin');
      sql.later('select txid_current()');
      await sql.flush('commit');
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
      broken = await send(client, 'rollback').then(
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
    await this.#commit(sql);
    return result;
  }

  async #commit(sql: Sql): Promise<void> {
    await sql.flush('commit');
    // The database answers a commit of an aborted transaction with a rollback, not an error.
    if (sql.failed) throw new Error('a statement failed, so the transaction was rolled back');
  }
}

/**
 * One pack's work inside a group's transaction, in a savepoint of its own: should it throw, only
 * its writes are rolled back. A statement the database refused has aborted the whole
 * transaction, so that error is thrown on.
 */
async function inSavepoint(sql: Sql, name: string, run: () => Promise<unknown>): Promise<GroupOutcome> {
  sql.later(`savepoint ${name}`);
  try {
    return { status: 'fulfilled', value: await run() };
  } catch (reason) {
    if (sql.failed) throw reason;
    sql.later(`rollback to savepoint ${name}`);
    return { status: 'rejected', reason };
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

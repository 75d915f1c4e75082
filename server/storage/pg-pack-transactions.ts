import type { GroupOutcome } from './group-commit.ts';
import { commit, finish, type PgConnections } from './pg-connections.ts';
import type { KeptPacks } from './pg-kept-packs.ts';
import { keptView, withPackSnapshots, type KeptPack } from './pg-pack-cache.ts';
import { pgQueries } from './pg-queries.ts';
import type { Sql } from './pg-sql.ts';
import { EventIdTaken, type Queries } from './types.ts';

/** A pack's transaction that may share its database transaction with other packs'. */
export interface SharedItem {
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
/** wp_begin_kept_log's refusal: the pack changed since this node kept it. */
const STALE_PACK = 'WP001';
/** wp_try_kept_log's refusal: another connection holds the pack's lock. */
const PACK_BUSY = 'WP002';
const UNIQUE_VIOLATION = '23505';

/**
 * How PostgresStorage runs a pack's transaction, alone or in a group with other packs': the
 * reading way (the pack's snapshot fetched with the lock), or, for a log of new events on a pack
 * this node keeps, in one message.
 */
export class PackTransactions {
  readonly #connections: PgConnections;
  readonly #kept: KeptPacks;
  readonly #oneMessage = { done: 0, retried: 0 };

  constructor(connections: PgConnections, kept: KeptPacks) {
    this.#connections = connections;
    this.#kept = kept;
  }

  /** Logs written in one message, and those that had to run again the usual way (for /metrics). */
  oneMessageStats(): { done: number; retried: number } {
    return { ...this.#oneMessage };
  }

  /** One pack's transaction on a connection of its own. */
  alone(item: SharedItem): Promise<unknown> {
    const kept = this.#kept.usableBy(item);
    if (kept) return this.#inOneMessage(item, kept);
    return this.#connections
      .run(async (sql) => {
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
        this.#kept.keep(item.lock, item.newLogs ? (view?.kept ?? null) : null);
        return finish(sql, item.fn, (view as { queries: Queries }).queries);
      })
      .catch((error: unknown) => {
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
    return this.#connections
      .run(async (sql) => {
        sql.later('begin');
        // PACK_LOCK, FLUSH_LATER and the check, in one statement (pg-migrations.ts).
        sql.later('select wp_begin_kept_log($1, $2::bigint, $3::boolean)', [
          item.lock,
          kept.version,
          item.flushLater,
        ]);
        const result = await finish(
          sql,
          item.fn,
          keptView(item.lock, kept, item.events, pgQueries(sql), sql),
        );
        this.#oneMessage.done += 1;
        // Still as kept (a log changes none of it): now the most recently used.
        this.#kept.keep(item.lock, kept);
        return result;
      })
      .catch((error: unknown) => {
        const code = (error as { code?: unknown }).code;
        if (code !== STALE_PACK && code !== UNIQUE_VIOLATION) throw error;
        this.#oneMessage.retried += 1;
        this.#kept.forget(item.lock);
        return this.alone({ ...item, newLogs: false });
      });
  }

  /**
   * Several packs' transactions in one. Logs of new events on packs this node keeps go in one
   * message. Should the database refuse it, because a pack changed, is busy on another
   * connection, or already holds one of the event ids (a client resending what was stored before
   * its ack was lost, as after a node went down), nothing is written and the group runs again
   * the reading way, which sees to all three.
   */
  together(items: SharedItem[]): Promise<GroupOutcome[]> {
    const kept = items.map((item) => this.#kept.usableBy(item));
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
    return this.#connections.run(async (sql) => {
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
      await commit(sql);
      this.#oneMessage.done += outcomes.filter((o) => o.status === 'fulfilled').length;
      for (const [i, item] of items.entries()) this.#kept.keep(item.lock, kept[i] as KeptPack);
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
    return this.#connections.run(async (sql) => {
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
        this.#kept.keep(item.lock, item.newLogs ? view.kept : null);
        outcomes.push(await inSavepoint(sql, `pack${i}`, () => item.fn(view.queries)));
      }
      await commit(sql);
      return outcomes;
    });
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

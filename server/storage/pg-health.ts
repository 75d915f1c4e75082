import type pg from 'pg';
import type { StorageHealth } from './types.ts';
import { WriteHealth, type WriteFailure } from './write-health.ts';

/** How long /healthz waits for PostgreSQL before it calls it unreachable. */
export const PROBE_TIMEOUT_MS = 2_000;

/** pg's own messages for a connection that broke or could not be made (they carry no SQLSTATE). */
const CONNECTION_LOST =
  /connection terminated|connection error|not queryable|timeout exceeded when trying to connect/i;

/**
 * The database's part in a failed query; null for a refused or conflicting one (a constraint, a
 * lock, an event id taken). SQLSTATE classes: https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
export function pgFailure(error: unknown): WriteFailure | null {
  const code = (error as { code?: unknown } | null)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  // Node's errno codes (ECONNREFUSED, ECONNRESET, ETIMEDOUT, ENOTFOUND...) and pg's broken connection.
  if ((typeof code === 'string' && /^E[A-Z]+$/.test(code)) || CONNECTION_LOST.test(detail))
    return { reason: `PostgreSQL cannot be reached (${detail})`, endsWith: 'probe' };
  if (typeof code !== 'string') return null;
  if (code === '53100') return { reason: `PostgreSQL's disk is full (53100: ${detail})`, endsWith: 'write' };
  if (code.startsWith('58') || code === 'XX001' || code === 'XX002')
    return { reason: `PostgreSQL cannot read or write its files (${code}: ${detail})`, endsWith: 'write' };
  if (code.startsWith('08') || code.startsWith('57P') || code.startsWith('53') || code === '25006')
    return { reason: `PostgreSQL cannot take writes now (${code}: ${detail})`, endsWith: 'probe' };
  return null;
}

/**
 * A query that needs a connection and a transaction id: it fails on a server that is down, out
 * of connections, or a read-only standby. One at a time: a balancer polling an unreachable
 * database must not queue a connection attempt per poll.
 */
export function pgProber(pool: pg.Pool, timeoutMs = PROBE_TIMEOUT_MS): () => Promise<WriteFailure | null> {
  let inFlight: Promise<WriteFailure | null> | null = null;
  return async () => {
    inFlight ??= pool
      .query('select txid_current()')
      .then(
        () => null,
        (error: unknown) =>
          pgFailure(error) ?? {
            reason: `PostgreSQL refused the health query (${(error as Error).message})`,
            endsWith: 'probe' as const,
          },
      )
      .finally(() => {
        inFlight = null;
      });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<WriteFailure>((resolve) => {
      timer = setTimeout(
        () => resolve({ reason: `PostgreSQL did not answer within ${timeoutMs} ms`, endsWith: 'probe' }),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([inFlight, late]);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** PostgresStorage's health: what its sessions report, and a probe on every check. */
export class PgHealth {
  readonly #writes = new WriteHealth();
  readonly #probe: () => Promise<WriteFailure | null>;

  constructor(pool: pg.Pool) {
    this.#probe = pgProber(pool);
  }

  /** Passes a session's outcome on, noting a write that committed or a failure that is the database's. */
  track<T>(session: Promise<T>, writes: boolean): Promise<T> {
    return session.then(
      (result) => {
        if (writes) this.#writes.wrote();
        return result;
      },
      (error: unknown) => {
        this.#writes.failed(pgFailure(error));
        throw error;
      },
    );
  }

  /** The database may have gone while nobody wrote: a probe each time, then the write path's word. */
  async check(): Promise<StorageHealth> {
    const failure = await this.#probe();
    if (failure) this.#writes.failed(failure);
    else this.#writes.probed();
    return this.#writes.report();
  }
}

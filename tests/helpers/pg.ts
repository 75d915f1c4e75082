import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL that these machines run; WOLFPACK_TEST_DATABASE_URL points elsewhere. */
export const PG_URL = process.env.WOLFPACK_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const SCHEMA_PREFIX = 'wp_test_';
/** A schema older than this was left by a run that was killed before it could drop it. */
const STALE_AFTER_S = 3600;

async function withClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Null when PostgreSQL answers, else the reason it did not (for a skipped suite's title). */
export async function pgUnavailable(): Promise<string | null> {
  try {
    await withClient((c) => c.query('select 1'));
    return null;
  } catch (error) {
    return (error as Error).message || String(error);
  }
}

export interface TestSchema {
  name: string;
  /** PG_URL with this schema first on the search path: relays and storages open this. */
  url: string;
  query<R extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<R[]>;
  drop(): Promise<void>;
}

/**
 * A fresh, empty schema for one test or one relay cluster. Its name carries its creation time,
 * so that schemas left behind by a killed run are dropped by a later one.
 */
export async function createSchema(): Promise<TestSchema> {
  const now = Math.floor(Date.now() / 1000);
  const name = `${SCHEMA_PREFIX}${now}_${randomBytes(4).toString('hex')}`;
  await withClient(async (c) => {
    const { rows } = await c.query<{ nspname: string }>(
      'select nspname from pg_namespace where nspname like $1',
      [`${SCHEMA_PREFIX}%`],
    );
    for (const { nspname } of rows) {
      const created = Number(nspname.slice(SCHEMA_PREFIX.length).split('_')[0]);
      if (created < now - STALE_AFTER_S) await c.query(`drop schema if exists ${nspname} cascade`);
    }
    await c.query(`create schema ${name}`);
  });
  const url = new URL(PG_URL);
  url.searchParams.set('options', `-c search_path=${name}`);
  return {
    name,
    url: url.toString(),
    query: async <R extends pg.QueryResultRow>(sql: string, values: unknown[] = []) =>
      withClient(async (c) => {
        await c.query(`set search_path = ${name}`);
        return (await c.query<R>(sql, values)).rows;
      }),
    drop: () => withClient(async (c) => void (await c.query(`drop schema if exists ${name} cascade`))),
  };
}

/**
 * A PostgreSQL connection lost while a transaction holds it, between two statements (a restart,
 * a failover, an administrator's pg_terminate_backend): the transaction fails with the driver's
 * error, the relay process keeps running, and the next transaction gets a fresh connection.
 */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PgConnections } from '../server/storage/pg-connections.ts';
import { PG_URL, createSchema, pgUnavailable, type TestSchema } from './helpers/pg.ts';

const missing = await pgUnavailable();
let schema: TestSchema;
let pool: pg.Pool;
let connections: PgConnections;

async function terminate(pid: number): Promise<void> {
  const rows = await schema.query<{ done: boolean }>('select pg_terminate_backend($1) as done', [pid]);
  expect(rows[0]?.done).toBe(true);
}

(missing ? describe.skip : describe)(
  missing ? `lost connections (skipped: no PostgreSQL at ${PG_URL}: ${missing})` : 'lost connections',
  () => {
    beforeEach(async () => {
      schema = await createSchema();
      pool = new pg.Pool({ connectionString: schema.url, max: 2 });
      connections = new PgConnections(pool);
    });

    afterEach(async () => {
      await connections.close();
      await schema.drop();
    });

    it('fails the transaction that held a connection lost between statements, and goes on', async () => {
      let firstPid = 0;
      const failed = connections.run(async (sql) => {
        firstPid = Number((await sql.first('select pg_backend_pid() as pid'))?.pid);
        await terminate(firstPid);
        // The server closes the socket while no statement is in flight on it.
        await new Promise((resolve) => setTimeout(resolve, 300));
        return sql.first('select 1 as one');
      });
      await expect(failed).rejects.toThrow(/terminat|connection/i);

      const next = await connections.run(
        async (sql) => (await sql.first('select pg_backend_pid() as pid'))?.pid,
      );
      expect(Number(next)).toBeGreaterThan(0);
      expect(Number(next)).not.toBe(firstPid);
    });
  },
);

import type pg from 'pg';
import { PG_MIGRATIONS } from './pg-migrations.ts';

/**
 * Applies the pending migrations once, however many nodes start at the same moment: the first
 * takes a session advisory lock (per schema) and the others wait, then find nothing to do.
 */
export async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  // Lost between two statements, a checked-out client's error would go unheard (see PgConnections).
  let lost: Error | undefined;
  const onLost = (error: Error) => {
    lost = error;
  };
  client.on('error', onLost);
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
    client.off('error', onLost);
    client.release(lost);
  }
}

import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { RelayOptions } from '../relay-options.ts';
import { SqliteStorage } from './sqlite.ts';
import type { Storage } from './types.ts';

/** The relay's storage from its options: SQLite by default, PostgreSQL with a database URL. */
export async function openStorage(options: RelayOptions, log: Logger, registry: Registry): Promise<Storage> {
  if (!options.databaseUrl) {
    return SqliteStorage.open(options.dbPath ?? ':memory:', { synchronous: options.sqliteSynchronous });
  }
  const { PostgresStorage } = await import('./postgres.ts');
  const storage = await PostgresStorage.open(options.databaseUrl, {
    onError: (error) => log.warn({ err: error }, 'a pooled PostgreSQL connection failed; it is replaced'),
  });
  new Gauge({
    name: 'wolfpack_pg_pool_waiting',
    help: 'Transactions waiting for a PostgreSQL connection of this node',
    registers: [registry],
    collect() {
      this.set(storage.poolStats().waiting);
    },
  });
  for (const [name, help, key] of [
    [
      'wolfpack_pg_one_message_logs_total',
      'Logs written in one message from the pack as this node kept it',
      'done',
    ],
    [
      'wolfpack_pg_one_message_retries_total',
      'One-message logs the database refused (the pack had changed, or an event id was taken) and that ran again the usual way',
      'retried',
    ],
  ] as const) {
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(storage.oneMessageStats()[key]);
      },
    });
  }
  return storage;
}

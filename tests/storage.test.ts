import { mkdtempSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storageContract } from '../server/storage/storage-contract.ts';
import type { ContractBackend } from '../server/storage/storage-contract-fixtures.ts';
import { PostgresStorage } from '../server/storage/postgres.ts';
import { SqliteStorage } from '../server/storage/sqlite.ts';
import type { Storage } from '../server/storage/types.ts';
import { PG_URL, createSchema, pgUnavailable } from './helpers/pg.ts';

const sqlite: ContractBackend = {
  name: 'SQLite',
  packsInParallel: false,
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'wolfpack-contract-'));
    const file = join(dir, 'relay.sqlite');
    const primary = SqliteStorage.open(file);
    const opened: Storage[] = [primary];
    return {
      open: async () => primary,
      reopen: async () => {
        const storage = SqliteStorage.open(file);
        opened.push(storage);
        return storage;
      },
      migrations: async () => {
        const db = new DatabaseSync(file);
        try {
          return db
            .prepare('select version from schema_migrations order by version')
            .all()
            .map((r) => Number(r.version));
        } finally {
          db.close();
        }
      },
      cleanup: async () => {
        for (const storage of opened) await storage.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgres: ContractBackend = {
  name: 'PostgreSQL',
  packsInParallel: true,
  async create() {
    const schema = await createSchema();
    const opened: Storage[] = [];
    const open = async (): Promise<Storage> => {
      const storage = await PostgresStorage.open(schema.url, { poolSize: 4 });
      opened.push(storage);
      return storage;
    };
    return {
      open,
      reopen: open,
      migrations: async () =>
        (
          await schema.query<{ version: number }>('select version from schema_migrations order by version')
        ).map((r) => r.version),
      cleanup: async () => {
        await Promise.all(opened.map((s) => s.close()));
        await schema.drop();
      },
    };
  },
};

storageContract(sqlite);
const missing = await pgUnavailable();
storageContract(
  postgres,
  missing ? `PostgreSQL (skipped: no PostgreSQL at ${PG_URL}: ${missing})` : 'PostgreSQL',
  missing !== null,
);

import type { PoolClient } from 'pg';
import type { Row } from './rows.ts';

/** What the PostgreSQL queries need from a connection: rows, or how many rows changed. */
export interface Sql {
  rows(text: string, values?: unknown[]): Promise<Row[]>;
  first(text: string, values?: unknown[]): Promise<Row | undefined>;
  changed(text: string, values?: unknown[]): Promise<number>;
}

/**
 * Names every distinct statement text once, so that each pooled connection parses and plans it
 * the first time only and binds it after that (the hot path runs about ten statements per log).
 */
export class StatementNames {
  readonly #names = new Map<string, string>();

  of(text: string): string {
    let name = this.#names.get(text);
    if (!name) {
      name = `wp${this.#names.size + 1}`;
      this.#names.set(text, name);
    }
    return name;
  }
}

export function clientSql(client: PoolClient, names: StatementNames): Sql {
  const query = (text: string, values: unknown[] = []) =>
    client.query<Row>({ name: names.of(text), text, values });
  return {
    rows: async (text, values) => (await query(text, values)).rows,
    first: async (text, values) => (await query(text, values)).rows[0],
    changed: async (text, values) => (await query(text, values)).rowCount ?? 0,
  };
}

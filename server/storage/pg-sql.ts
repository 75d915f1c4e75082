import type { PoolClient } from 'pg';
import type { Row } from './rows.ts';

/** What the PostgreSQL queries need from a connection: rows, or how many rows changed. */
export interface Sql {
  rows(text: string, values?: unknown[]): Promise<Row[]>;
  first(text: string, values?: unknown[]): Promise<Row | undefined>;
  changed(text: string, values?: unknown[]): Promise<number>;
  /**
   * A write whose outcome nobody reads. It is sent with the next statement or the commit, in
   * one round trip: logging an event writes three of these, and a round trip to the database
   * costs more than the statement itself. A failure surfaces there and rolls the whole
   * transaction back, as an immediate one would.
   */
  later(text: string, values: unknown[]): void;
  /** Sends the writes held by `later`, followed by `final` (a commit, say), in one message. */
  flush(final?: string): Promise<void>;
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
  const held: string[] = [];
  const flush = async (final?: string): Promise<void> => {
    const statements = held.splice(0);
    if (final !== undefined) statements.push(final);
    if (statements.length > 0) await client.query(statements.join(';\n'));
  };
  const query = async (text: string, values: unknown[] = []) => {
    await flush();
    return client.query<Row>({ name: names.of(text), text, values });
  };
  return {
    rows: async (text, values) => (await query(text, values)).rows,
    first: async (text, values) => (await query(text, values)).rows[0],
    changed: async (text, values) => (await query(text, values)).rowCount ?? 0,
    later: (text, values) => void held.push(inline(client, text, values)),
    flush,
  };
}

/**
 * The statement with its parameters written in as literals, for the simple-query protocol that
 * carries several statements in one message. Strings go through the driver's own escaping.
 */
export function inline(client: Pick<PoolClient, 'escapeLiteral'>, text: string, values: unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = values[Number(n) - 1];
    if (value === null || value === undefined) return 'null';
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new Error(`cannot write ${value} to the database`);
      return `(${String(value)})`;
    }
    if (typeof value === 'string') return client.escapeLiteral(value);
    throw new Error(`cannot write a ${typeof value} as a literal`);
  });
}

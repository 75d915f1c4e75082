import type { PoolClient, QueryConfig, QueryResult } from 'pg';
import type { Row } from './rows.ts';

/** What the PostgreSQL queries need from a connection: rows, or how many rows changed. */
export interface Sql {
  rows(text: string, values?: unknown[]): Promise<Row[]>;
  first(text: string, values?: unknown[]): Promise<Row | undefined>;
  changed(text: string, values?: unknown[]): Promise<number>;
  /** Several reads in one round trip; their rows in order. */
  batch(statements: [text: string, values: unknown[]][]): Promise<Row[][]>;
  /**
   * A statement held back: it goes with the next statement that needs an answer, or with the
   * commit, in the same round trip (a round trip to the database costs more than such a
   * statement, and logging an event has several). A failure surfaces there and rolls the whole
   * transaction back, as an immediate one would.
   *
   * What it returns, `read`'s view of its result, is known once it has been sent. Awaiting it
   * sends what is held at once; a caller that can wait for the commit reads it afterwards and
   * saves the round trip.
   */
  later<T = void>(text: string, values?: unknown[], read?: (result: QueryResult<Row>) => T): Later<T>;
  /** Sends the held statements, followed by `final` (a commit, say), in one message. */
  flush(final?: string): Promise<void>;
  /** The transaction is over: a statement still held is never sent, and its Later fails. */
  end(): void;
  /**
   * A statement failed: the database has aborted the transaction, whoever caught the error,
   * and a commit now would only roll it back.
   */
  readonly failed: boolean;
}

/**
 * The result of a held statement. A thenable rather than a promise so that asking for it (an
 * `await`) is what sends it; one that nobody asks for rides with the commit.
 */
export type Later<T> = PromiseLike<T>;

interface Settle {
  resolve(result: QueryResult<Row>): void;
  reject(error: unknown): void;
}

/**
 * Names every distinct statement text once, so that each pooled connection parses and plans it
 * the first time only and binds it after that (the hot path runs about ten statements per log).
 */
export class StatementNames {
  readonly #names = new Map<string, string>();
  /** The statements each connection has prepared with SQL's PREPARE (for several in a message). */
  readonly #prepared = new WeakMap<PoolClient, Set<string>>();

  of(text: string): string {
    let name = this.#names.get(text);
    if (!name) {
      name = `wp${this.#names.size + 1}`;
      this.#names.set(text, name);
    }
    return name;
  }

  /** What this connection has prepared; asked of the server on first use or after a failure. */
  async preparedOn(client: PoolClient): Promise<Set<string>> {
    let known = this.#prepared.get(client);
    if (!known) {
      const { rows } = await send<{ name: string }>(
        client,
        "select name from pg_prepared_statements where name like 'wps%'",
      );
      known = new Set(rows.map((r) => r.name));
      this.#prepared.set(client, known);
    }
    return known;
  }

  /** After a failed message it is unknown which of its PREPAREs ran (they outlive a rollback). */
  forget(client: PoolClient): void {
    this.#prepared.delete(client);
  }
}

/**
 * `client.query` through its callback form, wrapped in a promise here. Called without a
 * callback, the driver makes the promise itself, and on Node 24 that keeps every query's objects
 * (its result rows, its row descriptions) alive across young-generation collections: on this
 * project's machines 3.6 MB/s of them were promoted to the old generation at 950 queries/s, and
 * the relay's young collections took 4-8 ms instead of under 1. This form promotes almost none.
 */
export function send<R extends Row = Row>(
  client: Pick<PoolClient, 'query'>,
  query: string | QueryConfig,
): Promise<QueryResult<R>> {
  return new Promise((resolve, reject) => {
    client.query<R>(query, (error: Error | undefined, result: QueryResult<R>) =>
      error ? reject(error) : resolve(result),
    );
  });
}

interface Statement {
  text: string;
  /** None: sent as it is (begin, commit); else prepared once per connection and executed. */
  values: unknown[];
  /** A held statement's Later, told its result when the message that carried it returns. */
  settle?: Settle;
}

export function clientSql(client: PoolClient, names: StatementNames): Sql {
  const held: Statement[] = [];
  let ended = false;
  let failed = false;
  /**
   * Several statements in one message (the simple-query protocol), each run from a plan the
   * connection prepared with PREPARE the first time: one round trip, and no planning after that.
   */
  const message = async (statements: Statement[]): Promise<QueryResult<Row>[]> => {
    const known = await names.preparedOn(client);
    const parts: string[] = [];
    const adding = new Set<string>();
    const answers: number[] = [];
    for (const { text, values } of statements) {
      if (values.length === 0) {
        answers.push(parts.push(text) - 1);
        continue;
      }
      const name = `wps${names.of(text).slice(2)}`;
      if (!known.has(name) && !adding.has(name)) {
        parts.push(`prepare ${name} as ${text}`);
        adding.add(name);
      }
      answers.push(parts.push(`execute ${name}(${values.map(literal).join(', ')})`) - 1);
    }
    let result: QueryResult<Row> | QueryResult<Row>[];
    try {
      // Several statements answer with one result each, as an array (the driver's types say one).
      result = (await send(client, parts.join(';\n'))) as QueryResult<Row> | QueryResult<Row>[];
    } catch (error) {
      failed = true;
      names.forget(client);
      for (const s of statements) s.settle?.reject(error);
      throw error;
    }
    for (const name of adding) known.add(name);
    const results = Array.isArray(result) ? result : [result];
    const answered = answers.map((i) => results[i] as QueryResult<Row>);
    statements.forEach((s, i) => s.settle?.resolve(answered[i] as QueryResult<Row>));
    return answered;
  };
  const flush = async (final?: string): Promise<void> => {
    if (ended) throw new Error('the transaction is over');
    const statements = held.splice(0);
    if (final !== undefined) statements.push({ text: final, values: [] });
    if (statements.length > 0) await message(statements);
  };
  const query = async (text: string, values: unknown[] = []): Promise<QueryResult<Row>> => {
    // Alone, a statement is bound to its prepared plan; with held ones, it joins their message.
    if (held.length === 0) {
      return send(client, { name: names.of(text), text, values }).catch((error: unknown) => {
        failed = true;
        throw error;
      });
    }
    const results = await message([...held.splice(0), { text, values }]);
    return results[results.length - 1] as QueryResult<Row>;
  };
  return {
    rows: async (text, values) => (await query(text, values)).rows,
    first: async (text, values) => (await query(text, values)).rows[0],
    changed: async (text, values) => (await query(text, values)).rowCount ?? 0,
    batch: async (statements) => {
      const results = await message([
        ...held.splice(0),
        ...statements.map(([text, values]) => ({ text, values })),
      ]);
      return results.slice(results.length - statements.length).map((r) => r.rows);
    },
    later: <T>(text: string, values: unknown[] = [], read?: (result: QueryResult<Row>) => T) => {
      let settle!: Settle;
      const answer = new Promise<T>((resolve, reject) => {
        settle = {
          resolve: (result) => {
            try {
              resolve(read ? read(result) : (undefined as T));
            } catch (error) {
              reject(error);
            }
          },
          reject,
        };
      });
      // Its failure also fails the message that carried it, whose caller hears of it: a Later
      // nobody asks for must not count as an unhandled rejection.
      answer.catch(() => undefined);
      held.push({ text, values, settle });
      const result: Later<T> = {
        then(onFulfilled, onRejected) {
          // Still held: send it now (with whatever else is held). Sent already: just wait.
          if (!ended && held.some((s) => s.settle === settle)) void flush().catch(() => undefined);
          return answer.then(onFulfilled, onRejected);
        },
      };
      return result;
    },
    flush,
    end: () => {
      ended = true;
      const unsent = held.splice(0).filter((s) => s.settle);
      if (unsent.length === 0) return;
      const never = new Error('the transaction ended before this statement was sent');
      for (const s of unsent) s.settle?.reject(never);
    },
    get failed() {
      return failed;
    },
  };
}

/**
 * A parameter written as a literal, for EXECUTE. The prepared statement's parameter types
 * (inferred as for any bound parameter, or from its casts such as `$2::text[]`) give the literals
 * their types.
 */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} to the database`);
    return `(${String(value)})`;
  }
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) {
    // An empty ARRAY[] has no type to take; the quoted form takes the parameter's.
    if (value.length === 0) return "'{}'";
    return `(ARRAY[${value.map(literal).join(', ')}])`;
  }
  throw new Error(`cannot write a ${typeof value} as a literal`);
}

/**
 * A string constant. Quotes are doubled; a string with a backslash is written as an escape
 * string (E'...') with its backslashes doubled, which reads the same whatever the server's
 * standard_conforming_strings. (The driver's own escapeLiteral builds its result a character
 * at a time, which made it the relay's largest allocation on PostgreSQL.)
 */
export function quote(text: string): string {
  if (text.includes('\\')) return ` E'${text.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
  return text.includes("'") ? `'${text.replaceAll("'", "''")}'` : `'${text}'`;
}

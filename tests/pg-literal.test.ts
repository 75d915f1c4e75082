/**
 * The literals the PostgreSQL storage writes into EXECUTE statements read back, on the real
 * server, as exactly the values they were made from: whatever a member types as a name or a
 * note, under either setting of standard_conforming_strings.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { literal } from '../server/storage/pg-sql.ts';
import { PG_URL, pgUnavailable } from './helpers/pg.ts';

const missing = await pgUnavailable();

const TEXTS = [
  '',
  'plain',
  "O'Brien",
  "''",
  'back\\slash',
  "both \\' at once",
  '\\',
  "ends with \\'",
  "E'not an escape'",
  '$$ dollar $$',
  'line\nbreak\ttab',
  'naïve café 日本 🐺',
  "'); drop table events; --",
];

(missing ? describe.skip : describe)(
  missing ? `literals (skipped: no PostgreSQL at ${PG_URL}: ${missing})` : 'literals on PostgreSQL',
  () => {
    let client: pg.Client;
    beforeAll(async () => {
      client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
    });
    afterAll(async () => {
      await client.end();
    });

    for (const conforming of ['on', 'off']) {
      it(`reads every text back unchanged with standard_conforming_strings ${conforming}`, async () => {
        await client.query(`set standard_conforming_strings = ${conforming}`);
        for (const text of TEXTS) {
          const { rows } = await client.query<{ v: string }>(`select ${literal(text)}::text as v`);
          expect(rows[0]?.v).toBe(text);
        }
        const { rows } = await client.query<{ v: string[] }>(`select ${literal(TEXTS)}::text[] as v`);
        expect(rows[0]?.v).toEqual(TEXTS);
      });
    }

    it('writes numbers, booleans, null and an empty array with the types the statement gives them', async () => {
      await client.query(
        'prepare lit_types(bigint, float8, boolean, text, text[]) as select $1 as a, $2 as b, $3 as c, $4 as d, $5 as e',
      );
      try {
        const { rows } = await client.query(
          `execute lit_types(${[-42, 1.5, true, null, []].map(literal).join(', ')})`,
        );
        expect(rows[0]).toEqual({ a: '-42', b: 1.5, c: true, d: null, e: [] });
      } finally {
        await client.query('deallocate lit_types');
      }
    });

    it('refuses what it cannot write', () => {
      expect(() => literal(Number.NaN)).toThrow(/cannot write NaN/);
      expect(() => literal({ id: 1 })).toThrow(/cannot write a object/);
    });
  },
);

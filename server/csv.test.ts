import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv.ts';

/** What a program does that reads the export back, as docs/protocol.md tells it. */
function readCell(cell: string): string {
  const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell;
  return unquoted.startsWith("'") ? unquoted.slice(1) : unquoted;
}

describe('csvField', () => {
  it.each([
    ['a formula', '=1+1', `"'=1+1"`],
    ['a plus', '+49 30 123', `"'+49 30 123"`],
    ['a minus', '-2 calls', `"'-2 calls"`],
    ['an at sign', '@SUM(A1)', `"'@SUM(A1)"`],
    ['a tab before a formula', '\t=1+1', `"'\t=1+1"`],
    ['a carriage return before a formula', '\r=1+1', `"'\r=1+1"`],
    ['a real leading quote', "'til Friday", `"''til Friday"`],
    ['a comma', 'calls, mostly', '"calls, mostly"'],
    ['a double quote', 'said "yes"', '"said ""yes"""'],
    ['a line break inside', 'a\nb', '"a\nb"'],
    ['a carriage return inside', 'a\rb', '"a\rb"'],
    ['plain text', 'Loser buys coffee', 'Loser buys coffee'],
    ['a formula sign later on', 'a=b', 'a=b'],
  ])('writes %s so that no spreadsheet runs it', (_what, text, cell) => {
    expect(csvField(text)).toBe(cell);
  });

  it.each(['=1+1', '\t=1+1', "'til Friday", "''", "'", 'said "yes"', 'plain', '-'])(
    'reads %j back as it was, stripping one leading quote',
    (text) => {
      expect(readCell(csvField(text))).toBe(text);
    },
  );

  it('writes numbers and empty cells plainly', () => {
    expect(
      toCsv(
        ['seq', 'note'],
        [
          [1, null],
          [2, '=x'],
        ],
      ),
    ).toBe(`seq,note\n1,\n2,"'=x"\n`);
  });
});

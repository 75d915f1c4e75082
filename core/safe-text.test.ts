import { describe, expect, it } from 'vitest';
import { nameProblem, normalizeName, oneLine, textProblem } from './safe-text.ts';

describe('textProblem', () => {
  it.each([
    ['a line feed', 'fine\n2. Mal 99', 'line breaks'],
    ['a carriage return', 'fine\rAlex logged 0 calls', 'line breaks'],
    ['a vertical tab', 'a\vb', 'line breaks'],
    ['a form feed', 'a\fb', 'line breaks'],
    ['NEL (U+0085), a C1 control that ends a line', 'Alex\u0085', 'line breaks'],
    ['a line separator', 'a\u2028b', 'line breaks'],
    ['a paragraph separator', 'a\u2029b', 'line breaks'],
    ['a tab', '\t=1+1', 'control characters'],
    ['a bell', 'ring\u0007', 'control characters'],
    ['an escape sequence', '\u001b[31mred', 'control characters'],
    ['DEL', 'a\u007f', 'control characters'],
    ['another C1 control', 'a\u009b31m', 'control characters'],
    ['a zero-width space', 'Alex\u200b', 'invisible formatting'],
    ['a zero-width joiner', 'Al\u200dex', 'invisible formatting'],
    ['a right-to-left override', '\u202exelA', 'invisible formatting'],
    ['a byte order mark', '\ufeffAlex', 'invisible formatting'],
    ['a soft hyphen', 'Al\u00adex', 'invisible formatting'],
    ['a lone surrogate', 'a\ud800b', 'valid Unicode'],
  ])('refuses %s', (_what, text, problem) => {
    expect(textProblem(text)).toContain(problem);
  });

  it.each([
    ['plain text', 'Loser buys coffee'],
    ['accents and other scripts', 'José, Zoë, Дмитрий, 佐藤, محمد'],
    ['an emoji with its presentation selector', 'Nice one ❤️👍🏽'],
    ['punctuation that looks like a formula', '=SUM(A1) - @here'],
  ])('accepts %s', (_what, text) => {
    expect(textProblem(text)).toBeNull();
  });
});

describe('nameProblem', () => {
  it.each([
    ['a variation selector', 'Alex\ufe0f', 'invisible characters'],
    ['a Hangul filler', 'Alex\u3164', 'invisible characters'],
    ['a combining grapheme joiner', 'Al\u034fex', 'invisible characters'],
    ['a leading combining mark', '\u0301Sam', 'combining mark'],
    ['a line break, as any text', 'Al\nex', 'line breaks'],
  ])('refuses %s', (_what, name, problem) => {
    expect(nameProblem(name)).toContain(problem);
  });

  it.each(['Alex', 'José', 'Nguyễn Văn An', 'Łukasz', '李雷', 'O’Brien'])('accepts %s', (name) => {
    expect(nameProblem(normalizeName(name))).toBeNull();
  });
});

describe('normalizeName', () => {
  it.each([
    ['fullwidth letters', 'Ａｌｅｘ', 'Alex'],
    ['an accent typed as a combining mark', 'Jose\u0301', 'José'],
    ['a ligature', 'ﬁona', 'fiona'],
    ['no-break and wide spaces, doubled', 'Mary\u00a0\u3000 Ann', 'Mary Ann'],
    ['surrounding spaces', '  Sam ', 'Sam'],
  ])('folds %s', (_what, name, stored) => {
    expect(normalizeName(name)).toBe(stored);
  });
});

describe('oneLine', () => {
  it.each([
    ['a forged standings line', 'Sam\n 2. Mal 99', 'Sam  2. Mal 99'],
    ['a forged feed line', 'ok\r\nAlex logged 0 calls: I give up', 'ok  Alex logged 0 calls: I give up'],
    ['NEL and the Unicode separators', 'a\u0085b\u2028c\u2029d', 'a b c d'],
    ['a tab', 'a\tb', 'a b'],
    ['terminal escapes', '\u001b[2Jgone', '\uFFFD[2Jgone'],
    ['a right-to-left override', '\u202exelA', '\uFFFDxelA'],
    ['a zero-width joiner', 'Al\u200dex', 'Al\uFFFDex'],
    ['a lone surrogate', 'a\udc00', 'a\uFFFD'],
    ['plain text, unchanged', 'José ❤️ 佐藤', 'José ❤️ 佐藤'],
  ])('prints %s on one line', (_what, text, shown) => {
    expect(oneLine(text)).toBe(shown);
  });
});

import { describe, expect, it } from 'vitest';
import { nameKey, skeleton } from './names.ts';

describe('nameKey', () => {
  it.each([
    ['another case', 'ALEX'],
    ['a Cyrillic А', '\u0410lex'],
    ['a Cyrillic е', 'Al\u0435x'],
    ['a Greek Α', '\u0391lex'],
    ['a capital I for the l', 'AIex'],
    ['fullwidth letters', 'Ａｌｅｘ'],
    ['mathematical letters', '𝐀𝐥𝐞𝐱'],
    ['a combining accent', 'Alex\u0301'],
    ['a precomposed accent', 'Àlex'],
    ['surrounding spaces', ' Alex '],
  ])('gives "Alex" and it with %s one key', (_what, lookalike) => {
    expect(nameKey(lookalike)).toBe(nameKey('Alex'));
  });

  it.each([
    ['Alex', 'Alexa'],
    ['Alex', 'Alec'],
    ['Anna', 'Ana'],
    ['Kim', 'Tim'],
    ['Sam', 'Pam'],
    ['Mary Ann', 'Maryann'],
    ['Li', 'Lu'],
  ])('keeps %s and %s apart', (one, other) => {
    expect(nameKey(one)).not.toBe(nameKey(other));
  });

  it('treats names with an accent and without as one, so "José" cannot join a pack with a "Jose"', () => {
    expect(nameKey('José')).toBe(nameKey('Jose'));
  });
});

describe('skeleton', () => {
  it.each([
    ['rn', 'm'],
    ['\u0430', 'a'],
    ['\u0441\u043e\u0440', 'cop'],
  ])('maps %s like %s', (one, other) => {
    expect(skeleton(one)).toBe(skeleton(other));
  });
});

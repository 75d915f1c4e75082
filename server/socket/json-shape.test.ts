import { describe, expect, it } from 'vitest';
import { jsonShapeProblem } from './json-shape.ts';

const LIMIT = { depth: 3, elements: 6 };
const DEEP = 'it nests more than 3 levels deep';
const MANY = 'it holds more than 6 values';

describe('jsonShapeProblem', () => {
  it.each([
    ['a flat object', '{"a":1,"b":[2,3]}', null],
    ['three levels', '[[[1]]]', null],
    ['four levels', '[[[[1]]]]', DEEP],
    ['objects count as levels', '[{"a":{"b":[]}}]', DEEP],
    ['levels closed again do not add up', '[[[]],[[]]]', null],
    ['brackets inside a string', '["[[[[[[", "{{{{"]', null],
    ['an escaped quote inside a string', '["\\"[[[[", 1]', null],
    ['an escaped backslash before the closing quote', '["a\\\\", [[[1]]]]', DEEP],
    ['commas inside a string', '["a,b,c,d,e,f,g,h"]', null],
    ['six values', '[1,2,3,4,5,6]', null],
    ['seven values', '[1,2,3,4,5,6,7]', MANY],
    ['values on all levels together', '[1,[2,3],{"a":4,"b":5}]', MANY],
    ['an unterminated string hides nothing JSON.parse would walk', '["[[[[[[', null],
    ['not JSON at all', 'hello', null],
  ])('%s', (_label, text, problem) => {
    expect(jsonShapeProblem(text, LIMIT)).toBe(problem);
  });

  it('stops at the first level over the limit, however long the text', () => {
    const text = `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`;
    expect(jsonShapeProblem(text, LIMIT)).toBe(DEEP);
  });

  it('counts what JSON.parse would make of the text, never less', () => {
    const value = {
      events: [
        { id: 'a', note: 'x, [y] {z} "q"' },
        { id: 'b', tags: [1, 2] },
      ],
      more: [],
    };
    const text = JSON.stringify(value);
    expect(jsonShapeProblem(text, { depth: 4, elements: 11 })).toBeNull();
    expect(jsonShapeProblem(text, { depth: 3, elements: 100 })).toMatch(/levels deep/);
    expect(jsonShapeProblem(text, { depth: 4, elements: 8 })).toMatch(/values/);
  });
});

import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { describeRequestIssue, eventField, eventLabel } from './echo.ts';

describe('eventLabel', () => {
  it.each([
    ['challenge:list', 'challenge:list'],
    ['history:head-to-head', 'history:head-to-head'],
    ['pack:delete', 'pack:delete'],
    ['Pack:Delete', null],
    ['pack:', null],
    ['pack delete', null],
    ['pack:delete\n', null],
    [`a:${'b'.repeat(60)}`, null],
    [7, null],
    [null, null],
    [() => 'prevent double callbacks', null],
    [{ toString: () => 'challenge:list' }, null],
  ])('%s', (event, label) => {
    expect(eventLabel(event)).toBe(label);
  });

  it('names a message without one for request:error', () => {
    expect(eventField(function ack() {})).toBe('a message without an event name');
  });
});

describe('describeRequestIssue', () => {
  const schema = z.strictObject({ cursor: z.string().optional(), page: z.strictObject({}).optional() });
  const issue = (value: unknown) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) throw new Error('expected a failure');
    return describeRequestIssue(parsed.error);
  };

  it.each([
    ['one unknown field', { since: 1 }, 'payload: unknown field "since"'],
    ['several', { a: 1, b: 2, c: 3, d: 4, e: 5 }, 'payload: unknown fields "a", "b", "c" and 2 more'],
    ['a key that is no field name', { [`x${'y'.repeat(100_000)}`]: 1 }, 'payload: 1 unknown field'],
    ['a nested one', { page: { 'two words': 1, size: 2 } }, 'page: unknown fields "size" and 1 more'],
    ['any other failure', { cursor: 5 }, 'cursor: Invalid input: expected string, received number'],
  ])('%s', (_label, value, message) => {
    expect(issue(value)).toBe(message);
  });
});

import { describe, expect, it } from 'vitest';
import { createPackSchema, describeIssue, joinPackSchema, requestSchemas } from './protocol.ts';
import type { z } from 'zod';

const EVENT_ID = '01900000-0000-7000-8000-000000000001';
const NOW = Date.UTC(2026, 2, 4, 12);

function refusal(schema: z.ZodType, value: unknown): string | null {
  const parsed = schema.safeParse(value);
  return parsed.success ? null : describeIssue(parsed.error);
}

const join = (displayName: string) => ({ inviteCode: 'XKWK-QFJW-EJXS', displayName });
const log = (extra: object) => ({
  events: [{ id: EVENT_ID, type: 'log', metric: 'call', count: 1, occurredAt: NOW, ...extra }],
});
const create = (extra: object) => ({ metric: 'call', format: 'most', period: { kind: 'today' }, ...extra });
const range = (from: string, to: string) => create({ period: { kind: 'range', from, to } });
const counts = (from: string, to: string) => ({ from, to, bucket: 'day' });

const LINE = 'must be a single line (no line breaks)';
const FORMAT = 'must not contain invisible formatting characters (zero-width or direction marks)';

describe('display names', () => {
  it.each([
    ['a zero-width space', 'Alex\u200b', FORMAT],
    ['a zero-width joiner', 'Al\u200dex', FORMAT],
    ['a right-to-left override', '\u202eAlex', FORMAT],
    ['NEL (U+0085)', 'Alex\u0085', LINE],
    ['a newline', 'Sam\n2. Mal 99', LINE],
    ['a variation selector', 'Alex\ufe0f', 'must not contain invisible characters'],
    ['nothing but spaces', ' \u3000 ', 'must not be empty'],
    ['61 characters', 'x'.repeat(61), 'must be at most 60 characters'],
  ])('refuses %s', (_what, displayName, message) => {
    expect(refusal(joinPackSchema, join(displayName))).toBe(`displayName: ${message}`);
  });

  it('stores the NFKC form, with one space between words', () => {
    expect(joinPackSchema.parse(join(' Ａｌｅｘ\u00a0\u00a0Ｍ '))).toMatchObject({ displayName: 'Alex M' });
    const pack = createPackSchema.parse({ name: 'ﬁnance', timeZone: 'UTC', displayName: 'Jose\u0301' });
    expect(pack).toMatchObject({ name: 'finance', displayName: 'José' });
  });
});

describe('free text', () => {
  it.each<[string, z.ZodType, unknown, string]>([
    ['a note with a newline', requestSchemas['activity:log'], log({ note: 'a\nb' }), 'events.0.note'],
    ['a note with a tab', requestSchemas['activity:log'], log({ note: '\t=1+1' }), 'events.0.note'],
    [
      'a title with a line separator',
      requestSchemas['challenge:create'],
      create({ title: 'a\u2028b' }),
      'title',
    ],
    [
      'a stake with a bidi override',
      requestSchemas['challenge:create'],
      create({ stake: '\u202e' }),
      'stake',
    ],
    [
      'a cheer with a carriage return',
      requestSchemas['cheer:send'],
      { id: EVENT_ID, reaction: 'cheer', text: 'go\rgo', eventId: EVENT_ID },
      'text',
    ],
    [
      'a metric label with a newline',
      requestSchemas['metric:add'],
      { id: 'demo', label: 'De\nmos' },
      'label',
    ],
    ['a board label with a zero-width space', requestSchemas['board:create'], { label: 'TV\u200b' }, 'label'],
  ])('refuses %s', (_what, schema, value, path) => {
    expect(refusal(schema, value)).toMatch(new RegExp(`^${path.replaceAll('.', '\\.')}: must`));
  });
});

describe('dates and instants', () => {
  it.each<[string, z.ZodType, unknown, string]>([
    [
      'a range in year 9999',
      requestSchemas['challenge:create'],
      range('9999-12-25', '9999-12-31'),
      'period.from',
    ],
    [
      'a range that ends in 2101',
      requestSchemas['challenge:create'],
      range('2100-12-25', '2101-01-01'),
      'period.to',
    ],
    ['a range in 1999', requestSchemas['challenge:create'], range('1999-12-25', '1999-12-31'), 'period.from'],
    ['counts up to 9999', requestSchemas['history:counts'], counts('2026-01-01', '9999-01-01'), 'to'],
    ['counts from 0001', requestSchemas['history:counts'], counts('0001-01-01', '2026-01-01'), 'from'],
    [
      'a meeting in 9999',
      requestSchemas['activity:log'],
      log({ meetingDate: '9999-12-31' }),
      'events.0.meetingDate',
    ],
  ])('refuses %s', (_what, schema, value, path) => {
    expect(refusal(schema, value)).toBe(`${path}: must be a date in the years 2000 to 2100`);
  });

  it.each<[string, z.ZodType, unknown, string]>([
    ['an event at the epoch', requestSchemas['activity:log'], log({ occurredAt: 0 }), 'events.0.occurredAt'],
    [
      'an event in 2101',
      requestSchemas['activity:log'],
      log({ occurredAt: Date.UTC(2101, 0, 1) }),
      'events.0.occurredAt',
    ],
    [
      'instants past 9999',
      requestSchemas['challenge:create'],
      create({ period: { kind: 'instants', start: NOW, end: 253_402_300_800_000 } }),
      'period.end',
    ],
  ])('refuses %s', (_what, schema, value, path) => {
    expect(refusal(schema, value)).toBe(`${path}: must be an instant in the years 2000 to 2100`);
  });

  it('accepts the first and the last day of the range', () => {
    expect(refusal(requestSchemas['challenge:create'], range('2000-01-01', '2100-12-31'))).toBeNull();
    expect(refusal(requestSchemas['history:counts'], counts('2100-12-31', '2100-12-31'))).toBeNull();
  });
});

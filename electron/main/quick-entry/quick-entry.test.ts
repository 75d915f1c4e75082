import { describe, expect, it } from 'vitest';
import { BUILT_IN_METRICS } from '../../../core/metrics.ts';
import type { MetricDef } from '../../../core/metrics.ts';
import { defaultMeetingDate, parseQuickEntry } from './quick-entry.ts';
import type { QuickEntryInput, QuickEntryResult } from './quick-entry.ts';

const ZONE = 'Europe/Berlin';

describe('defaultMeetingDate', () => {
  it.each([
    ['Monday', '2026-11-23T10:00:00Z', '2026-11-24'],
    ['Thursday', '2026-11-26T10:00:00Z', '2026-11-27'],
    ['Friday', '2026-11-27T10:00:00Z', '2026-11-30'],
    ['Saturday', '2026-11-28T10:00:00Z', '2026-11-30'],
    ['Sunday', '2026-11-29T10:00:00Z', '2026-11-30'],
    ['Friday 00:30 in Berlin, still Thursday in UTC', '2026-11-26T23:30:00Z', '2026-11-30'],
    ['month end', '2026-12-31T10:00:00Z', '2027-01-01'],
  ])('%s → %s', (_, now, expected) => {
    expect(defaultMeetingDate(Date.parse(now), ZONE)).toBe(expected);
  });

  it('uses the zone it is given', () => {
    // Thursday 20:00 in New York is already Friday in Berlin, so the next working day differs.
    const thursdayEveningNy = Date.parse('2026-11-27T01:00:00Z');
    expect(defaultMeetingDate(thursdayEveningNy, 'America/New_York')).toBe('2026-11-27');
    expect(defaultMeetingDate(thursdayEveningNy, ZONE)).toBe('2026-11-30');
  });
});

describe('parseQuickEntry', () => {
  const forward = BUILT_IN_METRICS.find((m) => m.id === 'forward_appointment') as MetricDef;
  const call = BUILT_IN_METRICS.find((m) => m.id === 'call') as MetricDef;
  // Wednesday 25 Nov 2026 in Berlin.
  const clock = { now: Date.parse('2026-11-25T10:00:00Z'), timeZone: ZONE };
  const entry = (over: Partial<QuickEntryInput>): QuickEntryInput => ({
    metric: forward,
    meetingDate: '2026-12-03',
    note: '',
    count: '',
    ...over,
  });

  it.each<[string, Partial<QuickEntryInput>, QuickEntryResult]>([
    [
      'a forward appointment with a date',
      {},
      { ok: true, value: { metric: 'forward_appointment', meetingDate: '2026-12-03', count: 1 } },
    ],
    [
      'a note and a count, trimmed',
      { note: '  Acme, CFO  ', count: ' 2 ' },
      {
        ok: true,
        value: { metric: 'forward_appointment', meetingDate: '2026-12-03', note: 'Acme, CFO', count: 2 },
      },
    ],
    [
      'yesterday still counts',
      { meetingDate: '2026-11-24' },
      { ok: true, value: expect.objectContaining({ meetingDate: '2026-11-24' }) },
    ],
    [
      'a call ignores a date it does not need',
      { metric: call, meetingDate: 'whatever', count: '3' },
      { ok: true, value: { metric: 'call', count: 3 } },
    ],
    [
      'no date',
      { meetingDate: ' ' },
      { ok: false, field: 'meetingDate', message: 'Enter the date of the meeting, like 2026-03-31.' },
    ],
    [
      'a date in another format',
      { meetingDate: '03/12/2026' },
      { ok: false, field: 'meetingDate', message: 'Write the date as year-month-day, like 2026-03-31.' },
    ],
    [
      'a date not on the calendar',
      { meetingDate: '2026-02-30' },
      { ok: false, field: 'meetingDate', message: '2026-02-30 is not a date on the calendar.' },
    ],
    [
      'a date two days ago',
      { meetingDate: '2026-11-23' },
      {
        ok: false,
        field: 'meetingDate',
        message: '2026-11-23 has passed; a forward appointment is for a meeting to come.',
      },
    ],
    [
      'a long note',
      { note: 'x'.repeat(501) },
      { ok: false, field: 'note', message: 'Keep the note to 500 characters; it has 501.' },
    ],
    [
      'a control character in the note',
      { note: 'a\u0007b' },
      { ok: false, field: 'note', message: expect.stringMatching(/control character/) },
    ],
    [
      'a line break in the note (it would forge a line in a feed)',
      { note: 'called\nAlex logged 0 calls' },
      { ok: false, field: 'note', message: 'The note must be a single line (no line breaks).' },
    ],
    [
      'a right-to-left override in the note',
      { note: 'deal \u202Edone' },
      { ok: false, field: 'note', message: expect.stringMatching(/invisible formatting/) },
    ],
    [
      'count zero',
      { count: '0' },
      { ok: false, field: 'count', message: 'Enter a whole number from 1 to 1000.' },
    ],
    [
      'count too big',
      { count: '1001' },
      { ok: false, field: 'count', message: 'Enter a whole number from 1 to 1000.' },
    ],
    [
      'count with a fraction',
      { count: '1.5' },
      { ok: false, field: 'count', message: 'Enter a whole number from 1 to 1000.' },
    ],
    [
      'count negative',
      { count: '-2' },
      { ok: false, field: 'count', message: 'Enter a whole number from 1 to 1000.' },
    ],
    [
      'count in words',
      { count: 'two' },
      { ok: false, field: 'count', message: 'Enter a whole number from 1 to 1000.' },
    ],
  ])('%s', (_, over, expected) => {
    expect(parseQuickEntry(entry(over), clock)).toEqual(expected);
  });

  it('a note of exactly 500 characters is fine', () => {
    expect(parseQuickEntry(entry({ note: 'y'.repeat(500) }), clock)).toMatchObject({ ok: true });
  });
});

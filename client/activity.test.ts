import { describe, expect, it } from 'vitest';
import { BUILT_IN_METRICS } from '../core/metrics.ts';
import type { MetricDef } from '../core/metrics.ts';
import { uuidv7 } from '../core/uuid.ts';
import { buildLogEvent, buildUndoEvent } from './activity.ts';
import type { LogInput } from './activity.ts';

const NOW = Date.UTC(2026, 2, 4, 12);
const ID = uuidv7(NOW);
const DEMO: MetricDef = { id: 'demo', label: 'Product demos', needsMeetingDate: false, builtIn: false };
const ctx = { metrics: [...BUILT_IN_METRICS, DEMO], now: NOW, newId: () => ID };

describe('buildLogEvent', () => {
  it.each<[string, LogInput, Record<string, unknown>]>([
    ['one call by default', { metric: 'call' }, { metric: 'call', count: 1 }],
    ['a count and a note', { metric: 'call', count: 3, note: 'cold list' }, { count: 3, note: 'cold list' }],
    ['a metric the pack added', { metric: 'demo' }, { metric: 'demo' }],
    [
      'a forward appointment with its meeting date',
      { metric: 'forward_appointment', meetingDate: '2026-04-14' },
      { meetingDate: '2026-04-14' },
    ],
    // The relay ignores it for such metrics; the outbox should not carry it either.
    ['a call without the meeting date it has no use for', { metric: 'call', meetingDate: '2026-04-14' }, {}],
    ['the largest count', { metric: 'call', count: 1000 }, { count: 1000 }],
    [
      'a note of exactly 500 characters',
      { metric: 'call', note: 'x'.repeat(500) },
      { note: 'x'.repeat(500) },
    ],
    ['an empty note as none', { metric: 'call', note: '' }, {}],
  ])('makes %s', (_what, input, expected) => {
    const built = buildLogEvent(input, ctx);
    expect(built).toEqual({
      ok: true,
      event: { id: ID, type: 'log', metric: input.metric, count: 1, occurredAt: NOW, ...expected },
    });
  });

  it.each<[string, LogInput, string, string | null, RegExp]>([
    [
      'an unknown metric',
      { metric: 'dials' },
      'unknown_metric',
      'metric',
      /^unknown metric "dials"; this pack counts call, .*, demo$/,
    ],
    [
      'a count of 0',
      { metric: 'call', count: 0 },
      'bad_request',
      'count',
      /whole number from 1 to 1000, not 0/,
    ],
    ['a fractional count', { metric: 'call', count: 1.5 }, 'bad_request', 'count', /not 1\.5/],
    ['a count over the limit', { metric: 'call', count: 1001 }, 'bad_request', 'count', /not 1001/],
    [
      'a forward appointment without its meeting date',
      { metric: 'forward_appointment' },
      'bad_request',
      'meetingDate',
      /^forward appointments need the date of the booked meeting/,
    ],
    [
      'a meeting date that is not on the calendar',
      { metric: 'forward_appointment', meetingDate: '2026-02-30' },
      'bad_request',
      'meetingDate',
      /real date like 2026-03-31, not "2026-02-30"/,
    ],
    [
      'a meeting date in another format',
      { metric: 'forward_appointment', meetingDate: '14.04.2026' },
      'bad_request',
      'meetingDate',
      /not "14\.04\.2026"/,
    ],
    [
      'a note over 500 characters',
      { metric: 'call', note: 'x'.repeat(501) },
      'bad_request',
      'note',
      /at most 500 characters, not 501/,
    ],
    [
      'a note with a control character',
      { metric: 'call', note: 'bell\u0007' },
      'bad_request',
      'note',
      /^note: must not contain control characters$/,
    ],
  ])('refuses %s', (_what, input, code, field, message) => {
    const built = buildLogEvent(input, ctx);
    expect(built).toMatchObject({ ok: false, code, field });
    expect(built.ok ? '' : built.message).toMatch(message);
  });

  it('refuses what the relay would, even a bad id or clock, instead of queueing it', () => {
    expect(buildLogEvent({ metric: 'call' }, { ...ctx, newId: () => 'not-a-uuid' })).toMatchObject({
      ok: false,
      code: 'bad_request',
      field: null,
      message: 'id: must be a UUIDv7',
    });
  });

  it('makes a fresh UUIDv7 of the moment when no id maker is given', () => {
    const built = buildLogEvent({ metric: 'call' }, { metrics: BUILT_IN_METRICS, now: NOW });
    expect(built.ok && built.event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(built.ok && built.event.id.slice(0, 13)).toBe(ID.slice(0, 13));
  });
});

describe('buildUndoEvent', () => {
  const first = { id: uuidv7(NOW - 2000), metric: 'call', count: 3 };
  const last = { id: uuidv7(NOW - 1000), metric: 'call', count: 1 };

  it.each([
    ['the newest of several logs', [first, last], last],
    ['the only log', [first], first],
  ])('retracts %s', (_what, recent, retracted) => {
    expect(buildUndoEvent(recent, NOW, () => ID)).toEqual({
      ok: true,
      event: { id: ID, type: 'undo', retracts: retracted.id, occurredAt: NOW },
      retracted,
    });
  });

  it.each([
    ['no log at all', [], 'nothing_to_undo', /^nothing to undo/],
    ['a damaged log id', [{ id: 'garbage' }], 'bad_request', /^retracts: must be a UUIDv7$/],
  ])('refuses with %s', (_what, recent, code, message) => {
    const built = buildUndoEvent(recent, NOW);
    expect(built).toMatchObject({ ok: false, code });
    expect(built.ok ? '' : built.message).toMatch(message);
  });
});

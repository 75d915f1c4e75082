import { describe, expect, it } from 'vitest';
import type { QuietHours } from '../../../core/app-api.ts';
import { inQuietHours, parseClockTime, quietHoursEnd } from './quiet-hours.ts';

const night: QuietHours = { enabled: true, from: '22:00', to: '07:00' };
const lunch: QuietHours = { enabled: true, from: '12:00', to: '13:30' };

describe('inQuietHours', () => {
  it.each<[string, QuietHours, string, string, boolean]>([
    ['late evening', night, '2026-11-25T21:30:00Z', 'Europe/Berlin', true],
    ['just before', night, '2026-11-25T20:59:00Z', 'Europe/Berlin', false],
    ['at the start', night, '2026-11-25T21:00:00Z', 'Europe/Berlin', true],
    ['after midnight', night, '2026-11-26T02:00:00Z', 'Europe/Berlin', true],
    ['at the end', night, '2026-11-26T06:00:00Z', 'Europe/Berlin', false],
    ['daytime', night, '2026-11-26T10:00:00Z', 'Europe/Berlin', false],
    ['another zone', night, '2026-11-26T04:00:00Z', 'America/New_York', true],
    ['same instant, another zone, awake', night, '2026-11-26T10:00:00Z', 'Asia/Tokyo', false],
    ['within a daytime range', lunch, '2026-11-26T11:45:00Z', 'Europe/Berlin', true],
    ['outside a daytime range', lunch, '2026-11-26T12:30:00Z', 'Europe/Berlin', false],
    ['switched off', { ...night, enabled: false }, '2026-11-25T23:00:00Z', 'Europe/Berlin', false],
    [
      'equal ends mean none',
      { enabled: true, from: '22:00', to: '22:00' },
      '2026-11-25T21:30:00Z',
      'Europe/Berlin',
      false,
    ],
    ['a summer night (CEST)', night, '2026-07-01T20:30:00Z', 'Europe/Berlin', true],
  ])('%s', (_, q, at, zone, expected) => {
    expect(inQuietHours(q, Date.parse(at), zone)).toBe(expected);
  });
});

describe('quietHoursEnd', () => {
  it.each<[string, QuietHours, string, string, string]>([
    [
      'evening: ends next morning',
      night,
      '2026-11-25T21:30:00Z',
      'Europe/Berlin',
      '2026-11-26T06:00:00.000Z',
    ],
    [
      'after midnight: ends this morning',
      night,
      '2026-11-26T02:00:00Z',
      'Europe/Berlin',
      '2026-11-26T06:00:00.000Z',
    ],
    ['New York', night, '2026-11-26T04:00:00Z', 'America/New_York', '2026-11-26T12:00:00.000Z'],
    ['daytime range', lunch, '2026-11-26T11:45:00Z', 'Europe/Berlin', '2026-11-26T12:30:00.000Z'],
    [
      'last evening of winter time: ends at 07:00 summer time',
      night,
      '2026-03-28T22:00:00Z',
      'Europe/Berlin',
      '2026-03-29T05:00:00.000Z',
    ],
    [
      'last evening of summer time: ends at 07:00 winter time',
      night,
      '2026-10-24T21:00:00Z',
      'Europe/Berlin',
      '2026-10-25T06:00:00.000Z',
    ],
    [
      'an end the clocks skip ends when they jump',
      { enabled: true, from: '22:00', to: '02:30' },
      '2026-03-28T22:00:00Z',
      'Europe/Berlin',
      '2026-03-29T01:00:00.000Z',
    ],
    [
      'an end the clocks repeat ends the first time',
      { enabled: true, from: '22:00', to: '02:30' },
      '2026-10-24T21:00:00Z',
      'Europe/Berlin',
      '2026-10-25T00:30:00.000Z',
    ],
    [
      'Chatham Islands (UTC+13:45)',
      night,
      '2026-11-25T10:00:00Z',
      'Pacific/Chatham',
      '2026-11-25T17:15:00.000Z',
    ],
  ])('%s', (_, q, at, zone, expected) => {
    const now = Date.parse(at);
    expect(inQuietHours(q, now, zone)).toBe(true);
    const end = quietHoursEnd(q, now, zone);
    expect(new Date(end).toISOString()).toBe(expected);
    expect(inQuietHours(q, end, zone)).toBe(false);
    expect(inQuietHours(q, end - 60_000, zone)).toBe(true);
  });

  it('is now when quiet hours are not on', () => {
    const now = Date.parse('2026-11-26T10:00:00Z');
    expect(quietHoursEnd(night, now, 'Europe/Berlin')).toBe(now);
    expect(quietHoursEnd({ ...night, enabled: false }, now - 12 * 3_600_000, 'Europe/Berlin')).toBe(
      now - 12 * 3_600_000,
    );
  });
});

describe('parseClockTime', () => {
  it.each([
    ['00:00', 0],
    ['07:30', 450],
    ['23:59', 1439],
    ['24:00', null],
    ['7:30', null],
    ['12:60', null],
  ])('%s → %s', (text, minutes) => {
    expect(parseClockTime(text)).toBe(minutes);
  });
});

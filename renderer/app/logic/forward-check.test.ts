import { describe, expect, it } from 'vitest';
import { BUILT_IN_METRICS } from '../../../core/metrics.ts';
import type { MetricDef } from '../../../core/metrics.ts';
import type { Member, Pack } from '../../../core/types.ts';
import { forwardWarningFor } from './forward-check.ts';
import { challengeView } from './test-fixtures.ts';

const NOW = Date.parse('2026-03-04T12:00:00Z');
const pack: Pack = { id: 'p', name: 'Wolves', timeZone: 'UTC', weekStart: 1, ownerId: 'a', createdAt: 0 };
const you: Member = { id: 'a', packId: 'p', displayName: 'Ann', role: 'owner', joinedAt: 0, active: true };
const forward = challengeView({
  title: 'Most forward appointments',
  metric: 'forward_appointment',
  start: Date.parse('2026-03-02T00:00:00Z'),
  end: Date.parse('2026-03-09T00:00:00Z'),
  horizon: { from: '2026-03-02', to: '2026-06-10' },
});
const metric = (id: string) => BUILT_IN_METRICS.find((m) => m.id === id) as MetricDef;
const state = { pack, you, challenges: [forward] };

describe('forwardWarningFor', () => {
  it.each<[string, string, RegExp | null]>([
    ['a date inside the horizon', '2026-04-15', null],
    [
      'a date beyond it',
      '2026-06-10',
      /^This meeting date is outside every running challenge: .* up to 9 Jun\./,
    ],
    ['a past date', '2026-02-27', /has passed/],
    ['a half-typed date', '2026-0', null],
    ['an empty field', '', null],
  ])('%s', (_case, date, expected) => {
    const warning = forwardWarningFor(state, metric('forward_appointment'), date, NOW);
    if (expected === null) expect(warning).toBeNull();
    else expect(warning).toMatch(expected);
  });

  it('says nothing for a metric without a meeting date, even for a past date', () => {
    expect(forwardWarningFor(state, metric('call'), '2026-02-27', NOW)).toBeNull();
  });
});

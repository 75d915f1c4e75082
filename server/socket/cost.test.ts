import { describe, expect, it } from 'vitest';
import { REQUEST_COSTS } from '../../core/limits.ts';
import type { RequestName } from '../../core/protocol.ts';
import { requestCost } from './cost.ts';

const events = (n: number) => ({ events: Array.from({ length: n }, () => ({})) });
const counts = (from: unknown, to: unknown) => ({ from, to, bucket: 'day' });

describe('requestCost', () => {
  it.each<[string, RequestName, unknown, number]>([
    ['a single log', 'activity:log', events(1), 1],
    ['25 logs', 'activity:log', events(25), 1],
    ['26 logs', 'activity:log', events(26), 2],
    ['a full batch', 'activity:log', events(500), 20],
    ['a batch over the limit costs a full one', 'activity:log', events(5000), 20],
    ['a log without events', 'activity:log', { events: 'many' }, 1],
    ['a log without a payload', 'activity:log', undefined, 1],
    ['counts for a day', 'history:counts', counts('2026-03-02', '2026-03-02'), 1],
    ['counts for a month', 'history:counts', counts('2026-03-01', '2026-03-31'), 1],
    ['counts for a year', 'history:counts', counts('2025-03-01', '2026-02-28'), 12],
    [
      'counts over the span limit cost the span limit',
      'history:counts',
      counts('1990-01-01', '2026-01-01'),
      26,
    ],
    ['counts backwards', 'history:counts', counts('2026-03-31', '2026-03-01'), 1],
    ['counts with dates of another shape', 'history:counts', counts('yesterday', 20260301), 1],
    ['a resume', 'session:resume', {}, 5],
    ['a challenge', 'challenge:create', {}, 30],
    ['a list', 'challenge:list', {}, 1],
  ])('%s', (_label, name, raw, cost) => {
    expect(requestCost(name, raw)).toBe(cost);
  });

  it('prices every request at least one token', () => {
    for (const cost of Object.values(REQUEST_COSTS)) expect(cost).toBeGreaterThanOrEqual(1);
  });
});

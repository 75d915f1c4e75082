import { describe, expect, it } from 'vitest';
import { bucketLabel, bucketsBetween, chartOf } from './stats-series.ts';

describe('stats buckets', () => {
  it('lists every day of the range', () => {
    expect(bucketsBetween('2026-11-28', '2026-12-02', 'day', 1)).toEqual([
      '2026-11-28',
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
    ]);
  });

  it('names weeks as the relay does: the first day, or the range start inside the first week', () => {
    expect(bucketsBetween('2026-11-26', '2026-12-10', 'week', 1)).toEqual([
      '2026-11-26',
      '2026-11-30',
      '2026-12-07',
    ]);
  });
});

describe('chart', () => {
  it('puts each member in their own series with zeros where nothing was logged', () => {
    const chart = chartOf(
      [
        { memberId: 'a', metric: 'call', bucket: '2026-11-29', count: 4 },
        { memberId: 'b', metric: 'call', bucket: '2026-11-28', count: 2 },
        { memberId: 'b', metric: 'appointment', bucket: '2026-11-28', count: 9 },
        { memberId: 'z', metric: 'call', bucket: '2026-11-28', count: 9 },
      ],
      'call',
      ['2026-11-28', '2026-11-29'],
      ['a', 'b'],
    );
    expect(chart).toEqual({
      buckets: ['2026-11-28', '2026-11-29'],
      series: [
        { memberId: 'a', values: [0, 4] },
        { memberId: 'b', values: [2, 0] },
      ],
      max: 4,
    });
  });

  it.each([
    ['2026-11-05', 'day', '5 Nov'],
    ['2026-11-30', 'week', 'wk 30 Nov'],
  ] as const)('%s as a %s reads "%s"', (bucket, kind, words) => {
    expect(bucketLabel(bucket, kind)).toBe(words);
  });
});

import { describe, expect, it } from 'vitest';

import { describeGap, gapToLeader, progressLabel, standingRows, timeLeftLabel } from './standings.ts';
import { challengeView, member } from './test-fixtures.ts';

const members = [member('a', 'Alex'), member('b', 'Sam'), member('c', 'Kim')];

const challenge = challengeView;

const s = (memberId: string, count: number) => ({ memberId, count, rank: 0, reachedAt: null });

describe('gap to the leader', () => {
  it.each([
    [[s('a', 5), s('b', 3)], 'a', 'Leading by 2'],
    [[s('a', 5), s('b', 3)], 'b', '2 behind the leader'],
    [[s('a', 4), s('b', 4)], 'a', 'Tied for the lead'],
    [[], 'a', 'No score yet'],
    [[s('b', 1)], 'a', '1 behind the leader'],
  ])('%j for %s reads "%s"', (standings, who, words) => {
    expect(describeGap(standings, who, null)).toBe(words);
  });

  it('says a member at the target has reached it, whoever leads', () => {
    expect(describeGap([s('a', 12), s('b', 10)], 'b', 10)).toBe('Reached the target');
  });

  it('counts a member without a standing as 0', () => {
    expect(gapToLeader([s('a', 7)], 'z')).toBe(7);
  });
});

describe('standing rows', () => {
  it('lists every participant who did not decline, leader first, bars against the leader', () => {
    const view = challenge({
      standings: [s('b', 4), s('a', 2)],
      participants: [
        { memberId: 'a', declined: false },
        { memberId: 'b', declined: false },
        { memberId: 'c', declined: true },
      ],
    });
    const rows = standingRows(view, members, 'a');
    expect(rows.map((r) => [r.name, r.count, r.rank, r.barPercent])).toEqual([
      ['Sam', 4, 1, 100],
      ['You', 2, 2, 50],
    ]);
  });

  it('measures a race against its target and shares ranks on equal counts', () => {
    const rows = standingRows(
      challenge({ format: 'race', target: 10, standings: [s('a', 5), s('b', 5)] }),
      members,
      'b',
    );
    expect(rows.map((r) => [r.name, r.rank, r.barPercent])).toEqual([
      ['You', 1, 50],
      ['Alex', 1, 50],
      ['Kim', 3, 0],
    ]);
  });

  it('names a member who left the pack without failing', () => {
    const rows = standingRows(
      challenge({ participants: [{ memberId: 'gone', declined: false }] }),
      members,
      'a',
    );
    expect(rows[0]?.name).toBe('A former member');
  });
});

describe('time left', () => {
  it.each([
    [{ start: 0, end: 3_600_000 + 5 * 60_000, status: 'active' as const }, 0, '1h 05m left'],
    [{ start: 60_000, end: 120_000, status: 'scheduled' as const }, 0, 'starts in 1m'],
    [{ start: 0, end: 1000, status: 'active' as const }, 2000, 'ending…'],
    [{ start: 0, end: 1000, status: 'ended' as const }, 0, 'ended'],
  ])('%j at %d reads "%s"', (view, now, words) => {
    expect(timeLeftLabel(view, now)).toBe(words);
  });
});

describe('progress to a target', () => {
  it.each([
    [4, 10, '4 of 10'],
    [12, 10, '10 of 10'],
    [3, null, null],
  ])('%d toward %s', (count, target, words) => {
    expect(progressLabel(count, target)).toBe(words);
  });
});

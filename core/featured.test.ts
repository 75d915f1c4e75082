import { describe, expect, it } from 'vitest';
import { pickFeaturedChallenge, rankFeatured } from './featured.ts';
import type { ChallengeView } from './types.ts';

const H = 3_600_000;
const NOW = Date.parse('2026-11-25T10:00:00Z');

function view(id: string, start: number, end: number, over: Partial<ChallengeView> = {}): ChallengeView {
  return {
    id,
    packId: 'p',
    creatorId: 'me',
    title: id,
    stake: null,
    metric: 'call',
    format: 'most',
    target: null,
    period: { kind: 'instants', start, end },
    start,
    end,
    horizon: null,
    participants: [
      { memberId: 'me', declined: false },
      { memberId: 'sam', declined: false },
    ],
    status: start <= NOW ? 'active' : 'scheduled',
    createdAt: start,
    endedAt: null,
    repeat: null,
    standings: [],
    result: null,
    ...over,
  };
}

describe('rankFeatured', () => {
  it.each<[string, ChallengeView[], string[]]>([
    ['nothing', [], []],
    [
      'live ones ending soonest first, then the ones to come by start',
      [
        view('next-week', NOW + 48 * H, NOW + 96 * H),
        view('quarter', NOW - 48 * H, NOW + 900 * H),
        view('tomorrow', NOW + 20 * H, NOW + 30 * H),
        view('power-hour', NOW - H / 2, NOW + H / 2),
      ],
      ['power-hour', 'quarter', 'tomorrow', 'next-week'],
    ],
    [
      'equal ends: the earlier start, then the id',
      [view('b', NOW - H, NOW + H), view('c', NOW - 2 * H, NOW + H), view('a', NOW - H, NOW + H)],
      ['c', 'a', 'b'],
    ],
    [
      'leaves out declined, not mine, ended, cancelled and past their end',
      [
        view('mine', NOW - H, NOW + H),
        view('declined', NOW - H, NOW + H, { participants: [{ memberId: 'me', declined: true }] }),
        view('theirs', NOW - H, NOW + H, { participants: [{ memberId: 'sam', declined: false }] }),
        view('ended', NOW - H, NOW + H, { status: 'ended' }),
        view('cancelled', NOW - H, NOW + H, { status: 'cancelled' }),
        view('awaiting-result', NOW - 2 * H, NOW),
      ],
      ['mine'],
    ],
  ])('%s', (_, challenges, expected) => {
    expect(rankFeatured(challenges, 'me', NOW).map((c) => c.id)).toEqual(expected);
  });

  it('the tray features the first of them', () => {
    const challenges = [view('quarter', NOW - 48 * H, NOW + 900 * H), view('hour', NOW - H, NOW + H)];
    expect(pickFeaturedChallenge(challenges, 'me', NOW)?.id).toBe('hour');
    expect(pickFeaturedChallenge([], 'me', NOW)).toBeNull();
  });
});

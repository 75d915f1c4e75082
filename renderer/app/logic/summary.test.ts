import { describe, expect, it } from 'vitest';
import type { ChallengeView } from '../../../core/types.ts';
import { ordinal, summaryLines, summaryText } from './summary.ts';
import type { SummaryInput } from './summary.ts';
import { challengeView, member } from './test-fixtures.ts';

const H = 3_600_000;
const D = 24 * H;
// Wednesday 25 Nov 2026, 11:00 in Berlin.
const NOW = Date.parse('2026-11-25T10:00:00Z');

const members = [member('me', 'Alex'), member('priya', 'Priya'), member('sam', 'Sam'), member('kim', 'Kim')];

/** Running for a day, six and a half days to go, among all four; `counts` by member id. */
function running(
  id: string,
  counts: Record<string, number>,
  over: Partial<ChallengeView> = {},
): ChallengeView {
  return challengeView({
    id,
    title: id,
    start: NOW - D,
    end: NOW + 6 * D + 12 * H,
    participants: members.map((m) => ({ memberId: m.id, declined: false })),
    standings: Object.entries(counts).map(([memberId, count]) => ({
      memberId,
      count,
      rank: 0,
      reachedAt: null,
    })),
    ...over,
  });
}

const input = (challenges: ChallengeView[]): SummaryInput => ({
  challenges,
  members,
  you: members[0] ?? null,
  pack: { timeZone: 'Europe/Berlin' },
});
const texts = (challenges: ChallengeView[], now = NOW) =>
  summaryLines(input(challenges), now).map(summaryText);

describe('summaryLines', () => {
  // One day of seven and a half has passed, so the pace is 7.5 times the count.
  it.each<[string, ChallengeView, string]>([
    [
      'behind the leader: rank, gap by name, days left, pace against the leader',
      running('c', { me: 8, priya: 30, sam: 2 }),
      '2nd of 4 · 22 behind Priya · 6 days left · on pace for 60, Priya 225',
    ],
    [
      'leading: by how much over the next',
      running('c', { me: 10, priya: 7 }),
      '1st of 4 · leading by 3 · 6 days left · on pace for 75, Priya 53',
    ],
    [
      'tied for the lead with one',
      running('c', { me: 4, sam: 4, priya: 1 }),
      '1st of 4 · tied with Sam for the lead · 6 days left · on pace for 30, Sam 30',
    ],
    [
      'two share the lead ahead of you',
      running('c', { me: 1, sam: 4, priya: 4 }),
      '3rd of 4 · 3 behind Priya and Sam · 6 days left · on pace for 8, Priya 30',
    ],
    [
      'everyone level: too many to name',
      running('c', { me: 2, sam: 2, priya: 2, kim: 2 }),
      '1st of 4 · tied for the lead · 6 days left · on pace for 15, Kim 15',
    ],
    [
      'three share the lead ahead of you',
      running('c', { me: 1, sam: 2, priya: 2, kim: 2 }),
      '4th of 4 · 1 behind the leaders · 6 days left · on pace for 8, Kim 15',
    ],
    ['nobody scored yet', running('c', {}), '1st of 4 · no score yet · 6 days left'],
    [
      'a race: the day you reach the target',
      running('c', { me: 10, priya: 12 }, { format: 'race', target: 20 }),
      '2nd of 4 · 2 behind Priya · 6 days left · on pace to reach 20 on Thu',
    ],
    [
      'a goal: how many to go and whether you are on track',
      running('c', { me: 3 }, { format: 'goal', target: 20 }),
      '1st of 4 · 17 to go · 6 days left · on track for the goal, on pace for 23',
    ],
    [
      'under two days: the countdown',
      running('c', { me: 2, priya: 1 }, { end: NOW + 5 * H }),
      '1st of 4 · leading by 1 · 5h 00m left · on pace for 2, Priya 1',
    ],
  ])('%s', (_, challenge, expected) => {
    expect(texts([challenge])).toEqual([expected]);
  });

  it('has no line for one you declined, are not in, that has ended or not started', () => {
    const declined = running(
      'declined',
      { me: 1 },
      {
        participants: [
          { memberId: 'me', declined: true },
          { memberId: 'sam', declined: false },
        ],
      },
    );
    const theirs = running('theirs', { sam: 1 }, { participants: [{ memberId: 'sam', declined: false }] });
    const ended = running('ended', { me: 1 }, { status: 'ended' });
    const later = running('later', {}, { status: 'scheduled', start: NOW + H });
    expect(summaryLines(input([declined, theirs, ended, later]), NOW)).toEqual([]);
    expect(summaryLines({ ...input([running('c', { me: 1 })]), you: null }, NOW)).toEqual([]);
  });

  it('orders the lines as the tray features them: the one ending soonest first', () => {
    const lines = summaryLines(
      input([
        running('quarter', { me: 1 }, { end: NOW + 60 * D }),
        running('power hour', { me: 1 }, { start: NOW - H / 2, end: NOW + H / 2 }),
        running('week', { me: 1 }),
      ]),
      NOW,
    );
    expect(lines.map((l) => l.challengeId)).toEqual(['power hour', 'week', 'quarter']);
    expect(lines.map((l) => l.tone)).toEqual(['ahead', 'ahead', 'ahead']);
  });

  it.each<[string, ChallengeView, string]>([
    ['leading', running('c', { me: 5, sam: 3 }), 'ahead'],
    ['tied', running('c', { me: 3, sam: 3 }), 'tied'],
    ['behind', running('c', { me: 1, sam: 3 }), 'behind'],
    ['nobody scored', running('c', {}), 'none'],
    ['a goal on track', running('c', { me: 3 }, { format: 'goal', target: 20 }), 'ahead'],
    ['a goal behind pace, though first', running('c', { me: 2 }, { format: 'goal', target: 20 }), 'behind'],
    ['a goal reached', running('c', { me: 20 }, { format: 'goal', target: 20 }), 'done'],
  ])('tone when %s', (_, challenge, tone) => {
    expect(summaryLines(input([challenge]), NOW)[0]?.tone).toBe(tone);
  });
});

describe('ordinal', () => {
  it.each([
    [1, '1st'],
    [2, '2nd'],
    [3, '3rd'],
    [4, '4th'],
    [11, '11th'],
    [12, '12th'],
    [13, '13th'],
    [21, '21st'],
    [22, '22nd'],
    [112, '112th'],
  ])('%d → %s', (n, expected) => {
    expect(ordinal(n)).toBe(expected);
  });
});

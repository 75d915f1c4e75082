import { describe, expect, it } from 'vitest';
import { buildChallenge } from './challenge-rules.ts';
import { BUILT_IN_METRICS } from './metrics.ts';
import type { ParsedRequestOf } from './protocol.ts';
import type { Member } from './types.ts';

/** How many take part in a challenge, however they are chosen. */
const CREATOR = '00000000-0000-4000-8000-000000000001';
const NOW = Date.UTC(2026, 2, 4, 17);

const member = (id: string): Member => ({
  id,
  packId: 'p1',
  displayName: id.slice(-3),
  role: id === CREATOR ? 'owner' : 'member',
  joinedAt: 0,
  active: true,
});
/** The creator and `others` more: a pack of others + 1. */
const pack = (others: number): Member[] => [
  member(CREATOR),
  ...Array.from({ length: others }, (_, i) =>
    member(`00000000-0000-4000-8000-${String(100 + i).padStart(12, '0')}`),
  ),
];
const partnersIn = (members: Member[]) => members.filter((m) => m.id !== CREATOR).map((m) => m.id);

function build(members: Member[], memberIds?: string[]) {
  const input: ParsedRequestOf<'challenge:create'> = {
    metric: 'call',
    format: 'most',
    period: { kind: 'this-week' },
  };
  if (memberIds) input.memberIds = memberIds;
  return buildChallenge(input, {
    id: 'c1',
    now: NOW,
    pack: { id: 'p1', name: 'Floor', timeZone: 'UTC', weekStart: 1, ownerId: CREATOR, createdAt: 0 },
    members,
    metrics: [...BUILT_IN_METRICS],
    creatorId: CREATOR,
  });
}

describe('the participants of a challenge', () => {
  it.each<[string, Member[], string[] | undefined, string]>([
    [
      'the whole of a pack of 51',
      pack(50),
      undefined,
      'this pack has 51 members, more than the 50 a challenge can take: name up to 49 partners (memberIds)',
    ],
    [
      '50 named partners, since the creator takes part too',
      pack(50),
      partnersIn(pack(50)),
      'a challenge takes at most 50 participants, you included: name up to 49 partners (memberIds)',
    ],
  ])('are refused as %s', (_what, members, memberIds, message) => {
    expect(build(members, memberIds)).toEqual({ ok: false, error: { code: 'bad_request', message } });
  });

  it.each<[string, Member[], string[] | undefined]>([
    ['the whole of a pack of 50', pack(49), undefined],
    ['49 named partners of a pack of 81', pack(80), partnersIn(pack(49))],
    ['50 named ids that include the creator', pack(80), [CREATOR, ...partnersIn(pack(49))]],
  ])('are 50 as %s', (_what, members, memberIds) => {
    const built = build(members, memberIds);
    expect(built.ok && built.challenge.participants).toHaveLength(50);
  });
});

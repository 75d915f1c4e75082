import fc from 'fast-check';
import { Big, Deep, Fresh, Ref } from './spec.ts';

/** Keys that reach an object's prototype, or shadow a method, when code copies or indexes blindly. */
export const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'toJSON',
  'then',
] as const;

/** Strings that break naive code: invisible, reordering, case-folding, unpaired or NUL. */
const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF',
  '\uFEFF',
  '\u202Ecall',
  '\u200B',
  'e\u0301\u0301\u0301',
  'İ',
  'ǅ',
  'ＣＡＬＬ',
  '👩‍👩‍👧‍👦',
  '\t\n\r',
  '\u001b[31m',
  '=cmd|" /C calc"!A0',
  '../../../etc/passwd',
  '%00',
  '${7*7}',
  'null',
  'undefined',
  'NaN',
  'true',
  '0',
  '-0',
  '1e308',
  'call ',
  'CALL',
  'call\u0000',
  '<script>alert(1)</script>',
  "'; drop table events; --",
];

/** Dates and instants at and past the edges of what a calendar and Date can hold. */
const ODD_DATES = [
  '9999-12-31',
  '0000-01-01',
  '0001-01-01',
  '1970-01-01',
  '1969-12-31',
  '2024-02-29',
  '2025-02-29',
  '2026-13-01',
  '2026-00-10',
  '2026-04-31',
  '+275760-09-13',
  '-271821-04-20',
  '2026-03-29T02:30:00',
  '2026-3-1',
  '20260301',
];

const ODD_NUMBERS = [
  0,
  -0,
  -1,
  1,
  0.5,
  -0.5,
  1e308,
  -1e308,
  5e-324,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 31,
  2 ** 32,
  -(2 ** 31) - 1,
  8.64e15,
  8.64e15 + 1,
  -8.64e15,
  253_402_300_799_999,
  253_402_300_800_000,
  1001,
  1_000_001,
  501,
  25,
  101,
];

/** Ids of both packs and a few that belong to nobody. */
export const REF_IDS = [
  'attacker.packId',
  'attacker.ownerId',
  'attacker.mateId',
  'attacker.challengeId',
  'attacker.scheduledId',
  'attacker.eventId',
  'attacker.mateEventId',
  'attacker.undoneId',
  'attacker.boardId',
  'attacker.cheerId',
  'victim.packId',
  'victim.ownerId',
  'victim.mateId',
  'victim.challengeId',
  'victim.scheduledId',
  'victim.eventId',
  'victim.mateEventId',
  'victim.undoneId',
  'victim.boardId',
  'victim.cheerId',
] as const;

const foreignIds = fc.constantFrom(
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-7fff-bfff-ffffffffffff',
  '019ABF6E-2D1C-7A3E-9C41-5B8E0F2A7D13',
  '019abf6e-2d1c-7a3e-9c41-5b8e0f2a7d1',
);

export const refId = fc.constantFrom(...REF_IDS).map((name) => new Ref(name));

/** At most about 60 KB on the wire each, so that a message with a few stays under LIMITS.maxMessageBytes. */
const bigString = fc
  .tuple(
    fc.constantFrom('x', 'é', '\u0000', '👍', '\uD800', '"', '{'),
    fc.integer({ min: 1000, max: 60_000 }),
  )
  .map(([unit, times]) => new Big(unit, Math.floor(times / wireBytes(unit))));

function wireBytes(s: string): number {
  return Buffer.byteLength(JSON.stringify(s)) - 2;
}

const deep = fc
  .tuple(
    fc.integer({ min: 50, max: 3000 }),
    fc.constantFrom(null, 'a', 'events', '__proto__'),
    fc.constantFrom(0, 'x', null, {}),
  )
  .map(([depth, key, leaf]) => new Deep(depth, key, leaf));

const protoObject = fc
  .tuple(
    fc.constantFrom(...PROTO_KEYS),
    fc.constantFrom<unknown>({ polluted: true }, null, 1, 'x', [], { prototype: { polluted: true } }),
  )
  // A computed key is an own property even when it is __proto__.
  .map(([key, value]) => ({ [key]: value }));

/** One leaf or small structure of the kind that breaks validation and handlers. */
export const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...ODD_STRINGS),
  fc.constantFrom(...ODD_DATES),
  fc.constantFrom(...ODD_NUMBERS),
  fc.constantFrom<unknown>(null, true, false, [], {}, [[]], [{}], [null]),
  refId,
  foreignIds,
  fc.constant(new Fresh('v7')),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.double(),
  fc.integer(),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.date({ noInvalidDate: true }).map((d) => d.getTime()),
  protoObject,
);

/** Anything at all, with a bias towards the values above, huge strings and deep nesting. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileLeaf },
  {
    weight: 3,
    arbitrary: fc.anything({
      maxDepth: 3,
      maxKeys: 6,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
      withUnicodeString: true,
    }),
  },
  { weight: 1, arbitrary: bigString },
  { weight: 1, arbitrary: deep },
);

const ENUMS = [
  ...['most', 'race', 'goal', 'today', 'this-week', 'this-quarter', 'range', 'instants'],
  ...['day', 'week', 'cheer', 'taunt', 'log', 'undo', 'weekly', 'Most', 'WEEK', 'month', 'daily'],
];

const lengths = (unit: string, ...counts: number[]) => counts.map((n) => new Big(unit, n));

/**
 * Values of the same kind as the field they replace, at and just past each limit: most pass the
 * schema, so that they reach the handler behind it.
 */
export const EDGES = {
  date: [
    ...ODD_DATES,
    ...['today+366', 'today-366', 'today+800', 'today-801', 'today+3000000', 'today-3000000'].map(
      (n) => new Ref(n),
    ),
  ],
  instant: [
    0,
    -1,
    1.5,
    8.64e15,
    8.64e15 + 1,
    253_402_300_799_999,
    ...['now-7776000001', 'now-7776000000', 'now-1', 'now+1', 'now+31622400000', 'now+31622400001'].map(
      (n) => new Ref(n),
    ),
    ...['now+8639000000000000', 'now-86400000000'].map((n) => new Ref(n)),
  ],
  number: ODD_NUMBERS,
  id: [...REF_IDS.map((name) => new Ref(name)), '00000000-0000-0000-0000-000000000000', new Fresh('v7')],
  slug: [
    ...['a', 'a'.repeat(32), 'a'.repeat(33), 'call', 'proposal', 'forward_appointment', 'Call', 'call-1'],
    ...['constructor', 'tostring', 'valueof', 'prototype', 'proto', 'hasownproperty'],
  ],
  text: [
    ...ODD_STRINGS,
    ...lengths('x', 60, 61, 120, 121, 140, 141, 200, 201, 500, 501),
    ...lengths('👍', 30, 31, 61),
  ],
  enum: ENUMS,
  boolean: [true, false, 0, 1, 'true', null],
} as const;

export type EdgeKind = keyof typeof EDGES;

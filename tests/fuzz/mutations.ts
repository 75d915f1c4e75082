import fc from 'fast-check';
import { EDGES, PROTO_KEYS, hostileLeaf, hostileValue, refId, type EdgeKind } from './hostile.ts';
import { Big, Fresh, Ref, defineOwn, plainObject } from './spec.ts';
import { VALID } from './templates.ts';

const FIELD_NAMES = [
  ...new Set(
    Object.values(VALID)
      .flat()
      .flatMap((template) => JSON.stringify(template).match(/"[a-zA-Z]+":/g) ?? [])
      .map((key) => key.slice(1, -2)),
  ),
];

/**
 * A change to a template: `at` picks a node (an object, an array or a field) by index, modulo
 * the number of nodes, so that every mutation applies to every template; `era` and `foreign`
 * change every date, or ids, of the request at once.
 */
export type Mutation =
  | { op: 'drop'; at: number }
  | { op: 'set'; at: number; value: unknown }
  | { op: 'add'; at: number; key: string; value: unknown }
  | { op: 'wrap'; at: number }
  | { op: 'alter'; at: number; pick: number }
  | { op: 'era'; date: string; instant: number }
  | { op: 'foreign'; nth: number | null };

// Uniform: fast-check's bias to small numbers would aim nearly every mutation at the first field.
const at = fc.noBias(fc.nat());

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('drop' as const), at }),
  fc.record({
    op: fc.constant('set' as const),
    at,
    value: fc.oneof(hostileLeaf, refId, hostileValue),
  }),
  fc.record({
    op: fc.constant('add' as const),
    at,
    key: fc.oneof(
      fc.constantFrom(...PROTO_KEYS),
      fc.constantFrom(...FIELD_NAMES),
      fc.string({ maxLength: 12 }),
    ),
    value: hostileValue,
  }),
  fc.record({ op: fc.constant('wrap' as const), at }),
);

/**
 * Another era for the whole request: every date and instant moves together, keeping its distance
 * from the others, so that a period stays a period (from before to) at the edges of the calendar.
 */
export const ERA_DATES = [
  '9999-12-25',
  '9999-12-31',
  '9999-01-01',
  '0000-01-01',
  '0001-01-01',
  '1969-12-25',
  '2099-12-28',
  '1900-02-25',
];
export const ERA_INSTANTS = [
  0,
  8.64e15 - 1e10,
  253_402_300_799_999 - 1e10,
  4_102_444_800_000,
  2 ** 31 * 1000,
  1e10,
];

/** Mostly a value of the field's own kind at an edge; the other mutations now and then. */
export const anyMutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('alter' as const), at, pick: at }) },
  { weight: 2, arbitrary: mutation },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('foreign' as const), nth: fc.option(at) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('era' as const),
      date: fc.constantFrom(...ERA_DATES),
      instant: fc.constantFrom(...ERA_INSTANTS),
    }),
  },
);

/** The spec with every ref replaced by what `change` makes of it. */
function mapRefs(node: unknown, change: (ref: Ref) => unknown): unknown {
  if (node instanceof Ref) return change(node);
  if (Array.isArray(node)) return node.map((child) => mapRefs(child, change));
  if (plainObject(node)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(node)) defineOwn(out, key, mapRefs(node[key], change));
    return out;
  }
  return node;
}

function moveEra(node: unknown, m: Extract<Mutation, { op: 'era' }>): unknown {
  return mapRefs(node, (ref) => {
    const dated = /^today([+-]\d+)?$/.exec(ref.name);
    if (dated) return new Ref(`date:${m.date}${dated[1] ?? '+0'}`);
    const instant = /^now([+-]\d+)?$/.exec(ref.name);
    if (instant) return new Ref(`instant:${m.instant}${instant[1] ?? '+0'}`);
    return ref;
  });
}

/** An id of the attacker's pack is one of the victim's: the same kind of thing, in another pack. */
const isAttackerId = (ref: Ref) =>
  ref.name.startsWith('attacker.') && !/\.(token|inviteCode)$/.test(ref.name);

export function attackerIds(node: unknown): number {
  let count = 0;
  mapRefs(node, (ref) => (isAttackerId(ref) ? (count += 1) : ref));
  return count;
}

/** The nth of the attacker's ids (or all of them, for null) swapped for the victim's. */
function goForeign(node: unknown, m: Extract<Mutation, { op: 'foreign' }>): unknown {
  const count = attackerIds(node);
  let seen = -1;
  return mapRefs(node, (ref) => {
    if (!isAttackerId(ref)) return ref;
    seen += 1;
    if (m.nth !== null && seen !== m.nth % Math.max(count, 1)) return ref;
    return new Ref(ref.name.replace(/^attacker\./, 'victim.'));
  });
}

const SLUG_FIELDS = new Set(['metric', 'id']);

function kindOf(value: unknown, key: string | number): EdgeKind | null {
  if (value instanceof Ref) {
    if (value.name.startsWith('today')) return 'date';
    if (value.name.startsWith('now')) return 'instant';
    return 'id';
  }
  if (value instanceof Fresh) return value.kind === 'v7' ? 'id' : 'slug';
  if (value instanceof Big) return 'text';
  if (typeof value === 'number')
    return key === 'occurredAt' || key === 'start' || key === 'end' ? 'instant' : 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value !== 'string') return null;
  if ((EDGES.enum as readonly string[]).includes(value)) return 'enum';
  return SLUG_FIELDS.has(String(key)) ? 'slug' : 'text';
}

type Slot = { parent: Record<string, unknown> | unknown[]; key: string | number };

/** Every field and element of a spec, outermost first; markers are leaves. */
function slots(root: Record<string, unknown>): Slot[] {
  const found: Slot[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach((child, index) => {
        found.push({ parent: node, key: index });
        walk(child);
      });
    } else if (plainObject(node)) {
      for (const key of Object.keys(node)) {
        found.push({ parent: node, key });
        walk(node[key]);
      }
    }
  };
  walk(root);
  return found;
}

function containers(root: Record<string, unknown>): (Record<string, unknown> | unknown[])[] {
  return [
    root,
    ...slots(root).flatMap(({ parent, key }) => {
      const child = (parent as Record<string | number, unknown>)[key];
      return Array.isArray(child) || plainObject(child) ? [child] : [];
    }),
  ];
}

/**
 * Deep-copies the plain parts of a template or a generated value (markers are immutable and
 * shared): a mutation must never change what fast-check generated, or replay and shrinking break.
 */
function copy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(copy);
  if (plainObject(node)) {
    const out = (Object.getPrototypeOf(node) === null ? Object.create(null) : {}) as Record<string, unknown>;
    for (const key of Object.keys(node))
      Object.defineProperty(out, key, {
        value: copy(node[key]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  }
  return node;
}

export function applyMutations(template: object, mutations: readonly Mutation[]): unknown {
  const root: Record<string, unknown> = { value: copy(template) };
  for (const m of mutations) {
    if (m.op === 'era' || m.op === 'foreign') {
      root.value = m.op === 'era' ? moveEra(root.value, m) : goForeign(root.value, m);
      continue;
    }
    if (m.op === 'add') {
      const all = containers(root).slice(1);
      const target = all[m.at % Math.max(all.length, 1)];
      if (Array.isArray(target)) target.push(copy(m.value));
      else if (target)
        Object.defineProperty(target, m.key, {
          value: copy(m.value),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      continue;
    }
    // Not the outermost slot: replacing the whole payload is what the random payloads do.
    const all = slots(root).slice(1);
    const slot = all[m.at % all.length];
    if (!slot) continue;
    const parent = slot.parent as Record<string | number, unknown>;
    if (m.op === 'drop') {
      if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
      else Reflect.deleteProperty(parent, slot.key);
    } else if (m.op === 'set') {
      parent[slot.key] = copy(m.value);
    } else if (m.op === 'alter') {
      const kind = kindOf(parent[slot.key], slot.key);
      const edges: readonly unknown[] = kind ? EDGES[kind] : [null];
      parent[slot.key] = edges[m.pick % edges.length];
    } else {
      parent[slot.key] = [parent[slot.key]];
    }
  }
  return root.value;
}

import fc from 'fast-check';
import type { RequestName } from '../../core/protocol.ts';
import { PROTO_KEYS, hostileValue } from './hostile.ts';
import { ERA_DATES, ERA_INSTANTS, anyMutation, applyMutations, attackerIds } from './mutations.ts';
import { VALID } from './templates.ts';

/** Half random values shaped roughly like a request, half a valid request changed a little. */
export function payloadFor(name: RequestName): fc.Arbitrary<unknown> {
  const templates = VALID[name];
  const keys = [...new Set(templates.flatMap((t) => Object.keys(t))), ...PROTO_KEYS];
  const shaped = fc.dictionary(fc.constantFrom(...(keys.length > 0 ? keys : ['x'])), hostileValue, {
    maxKeys: 4,
  });
  const mutated = fc
    .tuple(fc.nat({ max: templates.length - 1 }), fc.array(anyMutation, { minLength: 0, maxLength: 3 }))
    .map(([index, mutations]) => applyMutations(templates[index] ?? {}, mutations));
  return fc.oneof(
    { weight: 1, arbitrary: hostileValue },
    { weight: 1, arbitrary: shaped },
    { weight: 3, arbitrary: mutated },
  );
}

/**
 * Runs before the random ones, each valid request: as it is; in every era (dates and instants
 * paired by position), since the edges of the calendar are where date arithmetic breaks and a
 * random walk seldom lands on a whole period there; and with each of its ids, then all of them,
 * taken from the victim's pack, since that is the one change that must never be let through.
 */
export function sweepExamples(name: RequestName): unknown[] {
  const seen = new Map<string, unknown>();
  const keep = (value: unknown) => seen.set(fc.stringify(value), value);
  for (const template of VALID[name]) {
    keep(applyMutations(template, []));
    ERA_DATES.forEach((date, i) => {
      keep(
        applyMutations(template, [{ op: 'era', date, instant: ERA_INSTANTS[i % ERA_INSTANTS.length] ?? 0 }]),
      );
    });
    for (let nth = 0; nth < attackerIds(template); nth++)
      keep(applyMutations(template, [{ op: 'foreign', nth }]));
    keep(applyMutations(template, [{ op: 'foreign', nth: null }]));
  }
  return [...seen.values()];
}

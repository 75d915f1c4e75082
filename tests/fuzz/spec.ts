import fc from 'fast-check';
import { uuidv7 } from '../../core/uuid.ts';

/**
 * A generated payload is a *spec*: plain JSON-like values plus a few markers that are expanded
 * only when the message is sent. The markers keep counterexamples short and replayable: a
 * 150,000-character string prints as `big("x", 150000)`, an id of the victim's pack as
 * `ref(victim.challengeId)` (resolved against whichever fixture is current), and a fresh event
 * id as `fresh(v7)`, so that a valid request stays valid when it is replayed.
 */
export class Ref {
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
  [fc.toStringMethod](): string {
    return `ref(${this.name})`;
  }
}

export class Big {
  readonly unit: string;
  readonly times: number;
  constructor(unit: string, times: number) {
    this.unit = unit;
    this.times = times;
  }
  [fc.toStringMethod](): string {
    return `big(${JSON.stringify(this.unit)}, ${this.times})`;
  }
}

/** `depth` arrays (or objects under `key`) nested around `leaf`. */
export class Deep {
  readonly depth: number;
  readonly key: string | null;
  readonly leaf: unknown;
  constructor(depth: number, key: string | null, leaf: unknown) {
    this.depth = depth;
    this.key = key;
    this.leaf = leaf;
  }
  [fc.toStringMethod](): string {
    return `deep(${this.depth}, ${JSON.stringify(this.key)}, ${fc.stringify(this.leaf)})`;
  }
}

export class Fresh {
  readonly kind: 'v7' | 'metric';
  constructor(kind: 'v7' | 'metric') {
    this.kind = kind;
  }
  [fc.toStringMethod](): string {
    return `fresh(${this.kind})`;
  }
}

export type Resolve = (name: string) => unknown;

let metricCounter = 0;

function plainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Sets an own, enumerable property, so that keys like __proto__ reach the wire as data. */
export function defineOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The value that goes on the wire. Specs are shallow; only Deep nests, and it loops. */
export function materialize(spec: unknown, resolve: Resolve): unknown {
  if (spec instanceof Ref) return resolve(spec.name);
  if (spec instanceof Big) return spec.unit.repeat(spec.times);
  if (spec instanceof Fresh) return spec.kind === 'v7' ? uuidv7() : `fz_${(metricCounter += 1)}`;
  if (spec instanceof Deep) {
    let value = materialize(spec.leaf, resolve);
    for (let i = 0; i < spec.depth; i++) {
      if (spec.key === null) {
        value = [value];
      } else {
        const next = {};
        defineOwn(next, spec.key, value);
        value = next;
      }
    }
    return value;
  }
  if (Array.isArray(spec)) return spec.map((item) => materialize(item, resolve));
  if (plainObject(spec)) {
    const out = Object.getPrototypeOf(spec) === null ? Object.create(null) : {};
    for (const key of Object.keys(spec)) defineOwn(out, key, materialize(spec[key], resolve));
    return out;
  }
  return spec;
}

export { plainObject };

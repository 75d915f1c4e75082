import type { Parameters as FcParameters } from 'fast-check';

/**
 * `npm test` runs every property with a fixed seed and a small count, so that the suite is
 * repeatable and quick; `npm run fuzz` (run.ts: vitest --mode fuzz) runs the same properties with
 * a fresh seed, a much larger count and a time limit per property. WOLFPACK_FUZZ_SEED replays a
 * run, WOLFPACK_FUZZ_RUNS sets the count, WOLFPACK_FUZZ_SECONDS the time limit of each property.
 * fast-check prints the seed and the shrunk counterexample of any failure.
 */
const long = process.env.MODE === 'fuzz';
const FIXED_SEED = 20_260_511;

function envNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be a whole number, not "${raw}"`);
  return value;
}

export const SEED = envNumber('WOLFPACK_FUZZ_SEED') ?? (long ? (Math.random() * 2 ** 31) | 0 : FIXED_SEED);
const RUNS = envNumber('WOLFPACK_FUZZ_RUNS');
const SECONDS = envNumber('WOLFPACK_FUZZ_SECONDS') ?? (long ? 20 : 15);

/** fast-check settings for one property; `base` is its count under `npm test`. */
export function fuzzParams<T>(base: number): FcParameters<T> {
  return {
    seed: SEED,
    numRuns: RUNS ?? (long ? base * 40 : base),
    // Bounds generation and shrinking alike; a failure found before the limit is still reported
    // with the smallest counterexample reached by then.
    interruptAfterTimeLimit: SECONDS * 1000,
    markInterruptAsFailure: false,
    endOnFailure: false,
  };
}

/** The vitest timeout of a test that runs fuzz properties one after another. */
export function fuzzTimeout(properties = 1): number {
  return (SECONDS * properties + 30) * 1000;
}

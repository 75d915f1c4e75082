import { spawnSync } from 'node:child_process';

/**
 * `npm run fuzz [vitest filters]`: the fuzz properties with one fresh seed for every file (or
 * WOLFPACK_FUZZ_SEED to replay one), printed first so that any failure can be run again.
 */
const seed = process.env.WOLFPACK_FUZZ_SEED ?? String((Math.random() * 2 ** 31) | 0);
console.log(`fuzz seed ${seed}: replay with WOLFPACK_FUZZ_SEED=${seed} npm run fuzz`);
// npm puts node_modules/.bin on the PATH of its scripts.
const run = spawnSync('vitest', ['run', 'tests/fuzz', '--mode', 'fuzz', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, WOLFPACK_FUZZ_SEED: seed },
  shell: process.platform === 'win32',
});
process.exit(run.status ?? 1);

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'core/**/*.test.ts',
      'client/**/*.test.ts',
      'server/**/*.test.ts',
      'cli/**/*.test.ts',
      'electron/**/*.test.ts',
      'tests/**/*.test.ts',
      'renderer/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});

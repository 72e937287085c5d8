import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite instances are heavy (~400-800 MB each); two forks match the 2-core CI machine.
    maxWorkers: 2,
  },
});

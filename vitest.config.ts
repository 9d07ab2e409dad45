import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    // Real databases, real clients and child processes: generous limits, never timing assertions.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Each test file opens its own database; two workers keep a 2-core machine responsive.
    maxWorkers: 2,
  },
});

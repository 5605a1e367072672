import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Workflow bundling and the Temporal server are shared; two cores do not gain from more forks.
    pool: 'forks',
    maxWorkers: 2,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Room for a loaded machine: above the waits of test/support/service.ts's `eventually`.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Workflow bundling and the Temporal server are shared; two cores do not gain from more forks.
    pool: 'forks',
    maxWorkers: 2,
  },
});

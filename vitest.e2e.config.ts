import { defineConfig } from 'vitest/config';

// End-to-end tier: the real server (`node bin/phaseout serve`, demo mode, a fresh data dir) and Debian's Chromium
// driven by playwright-core. The global setup builds the console when web/dist is missing, starts the server on a
// free port and stops it at teardown. Journeys run one file at a time (one server, one browser each).
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
  },
});

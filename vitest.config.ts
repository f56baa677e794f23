import { defineConfig } from 'vitest/config';

// Three tiers: domain (pure, milliseconds), integration (real PostgreSQL: embedded by default, DATABASE_URL for an
// external server; HTTP through app.inject), and e2e (real Chromium; vitest.e2e.config.ts).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'domain',
          include: ['server/domain/**/*.test.ts', 'server/**/*.unit.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
    ],
  },
});

import { defineConfig } from 'vitest/config';

// Temporal's native bridge is not thread-safe across vitest threads: every layer runs in forks.
const shared = { pool: 'forks' as const, testTimeout: 60_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      { test: { ...shared, name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        test: {
          ...shared,
          name: 'workflow',
          include: ['test/workflow/**/*.test.ts', 'test/replay/**/*.test.ts'],
          globalSetup: ['test/setup/postgres.ts'],
        },
      },
      {
        test: {
          ...shared,
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/setup/postgres.ts', 'test/setup/temporal-dev-server.ts'],
        },
      },
      {
        test: {
          ...shared,
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          globalSetup: ['test/setup/postgres.ts', 'test/setup/temporal-dev-server.ts', 'test/setup/chromium.ts'],
        },
      },
    ],
  },
});

import { defineConfig } from 'vitest/config';

// Temporal's native bridge is not thread-safe across vitest threads: every layer runs in forks.
// Console output (the worker's warnings and stack traces of expected refusals included) is shown for
// failing tests only, so a real failure stands out; TEST_LOGS=1 shows all of it. Each test file's
// console output and logs also go to test-results/logs/ (test/support/log-file-reporter.ts).
const silent = process.env.TEST_LOGS === '1' ? false : ('passed-only' as const);
const shared = { pool: 'forks' as const, testTimeout: 60_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    silent,
    reporters: ['default', './test/support/log-file-reporter.ts', './test/support/summary-reporter.ts'],
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
          globalSetup: ['test/setup/postgres.ts', 'test/setup/temporal-dev-server.ts', 'test/setup/cjk-font.ts'],
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

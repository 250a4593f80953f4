import { defineConfig } from 'vitest/config';

// Three tiers (house style): unit tests next to the code, integration tests against a real
// PostgreSQL (embedded unless TEST_DATABASE_URL/DATABASE_URL is given), e2e in Debian's chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // Tiers run one after another (unit → integration → e2e): 2-core CI, and different worker counts.
          sequence: { groupOrder: 0 },
          include: ['{server,common,providers,web,bench,scripts}/**/*.test.{ts,tsx}'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['{server,common,providers}/**/*.int.test.ts'],
          globalSetup: ['server/test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

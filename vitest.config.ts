import { defineConfig } from 'vitest/config';

// Two groups on 2 cores: node tests (each file may hold its own embedded database) first, two at a time;
// then the browser tests one file at a time, so two Chromiums never fight over the cores.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['{models,server,client}/**/*.test.{ts,tsx}'],
          exclude: ['node_modules/**', 'dist/**', 'client/e2e/**'],
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['client/e2e/**/*.e2e.test.ts'],
          maxWorkers: 1,
          testTimeout: 120_000,
          globalSetup: ['client/e2e/globalSetup.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});

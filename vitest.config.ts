import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{models,server,client}/**/*.test.{ts,tsx}'],
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // 2 cores: each test file may hold its own embedded database.
    maxWorkers: 2,
    reporters: ['default'],
  },
});

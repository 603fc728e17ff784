/**
 * The e2e tier on its own: `npx vitest run --config test/e2e/vitest.e2e.config.ts`.
 * (The same settings belong in the root vitest.config.ts as project `e2e`.)
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'e2e',
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/global-server.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 300_000,
  },
});

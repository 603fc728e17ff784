import { defineConfig } from 'vitest/config';

// Tiers by folder: unit (pure logic), integration (real Neo4j). `npm test` runs them all.
export default defineConfig({
  resolve: {
    // One graphql module for everyone: a second copy (ESM beside CJS) makes graphql-js refuse
    // schemas built "in another realm".
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/helpers/global-neo4j.ts'],
          // One Neo4j for the run; files take turns so each can own the whole graph.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          // Neo4j, then the real server (server/main.ts, as `npm start` runs it) on a free port.
          globalSetup: ['test/e2e/global-server.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  // One graphql instance, as Node loads it: vite would pick graphql's ESM build for our code while
  // type-graphql and @apollo/subgraph load the CJS one, and graphql rejects types from "another realm".
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**'],
    // One throwaway redis-server for the whole run; suites that need their own start one.
    globalSetup: ['test/setup/redis.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: run files in parallel, but not so many that servers starve each other.
    maxWorkers: 2,
    pool: 'forks',
  },
});

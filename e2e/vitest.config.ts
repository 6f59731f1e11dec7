import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: each file starts the real server in-process (PGlite in memory, the built
 * web app from apps/web/dist) and drives it with Debian's Chromium through playwright-core.
 */
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 3,
    fileParallelism: true,
    testTimeout: 90_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: 'test' },
  },
});

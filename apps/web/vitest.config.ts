import { defineConfig } from 'vitest/config';

// Unit tests of the web app's logic (parsing, formatting, models): plain functions in Node. The
// screens are checked in Chromium by the e2e suite (e2e/).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});

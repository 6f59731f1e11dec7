import { defineConfig } from 'vitest/config';

// Unit tests of the back office's logic (the code field, the sections by role, the catalogues):
// plain functions in Node. The screens are checked in Chromium by e2e/backoffice.test.ts.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});

import { defineConfig } from 'vitest/config';

// Unit tests of the kit's logic (the translation core, the catalogues check, problem+json, formatting):
// plain functions in Node. The components are seen in Chromium by the e2e journeys of both apps.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});

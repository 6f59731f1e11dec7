import { defineConfig } from 'vitest/config';

// The shop's own tests: no database, no Kassa server (its integration test is the server's, test/demo-shop.test.ts).
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});

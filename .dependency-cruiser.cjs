// Module boundaries of the server, checked by `npm run lint` (lint:boundaries).
// A module is a folder apps/server/src/modules/<name>/; its index.ts is the one door other code may
// use (docs/ARCHITECTURE.md, STYLE.md "index.ts — what other modules may use"). Type-only imports
// count everywhere: a cycle through `import type` still ties the two files' designs together.

const MODULES = '^apps/server/src/modules';
// Test code: unit tests beside the code, their fixtures, and the server's test/ folder.
const TEST_FILE = ['\\.test\\.ts$', '\\.fixtures\\.ts$', '^apps/server/test/', '^e2e/'];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        'An import cycle: the files in it cannot be read, tested or changed one at a time. Break it by moving the shared part into a third file.',
      severity: 'error',
      from: { path: '^(apps/(server|web|backoffice|demo-shop)|packages/[^/]+)/src/' },
      to: { circular: true },
    },
    {
      name: 'packages-import-no-app',
      comment: 'A shared package (packages/, e.g. @kassa/format) sits below the server and the web app: it must not depend on either.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
    {
      name: 'web-apps-import-no-other-app',
      comment:
        'The web app and the back office share code only through packages/ (the design system, @kassa/ui): neither imports the other, nor the server.',
      severity: 'error',
      from: { path: '^apps/(web|backoffice)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'demo-shop-imports-no-kassa',
      comment:
        'The demo shop (apps/demo-shop) is an outside merchant: it reaches Kassa over HTTP only, with its own signature check, and imports nothing of the server, the other apps or packages/.',
      severity: 'error',
      from: { path: '^apps/demo-shop/' },
      to: { path: '^(apps|packages)/', pathNot: '^apps/demo-shop/' },
    },
    {
      name: 'module-imports-only-index',
      comment: "A module may use another module only through that module's index.ts.",
      severity: 'error',
      from: { path: `${MODULES}/([^/]+)/`, pathNot: TEST_FILE },
      to: { path: `${MODULES}/[^/]+/`, pathNot: [`${MODULES}/$1/`, `${MODULES}/[^/]+/index\\.ts$`] },
    },
    {
      name: 'outside-imports-only-index',
      comment: 'Code outside the modules (app.ts, context.ts, http/, demo/, scripts, bench) uses a module only through its index.ts.',
      severity: 'error',
      from: { path: '^(apps/server/(src|scripts)|bench|scripts)/', pathNot: [`${MODULES}/`, ...TEST_FILE] },
      // The vault's own door, for its key-rotation script (the next rule lets nothing else through).
      to: { path: `${MODULES}/[^/]+/`, pathNot: [`${MODULES}/[^/]+/index\\.ts$`, `${MODULES}/cards/vault/index\\.ts$`] },
    },
    {
      name: 'vault-imports-only-index',
      comment:
        'The card-data vault (modules/cards/vault) is a module inside cards with the narrowest door of the server: the rest of cards uses it only through vault/index.ts (docs/card-vault.md).',
      severity: 'error',
      from: { path: `${MODULES}/cards/`, pathNot: [`${MODULES}/cards/vault/`, ...TEST_FILE] },
      to: { path: `${MODULES}/cards/vault/`, pathNot: `${MODULES}/cards/vault/index\\.ts$` },
    },
    {
      name: 'vault-only-for-cards-and-its-script',
      comment:
        'Only cards and the key-rotation script (apps/server/scripts/cards-rotate-key.ts) reach the vault; everything else sees card ids and masked numbers through cards.',
      severity: 'error',
      from: {
        path: '^(apps/server/(src|scripts)|bench|scripts)/',
        pathNot: [`${MODULES}/cards/`, '^apps/server/scripts/cards-rotate-key\\.ts$', ...TEST_FILE],
      },
      to: { path: `${MODULES}/cards/vault/` },
    },
    {
      name: 'test-imports-only-index-or-fixtures',
      comment: "A test may use another module only through its index.ts and its *.fixtures.ts; a module's own tests use its files freely.",
      severity: 'error',
      from: { path: `${MODULES}/([^/]+)/.+(\\.test|\\.fixtures)\\.ts$` },
      to: {
        path: `${MODULES}/[^/]+/`,
        pathNot: [`${MODULES}/$1/`, `${MODULES}/[^/]+/index\\.ts$`, `${MODULES}/[^/]+/[^/]+\\.fixtures\\.ts$`],
      },
    },
    {
      name: 'outside-test-imports-only-index-or-fixtures',
      comment: 'Tests outside the modules (test/, e2e/, db/ and shared/ tests) use a module only through its index.ts and *.fixtures.ts.',
      severity: 'error',
      from: { path: TEST_FILE, pathNot: `${MODULES}/` },
      to: {
        path: `${MODULES}/[^/]+/`,
        pathNot: [`${MODULES}/[^/]+/index\\.ts$`, `${MODULES}/[^/]+/[^/]+\\.fixtures\\.ts$`],
      },
    },
    {
      name: 'shared-and-db-import-no-module',
      comment: 'shared/ and db/ are below every module: they must not depend on one.',
      severity: 'error',
      from: { path: '^apps/server/src/(shared|db)/', pathNot: TEST_FILE },
      to: { path: `${MODULES}/` },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import the checker cannot resolve would slip past every rule above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^apps/[^/]+/dist/' },
    // Type-only imports are dependencies too (`import type`, `import { type X }`).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'apps/server/tsconfig.json' },
    enhancedResolveOptions: {
      // The web apps import without extensions (bundler resolution).
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
      // Packages that ship ESM only (typebox, @simplewebauthn/server) answer the `import` condition.
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    skipAnalysisNotInRules: true,
  },
};

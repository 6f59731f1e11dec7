// Table ownership, checked by `npm run lint` (lint:tables). Every table has one owner, declared in
// apps/server/src/db/table-owners.json; only the owner's SQL names it, so a module's tables can
// change without reading the rest of the server. An owner may be a module inside a module
// (`cards/vault`): its folder's files are its own, and the outer module's SQL may not name its tables.
// Fails when:
//   - the SQL of a file names a table owned by someone else (a read, a join, a write);
//   - a migration creates (or renames to) a table the map does not declare;
//   - inside modules/, SQL sits outside a `*.repo.ts` (or a table name outside `*.repo.ts` and
//     `*.retention.ts`, whose purge targets name their tables: `table: '<name>'`).
// Migrations are exempt from the first rule: they are where data moves between owners.
//
// SQL is found in the string and template literals of apps/server/src/**/*.ts (tests aside),
// parsed with the TypeScript compiler; a table is the name after FROM, JOIN, INTO, UPDATE, TABLE,
// USING or TRUNCATE (a name the literal defines itself, `WITH name AS (`, is none). SQL keywords
// are written in capitals in this code base, and the check relies on it: so English text
// ("Create a transfer from …") is never taken for SQL.
//
// `node scripts/check-table-owners.mjs --self-test` runs the check on a small tree it writes in a
// temporary folder and fails unless each rule catches its breach there.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SERVER_SOURCE = 'apps/server/src';
const OWNERS_FILE = `${SERVER_SOURCE}/db/table-owners.json`;
const MIGRATIONS_DIR = `${SERVER_SOURCE}/db/migrations`;
// Owners that are folders of src/ rather than modules/<owner>/.
const NON_MODULE_OWNERS = new Set(['http', 'demo', 'db']);
const TEST_FILE = /(\.test\.ts|\.fixtures\.ts)$/;

const STATEMENT_START = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|ALTER|DROP|TRUNCATE|LOCK)\s/;
// `WITH name AS (`, `, name AS (`: a common table expression, whose name hides a table's.
const CTE_NAME = /(?:\bWITH\s+(?:RECURSIVE\s+)?|,\s*)([A-Za-z_]\w*)\s+AS\s+(?:(?:NOT\s+)?MATERIALIZED\s+)?\(/g;
// A table name, maybe schema-qualified or quoted; a keyword where a name could stand is none.
const NAME = String.raw`(?!(?:SET|OF|SKIP|NOWAIT|LATERAL|SELECT)\b)(?:"?[A-Za-z_]\w*"?\.)?"?([A-Za-z_]\w*)"?`;
const ALIAS = String.raw`(?:\s+(?:AS\s+)?(?!(?:WHERE|ON|SET|USING|JOIN|LEFT|RIGHT|INNER|FULL|CROSS|NATURAL|GROUP|ORDER|LIMIT|FOR|RETURNING|VALUES|WINDOW|UNION|HAVING|OFFSET|DEFAULT|SELECT)\b)[A-Za-z_]\w*)?`;
const TABLE_AFTER_KEYWORD = String.raw`\b(?:FROM|JOIN|INTO|UPDATE|TABLE|USING|TRUNCATE)\s+(?:ONLY\s+)?(?:IF\s+(?:NOT\s+)?EXISTS\s+)?${NAME}${ALIAS}((?:\s*,\s*${NAME}${ALIAS})*)`;
// `FROM a x, b y`: the names after the first, in the list the pattern above captured whole.
const COMMA_LIST_ITEM = new RegExp(String.raw`\s*,\s*${NAME}${ALIAS}`, 'dg');
const CREATED_TABLE =
  /\b(?:CREATE\s+(?:UNLOGGED\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?|ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?\S+\s+RENAME\s+TO\s+)(?:"?\w+"?\.)?"?(\w+)"?/gi;

/**
 * Who owns the code in `file` (a path relative to the repo root), or null for app.ts, shared/…
 * `owners` is every owner the map names, so a nested owner (`cards/vault`) claims its folder.
 */
function ownerOfFile(file, owners) {
  const parts = file.split('/');
  const src = SERVER_SOURCE.split('/');
  if (parts.slice(0, src.length).join('/') !== SERVER_SOURCE) return null;
  const [first, second, third] = parts.slice(src.length);
  if (first === 'modules' && second !== undefined && parts.length > src.length + 2) {
    const nested = `${second}/${third}`;
    return parts.length > src.length + 3 && owners.has(nested) ? nested : second;
  }
  if (NON_MODULE_OWNERS.has(first) && parts.length > src.length + 1) return first;
  return null;
}

function ownerFolder(owner) {
  return NON_MODULE_OWNERS.has(owner) ? `${SERVER_SOURCE}/${owner}/` : `${SERVER_SOURCE}/modules/${owner}/`;
}

function lineAt(text, offset) {
  let line = 1;
  for (let i = 0; i < offset; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

/** Table names (with their offsets) that a piece of SQL reads or writes. */
function tablesInSql(sql) {
  const keywords = new RegExp(TABLE_AFTER_KEYWORD, 'dg');
  const defined = new Set([...sql.matchAll(CTE_NAME)].map((match) => match[1].toLowerCase()));
  const found = [];
  for (const match of sql.matchAll(keywords)) {
    found.push({ table: match[1].toLowerCase(), offset: match.indices[1][0] });
    if (!match[2]) continue;
    const listStart = match.indices[2][0];
    for (const item of match[2].matchAll(COMMA_LIST_ITEM)) {
      found.push({ table: item[1].toLowerCase(), offset: listStart + item.indices[1][0] });
    }
  }
  return found.filter(({ table }) => !defined.has(table));
}

/**
 * The literals of a TypeScript file: SQL-looking strings and templates (substitutions blanked so
 * offsets stay true) and `table: '<name>'` properties.
 */
function literalsOf(fileName, text) {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const literals = [];
  const visit = (node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      const start = node.getStart(source);
      const parent = node.parent;
      const isTableProperty =
        ts.isPropertyAssignment(parent) && parent.initializer === node && ts.isIdentifier(parent.name) && parent.name.text === 'table';
      literals.push({ start, text: text.slice(start, node.end), tableName: isTableProperty ? node.text : null });
    } else if (ts.isTemplateExpression(node)) {
      const start = node.getStart(source);
      let body = text.slice(start, node.end);
      for (const span of node.templateSpans) {
        const from = span.expression.getFullStart() - start;
        const to = span.expression.end - start;
        body = body.slice(0, from) + body.slice(from, to).replace(/[^\n]/g, ' ') + body.slice(to);
      }
      literals.push({ start, text: body, tableName: null });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return literals;
}

function walk(root, dir, out = []) {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) walk(root, path, out);
    else out.push(path);
  }
  return out;
}

/** Runs every rule on the repository at `root`; returns the violations as sentences. */
function checkTableOwners(root) {
  const violations = [];
  const map = JSON.parse(readFileSync(join(root, OWNERS_FILE), 'utf8'));
  const owners = new Map(Object.entries(map.tables));
  const ownerNames = new Set(owners.values());

  for (const file of walk(root, MIGRATIONS_DIR).filter((path) => path.endsWith('.sql'))) {
    const sql = readFileSync(join(root, file), 'utf8');
    for (const match of sql.matchAll(CREATED_TABLE)) {
      const table = match[1].toLowerCase();
      if (!owners.has(table)) {
        violations.push(
          `${file}:${lineAt(sql, match.index)}: creates table "${table}", which ${OWNERS_FILE} does not declare: add it with its owner`,
        );
      }
    }
  }

  const sources = walk(root, SERVER_SOURCE).filter(
    (path) => path.endsWith('.ts') && !path.endsWith('.d.ts') && !TEST_FILE.test(path) && !path.startsWith(`${MIGRATIONS_DIR}/`),
  );
  for (const file of sources) {
    const text = readFileSync(join(root, file), 'utf8');
    const owner = ownerOfFile(file, ownerNames);
    const inModule = file.startsWith(`${SERVER_SOURCE}/modules/`);
    const isRepo = file.endsWith('.repo.ts');
    const isRetention = file.endsWith('.retention.ts');
    const reported = new Set();
    const report = (offset, message) => {
      const at = `${file}:${lineAt(text, offset)}`;
      if (reported.has(`${at} ${message}`)) return;
      reported.add(`${at} ${message}`);
      violations.push(`${at}: ${message}`);
    };
    for (const literal of literalsOf(file, text)) {
      const tables = literal.tableName
        ? [{ table: literal.tableName, offset: 1 }]
        : tablesInSql(literal.text).filter(({ table }) => owners.has(table));
      const isSql = !literal.tableName && (tables.length > 0 || STATEMENT_START.test(literal.text.slice(1)));
      for (const { table, offset } of tables) {
        const tableOwner = owners.get(table);
        if (tableOwner === undefined) {
          report(literal.start + offset, `names table "${table}", which ${OWNERS_FILE} does not declare`);
        } else if (tableOwner !== owner) {
          const who = owner === null ? 'this file belongs to no module' : `the SQL of ${owner} may name only its own tables`;
          report(
            literal.start + offset,
            `names table "${table}", owned by ${tableOwner} (${ownerFolder(tableOwner)}): ${who}; call ${tableOwner}'s index.ts instead`,
          );
        }
      }
      if (inModule && isSql && !isRepo) {
        report(literal.start, `SQL outside a *.repo.ts: move it into the module's repository`);
      } else if (inModule && literal.tableName && !isRepo && !isRetention) {
        report(literal.start, `table "${literal.tableName}" named outside a *.repo.ts or *.retention.ts`);
      }
    }
  }
  return violations.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** Writes a small repository that breaks each rule (and keeps each rule) once, and checks it. */
function selfTest() {
  const root = mkdtempSync(join(tmpdir(), 'table-owners-'));
  const write = (path, text) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  try {
    write(
      OWNERS_FILE,
      JSON.stringify({ tables: { customers: 'identity', ledger_accounts: 'ledger', sessions: 'auth', vault_pans: 'cards/vault' } }),
    );
    write(
      `${MIGRATIONS_DIR}/0001_first.sql`,
      'CREATE TABLE customers (id text);\nCREATE TABLE ledger_accounts (id text);\nCREATE TABLE vault_pans (id text);\n',
    );
    write(
      `${MIGRATIONS_DIR}/0002_second.sql`,
      [
        'CREATE TABLE sessions (id text);',
        '',
        'CREATE TABLE IF NOT EXISTS stray_things (id text);',
        'ALTER INDEX sessions_pkey RENAME TO stray_index;',
        'ALTER TABLE ledger_accounts RENAME TO stray_accounts;',
        '',
      ].join('\n'),
    );
    write(
      `${SERVER_SOURCE}/modules/identity/identity.repo.ts`,
      "export const own = 'SELECT id FROM customers WHERE id = $1';\nexport const note = 'Moves money from customers';\n",
    );
    write(
      `${SERVER_SOURCE}/modules/ledger/ledger.repo.ts`,
      [
        'export const own = `SELECT a.id FROM ledger_accounts a WHERE a.id = $1`;',
        'export const crossRead = `SELECT a.id, c.full_name',
        '  FROM ledger_accounts a',
        '  JOIN customers c ON c.id = a.customer_id WHERE a.id = \u0024{ID}`;',
        '',
      ].join('\n'),
    );
    // A module inside a module owns its tables: the outer module's SQL may not name them.
    write(`${SERVER_SOURCE}/modules/cards/vault/vault.repo.ts`, "export const own = 'SELECT id FROM vault_pans WHERE id = $1';\n");
    write(`${SERVER_SOURCE}/modules/cards/cards.repo.ts`, "export const inner = 'SELECT id FROM vault_pans WHERE id = $1';\n");
    write(`${SERVER_SOURCE}/modules/auth/login.service.ts`, "export const q = 'UPDATE sessions SET ended_at = now() WHERE id = $1';\n");
    write(`${SERVER_SOURCE}/modules/auth/auth.retention.ts`, "export const target = { table: 'sessions', key: 'id' };\n");
    write(`${SERVER_SOURCE}/modules/auth/lockout.ts`, "export const target = { table: 'sessions', key: 'id' };\n");
    write(`${SERVER_SOURCE}/modules/auth/auth.test.ts`, "export const q = 'SELECT * FROM customers, ledger_accounts';\n");
    write(`${SERVER_SOURCE}/app.ts`, "export const q = 'DELETE FROM sessions s USING customers c WHERE s.customer_id = c.id';\n");

    const violations = checkTableOwners(root);
    const expected = [
      `${MIGRATIONS_DIR}/0002_second.sql:3: creates table "stray_things"`,
      `${MIGRATIONS_DIR}/0002_second.sql:5: creates table "stray_accounts"`,
      `${SERVER_SOURCE}/modules/ledger/ledger.repo.ts:4: names table "customers", owned by identity`,
      `${SERVER_SOURCE}/modules/cards/cards.repo.ts:1: names table "vault_pans", owned by cards/vault`,
      `${SERVER_SOURCE}/modules/auth/login.service.ts:1: SQL outside a *.repo.ts`,
      `${SERVER_SOURCE}/modules/auth/lockout.ts:1: table "sessions" named outside a *.repo.ts or *.retention.ts`,
      `${SERVER_SOURCE}/app.ts:1: names table "sessions", owned by auth`,
      `${SERVER_SOURCE}/app.ts:1: names table "customers", owned by identity`,
    ];
    const missing = expected.filter((start) => !violations.some((violation) => violation.startsWith(start)));
    const unexpected = violations.filter((violation) => !expected.some((start) => violation.startsWith(start)));
    for (const [sql, tables] of [
      ['SELECT * FROM a x, b AS y JOIN c ON true', ['a', 'b', 'c']],
      ['INSERT INTO a (id) SELECT id FROM b ON CONFLICT (id) DO UPDATE SET n = 1', ['a', 'b']],
      ['SELECT extract(epoch FROM created_at) FROM public."a" FOR UPDATE SKIP LOCKED', ['created_at', 'a']],
      ['WITH a AS (SELECT 1), b AS MATERIALIZED (SELECT 2) SELECT * FROM a JOIN b ON true JOIN c ON true', ['c']],
      ['Create a transfer from customers', []],
    ]) {
      const got = tablesInSql(sql).map(({ table }) => table);
      if (got.join() !== tables.join()) missing.push(`tablesInSql(${sql}) = ${got.join()}, expected ${tables.join()}`);
    }
    if (missing.length > 0 || unexpected.length > 0) {
      console.error('check-table-owners self-test FAILED');
      for (const line of missing) console.error(`  not reported: ${line}`);
      for (const line of unexpected) console.error(`  reported, not expected: ${line}`);
      return false;
    }
    console.log(`check-table-owners self-test: ${expected.length} breaches caught, nothing else reported`);
    return true;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv.includes('--self-test')) {
  process.exitCode = selfTest() ? 0 : 1;
} else {
  const violations = checkTableOwners(fileURLToPath(new URL('..', import.meta.url)));
  for (const violation of violations) console.error(violation);
  if (violations.length > 0) {
    console.error(`\n${violations.length} table-ownership violation(s). The owners are in ${OWNERS_FILE}.`);
    process.exitCode = 1;
  } else {
    console.log(`table owners: the server's SQL names only tables its own module owns (${OWNERS_FILE})`);
  }
}

import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { migrate } from '../src/db/migrate.js';
import { openDatabase } from '../src/db/open.js';
import { createStaffUser, normalizeDisplayName, STAFF_ROLES, STAFF_USERNAME_PATTERN, type StaffRole } from '../src/modules/staff/index.js';
import { isLanguage } from '../src/shared/i18n.js';
import { ProblemError, problemDefinition } from '../src/shared/problem.js';

/**
 * `npm run staff:create -- --role admin --username a.admin --name "Айгерим Бекова" [--language ru]`:
 * a staff member with a password asked on the terminal (never echoed, never an argument: the
 * command line is in the shell's history and in `ps`), under the customers' password policy.
 * Their TOTP is enrolled at their first login, by QR code. The first admin is made this way; the
 * others by an admin in the back office.
 *
 * Without a terminal the password is refused, unless STAFF_PASSWORD_STDIN=1 says the first line of
 * standard input is the password (provisioning scripts). Works on DATABASE_URL and on the embedded
 * DATA_DIR (stop the server first there: PGlite serves one process). Migrates the database first.
 */

const USAGE =
  'usage: npm run staff:create -- --role operator|security_officer|admin --username a.bekova --name "Full Name" [--language ru|kk|en]';

function fail(message: string): never {
  process.stderr.write(`staff:create: ${message}\n`);
  process.exit(1);
}

/** One line typed with the echo off: readline writes through an output that drops what is typed. */
async function askHidden(prompt: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, encoding, callback) {
      if (!muted) process.stdout.write(chunk, encoding);
      callback();
    },
  });
  const reader = createInterface({ input: process.stdin, output, terminal: true });
  process.stdout.write(prompt);
  muted = true;
  try {
    return await new Promise<string>((resolve) => reader.question('', resolve));
  } finally {
    muted = false;
    reader.close();
    process.stdout.write('\n');
  }
}

async function firstLineOfStdin(): Promise<string> {
  const reader = createInterface({ input: process.stdin, terminal: false });
  for await (const line of reader) {
    reader.close();
    return line.replace(/\r$/, '');
  }
  return '';
}

async function readPassword(): Promise<string> {
  if (process.env.STAFF_PASSWORD_STDIN === '1') return firstLineOfStdin();
  if (!process.stdin.isTTY)
    fail('the password is asked on a terminal; for a script, set STAFF_PASSWORD_STDIN=1 and give it on the first line of stdin');
  const password = await askHidden('Password (not shown): ');
  if ((await askHidden('The same password again: ')) !== password) fail('the two passwords differ');
  return password;
}

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    username: { type: 'string' },
    name: { type: 'string' },
    language: { type: 'string', default: 'ru' },
  },
  strict: true,
});
const isRole = (value: string | undefined): value is StaffRole => (STAFF_ROLES as readonly (string | undefined)[]).includes(value);
const role = values.role;
if (!isRole(role)) fail(`--role must be one of ${STAFF_ROLES.join(', ')}\n${USAGE}`);
const username = (values.username ?? '').trim().toLowerCase();
if (!new RegExp(STAFF_USERNAME_PATTERN).test(username))
  fail(`--username must be lowercase letters, digits, . _ -, a letter first (2–64)\n${USAGE}`);
const displayName = normalizeDisplayName(values.name ?? '');
if (!displayName) fail(`--name must be a person's name in letters\n${USAGE}`);
const language = values.language;
if (!isLanguage(language)) fail(`--language must be ru, kk or en\n${USAGE}`);

const password = await readPassword();
const config = loadConfig();
const db = await openDatabase(config);
try {
  await migrate(db, { bankTimeZone: config.bankTimeZone });
  const staff = await createStaffUser(db, {
    username,
    displayName,
    role,
    language,
    password,
    createdBy: null,
    meta: null,
    now: new Date(),
  });
  process.stdout.write(
    `Created ${staff.role} ${staff.username} (${staff.id}). At the first login at /backoffice they scan a QR code with an authenticator app.\n`,
  );
} catch (error) {
  // A refused password or a taken username: the reason in English, as the problem's title says it.
  if (!(error instanceof ProblemError)) throw error;
  process.stderr.write(`staff:create: ${problemDefinition(error.code).title.en}\n`);
  process.exitCode = 1;
} finally {
  await db.close();
}

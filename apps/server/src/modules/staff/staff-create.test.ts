import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteDatabase } from '../../db/pglite.js';

const SCRIPT = fileURLToPath(new URL('../../../scripts/staff-create.ts', import.meta.url));
// tsx, PGlite's start and the migrations take a few seconds each run.
const SCRIPT_WAIT_MS = 60_000;

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'kassa-staff-create-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function run(
  args: string[],
  input: string | null,
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, ...args], {
    env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += String(chunk);
  });
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  if (input !== null) child.stdin.write(input);
  child.stdin.end();
  const killer = setTimeout(() => child.kill('SIGKILL'), SCRIPT_WAIT_MS);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    }),
  );
}

async function staffRows(): Promise<
  Array<{ username: string; role: string; display_name: string; totp_enrolled_at: Date | null; password_hash: string }>
> {
  const db = await PgliteDatabase.open({ dataDir });
  try {
    return (
      await db.query<{ username: string; role: string; display_name: string; totp_enrolled_at: Date | null; password_hash: string }>(
        'SELECT username, role, display_name, totp_enrolled_at, password_hash FROM staff_users ORDER BY username',
      )
    ).rows;
  } finally {
    await db.close();
  }
}

const ADMIN = ['--role', 'admin', '--username', 'A.Admin', '--name', 'Айгерим  Бекова'];

describe('npm run staff:create', () => {
  it(
    'creates the first admin on the embedded DATA_DIR with the password from stdin, TOTP not yet enrolled',
    async () => {
      const created = await run(ADMIN, 'Correct-Horse-Staple-99\nignored second line\n', { STAFF_PASSWORD_STDIN: '1' });
      expect(created.code, created.stderr).toBe(0);
      expect(created.stdout).toMatch(/Created admin a\.admin \(stf_[0-9a-f]{32}\)/);
      expect(created.stdout + created.stderr).not.toContain('Correct-Horse-Staple-99');
      const rows = await staffRows();
      expect(rows).toEqual([
        {
          username: 'a.admin',
          role: 'admin',
          display_name: 'Айгерим Бекова',
          totp_enrolled_at: null,
          password_hash: expect.stringMatching(/^\$argon2id\$/),
        },
      ]);
    },
    SCRIPT_WAIT_MS,
  );

  it(
    'refuses a password that fails the policy, and a username that is taken',
    async () => {
      const weak = await run(['--role', 'operator', '--username', 'b.weak', '--name', 'Weak'], 'password1234\n', {
        STAFF_PASSWORD_STDIN: '1',
      });
      expect(weak.code).toBe(1);
      expect(weak.stderr).toMatch(/too common/);
      const taken = await run(ADMIN, 'Another-Good-Passphrase-7\n', { STAFF_PASSWORD_STDIN: '1' });
      expect(taken.code).toBe(1);
      expect(taken.stderr).toMatch(/already exists/);
      expect((await staffRows()).map((row) => row.username)).toEqual(['a.admin']);
    },
    2 * SCRIPT_WAIT_MS,
  );

  it(
    'refuses to read a password from a pipe unless STAFF_PASSWORD_STDIN=1, and a wrong role',
    async () => {
      const piped = await run(['--role', 'operator', '--username', 'c.piped', '--name', 'Piped'], 'Correct-Horse-Staple-99\n');
      expect(piped.code).toBe(1);
      expect(piped.stderr).toMatch(/asked on a terminal.*STAFF_PASSWORD_STDIN=1/);
      const role = await run(['--role', 'root', '--username', 'c.root', '--name', 'Root'], 'Correct-Horse-Staple-99\n', {
        STAFF_PASSWORD_STDIN: '1',
      });
      expect(role.code).toBe(1);
      expect(role.stderr).toMatch(/--role must be one of operator, security_officer, admin/);
      expect((await staffRows()).map((row) => row.username)).toEqual(['a.admin']);
    },
    2 * SCRIPT_WAIT_MS,
  );
});

import { readFileSync } from 'node:fs';
import { hash, verify } from '@node-rs/argon2';

// ASVS 2.1.1–2.1.2: at least 12 characters, at most 128, never truncated, no composition rules.
export const PASSWORD_LENGTH_MIN = 12;
export const PASSWORD_LENGTH_MAX = 128;

// OWASP's Argon2id baseline: 19 MiB, 2 passes, 1 lane (ASVS 2.4).
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#')),
);

export type PasswordProblem = 'too-short' | 'too-long' | 'common';

/** Length counts characters as people see them (code points), not UTF-16 units. */
export function checkPasswordPolicy(password: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_LENGTH_MIN) return 'too-short';
  if (length > PASSWORD_LENGTH_MAX) return 'too-long';
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return 'common';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), ARGON2_OPTIONS);
}

// Verified against when the login names nobody, so an unknown phone costs the same time (RTS 4(3)(a)).
let dummyHash: Promise<string> | null = null;
function getDummyHash(): Promise<string> {
  dummyHash ??= hash('kassa-timing-equaliser-not-a-password', ARGON2_OPTIONS);
  return dummyHash;
}

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if ([...password].length > PASSWORD_LENGTH_MAX) return false;
  const target = storedHash ?? (await getDummyHash());
  const ok = await verify(target, password.normalize('NFC')).catch(() => false);
  return storedHash !== null && ok;
}

export function commonPasswordCount(): number {
  return COMMON_PASSWORDS.size;
}

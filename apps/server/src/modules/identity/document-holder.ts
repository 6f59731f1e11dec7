import type { Queryable } from '../../db/database.js';
import type { Keyring } from '../../shared/keyring.js';
import { findCustomerById } from './identity.repo.js';
import { maskIin } from './iin.js';
import { revealIin } from './iin-at-rest.js';

/**
 * The holder of an account as the bank's documents name them (statements, issue 12 item 5): the
 * full name as registered and the IIN masked as everywhere it is shown (iin.ts maskIin). The IIN
 * is opened here and never leaves this module in plaintext.
 */
export async function documentHolder(
  db: Queryable,
  keyring: Keyring,
  customerId: string,
): Promise<{ fullName: string; maskedIin: string } | null> {
  const customer = await findCustomerById(db, customerId);
  if (!customer) return null;
  const iin = await revealIin(db, keyring, customerId);
  return { fullName: customer.fullName, maskedIin: iin === null ? '' : maskIin(iin) };
}

import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { ProblemError } from '../../shared/problem.js';
import type { Customer } from '../identity/index.js';
import { expiryAfter, generatePan, type PanRange, panRangeProblem } from './card-numbers.js';
import { cardholderName } from './cardholder-name.js';
import { CardProblem } from './cards.errors.js';
import { type CardKind, PAN_ATTEMPTS_MAX } from './cards.types.js';
import { type CardVault, createCardVault, type VaultId } from './vault/index.js';

/**
 * A new card's number, drawn and stored in the vault in the caller's transaction, and what the
 * card row keeps of it: the vault id, the masked parts, the expiry and the name on the card. The
 * plaintext PAN lives only inside this call, between the draw and the vault (issue 14 item 2).
 */

export const PAN_LENGTH = 16;

/** One vault per application (its KEK and clock are the app's); made on first use. */
const vaults = new WeakMap<AppContext, CardVault>();

export function cardVault(ctx: AppContext): CardVault {
  let vault = vaults.get(ctx);
  if (!vault) {
    vault = createCardVault({ kek: ctx.config.cardKek, clock: ctx.clock });
    vaults.set(ctx, vault);
  }
  return vault;
}

/** The product's PANs: its BIN, 16 digits, every account number the BIN leaves. */
export function panRange(ctx: Pick<AppContext, 'config'>): PanRange {
  const bin = ctx.config.cards.product.bin;
  const range = { bin, panLength: PAN_LENGTH, accountMin: 0, accountMax: 10 ** (PAN_LENGTH - bin.length - 1) - 1 };
  const problem = panRangeProblem(range);
  if (problem) throw new Error(`CARD_BIN gives no usable PAN range: ${problem}`);
  return range;
}

export interface CardNumber {
  vaultId: VaultId;
  first6: string;
  last4: string;
  expiryMonth: number;
  expiryYear: number;
  cardholderName: string;
}

/** When the customer's name has no letters ICAO can spell (another script), the card still needs a name. */
const CARDHOLDER_FALLBACK = 'KASSA CARDHOLDER';

export async function newCardNumber(
  tx: Tx,
  ctx: AppContext,
  input: { customer: Customer; kind: CardKind; now: Date },
): Promise<CardNumber> {
  const { product } = ctx.config.cards;
  const months = input.kind === 'single_use' ? product.singleUseValidityMonths : product.validityYears * 12;
  const expiry = expiryAfter(input.now, months, ctx.config.bankTimeZone);
  const range = panRange(ctx);
  const vault = cardVault(ctx);
  for (let attempt = 0; attempt < PAN_ATTEMPTS_MAX; attempt += 1) {
    // A number already issued comes back as `duplicate` (the vault's unique HMAC): draw another.
    const stored = await vault.storePan(tx, generatePan(range));
    if (stored.outcome === 'stored') {
      return {
        vaultId: stored.vaultId,
        first6: stored.first6,
        last4: stored.last4,
        expiryMonth: expiry.month,
        expiryYear: expiry.year,
        cardholderName: cardholderName(input.customer.fullName) ?? CARDHOLDER_FALLBACK,
      };
    }
  }
  throw new ProblemError(CardProblem['card-issue-failed']);
}

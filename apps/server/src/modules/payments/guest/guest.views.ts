import type { Static } from 'typebox';
import type { AppContext } from '../../../context.js';
import type { Language } from '../../../shared/i18n.js';
import { CARD_PAYMENT_FAILURE_MESSAGES } from '../../acquiring/index.js';
import { selectProvider } from '../catalogue.repo.js';
import { selectNotifyState } from '../notify/notify.repo.js';
import { GUEST_TEXTS } from './guest.messages.js';
import type { GuestPayment } from './guest.repo.js';
import type { GuestPaymentView } from './guest.schemas.js';

function isCardFailure(code: string): code is keyof typeof CARD_PAYMENT_FAILURE_MESSAGES {
  return Object.hasOwn(CARD_PAYMENT_FAILURE_MESSAGES, code);
}

function failureReason(code: string | null, language: Language): string | null {
  if (code === null) return null;
  if (code === 'canceled') return GUEST_TEXTS.canceled[language];
  return (isCardFailure(code) ? CARD_PAYMENT_FAILURE_MESSAGES[code] : CARD_PAYMENT_FAILURE_MESSAGES.processing_error)[language];
}

/** A guest's payment as its own browser reads it: no fields beyond the account's label, the phone masked. */
export async function guestPaymentView(
  ctx: AppContext,
  payment: GuestPayment,
  language: Language,
): Promise<Static<typeof GuestPaymentView>> {
  const [provider, delivery] = await Promise.all([
    selectProvider(ctx.db, payment.providerId),
    payment.status === 'paid' ? selectNotifyState(ctx.db, payment.id) : Promise.resolve(null),
  ]);
  const name = provider?.name ?? { ru: payment.providerId, kk: payment.providerId, en: payment.providerId };
  return {
    id: payment.id,
    status: payment.status,
    provider: { id: payment.providerId, name },
    accountLabel: payment.accountLabel,
    amountMinor: Number(payment.amountMinor),
    feeMinor: Number(payment.feeMinor),
    totalMinor: Number(payment.amountMinor + payment.feeMinor),
    currency: payment.currency,
    receiptPhone: payment.receiptPhoneMasked,
    cardLast4: payment.cardLast4,
    failureReason: failureReason(payment.failureCode, language),
    providerStatus: delivery?.providerStatus ?? null,
    createdAt: payment.createdAt.toISOString(),
    endedAt: payment.endedAt?.toISOString() ?? null,
  };
}

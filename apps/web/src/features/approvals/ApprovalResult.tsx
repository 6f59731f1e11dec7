import { useEffect, useRef } from 'react';
import { useTranslation } from '../../i18n';
import type { TranslationKey } from '../../i18n/translate';
import { Alert, ButtonLink, PhoneIcon } from '../../ui';
import type { ApprovalOutcome } from './approvals-model';

/** The outcomes after which the screen has nothing more to ask. */
export type FinalOutcome = Extract<ApprovalOutcome, { kind: 'approved' | 'declined' | 'revoked' | 'unavailable' | 'gone' }>;

const FINAL_KINDS: ReadonlySet<ApprovalOutcome['kind']> = new Set(['approved', 'declined', 'revoked', 'unavailable', 'gone']);

export function isFinal(outcome: ApprovalOutcome): outcome is FinalOutcome {
  return FINAL_KINDS.has(outcome.kind);
}

const RESULT_TEXTS: Record<FinalOutcome['kind'], { tone: 'success' | 'info' | 'warning'; title: TranslationKey; text: TranslationKey }> = {
  approved: { tone: 'success', title: 'approvals.approvedTitle', text: 'approvals.approvedText' },
  declined: { tone: 'info', title: 'approvals.declinedTitle', text: 'approvals.declinedText' },
  revoked: { tone: 'warning', title: 'approvals.revokedTitle', text: 'approvals.revokedText' },
  unavailable: { tone: 'warning', title: 'approvals.unavailableTitle', text: 'approvals.unavailableText' },
  gone: { tone: 'info', title: 'approvals.goneTitle', text: 'approvals.goneText' },
};

/** The bank's contact-center number, a tap to call; nothing while the bank's details load. */
export function CallBank({ phone }: { phone: string | null }) {
  const { t } = useTranslation();
  if (!phone) return null;
  return (
    <p className="approval__call">
      <span>{t('approvals.callBank')}</span>{' '}
      <a className="contact-list__value" href={`tel:${phone}`}>
        <PhoneIcon />
        {phone}
      </a>
    </p>
  );
}

/** How the approval ended, focused when it appears so a screen reader reads it at once. */
export function ApprovalResult({ outcome, phone }: { outcome: FinalOutcome; phone: string | null }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const texts = RESULT_TEXTS[outcome.kind];
  return (
    <div ref={ref} tabIndex={-1} className="focus-target stack">
      <Alert tone={texts.tone} title={t(texts.title)}>
        <p>{t(texts.text)}</p>
      </Alert>
      {outcome.kind === 'declined' || outcome.kind === 'revoked' ? <CallBank phone={phone} /> : null}
      <div className="form-actions">
        <ButtonLink to="/" variant="secondary">
          {t('approvals.toHome')}
        </ButtonLink>
      </div>
    </div>
  );
}

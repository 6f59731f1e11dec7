import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { TransferKind } from '../../../api/enums';
import { useTranslation } from '../../../i18n';
import { usePageTitle } from '../../../lib/usePageTitle';
import { Alert, BankIcon, PageHeader, PhoneIcon, SwapIcon } from '../../../ui';
import { CardIcon } from '../../cards/card-icons';
import { RecentPayees } from '../recent/RecentPayees';

const KIND_ICONS = { own: <SwapIcon />, phone: <PhoneIcon />, iban: <BankIcon />, 'card-number': <CardIcon /> } satisfies Record<
  TransferKind,
  ReactNode
>;
/** The kinds as the chooser lists them: the most used first. */
const CHOOSER_KINDS = ['phone', 'own', 'card-number', 'iban'] as const satisfies readonly TransferKind[];

export function KindChooser() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const query = params.toString() ? `?${params.toString()}` : '';
  usePageTitle(t('transfer.title'));
  return (
    <div className="page">
      <PageHeader title={t('transfer.title')} lead={t('transfer.lead')} />
      <RecentPayees />
      <ul className="kind-list">
        {CHOOSER_KINDS.map((kind) => (
          <li key={kind}>
            <Link to={`/transfers/${kind}${query}`} className="kind-card">
              <span className="kind-card__icon">{KIND_ICONS[kind]}</span>
              <span className="kind-card__text">
                <span className="kind-card__title">{t(`transfer.${kind}`)}</span>
                <span className="kind-card__description">{t(`transfer.${kind}Text`)}</span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
      <Alert tone="info" live={false}>
        <p>
          {t('transfer.trustedHint')} <Link to="/payees">{t('transfer.trustedLink')}</Link>
        </p>
      </Alert>
    </div>
  );
}

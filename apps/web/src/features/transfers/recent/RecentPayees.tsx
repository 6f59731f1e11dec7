import { Link } from 'react-router-dom';
import { api } from '../../../api/client';
import { callApi } from '../../../api/problem';
import { useTranslation } from '../../../i18n';
import { useApiLoad } from '../../../lib/useApiLoad';
import { groupIban } from '../../../money/iban';
import type { RecentPayee } from '../../../money/model';
import { formFromPayee } from '../wizard/wizard-model';
import { initialsOf } from './initials';

/** What a recent payee's card says under the name: the phone, or the end of the IBAN. */
function referenceOf(payee: RecentPayee): string {
  if (payee.phone) return payee.phone.replace(/^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/, '+7 $1 $2 $3 $4');
  return payee.iban ? `•• ${groupIban(payee.iban).slice(-4)}` : '';
}

/**
 * The people the customer last sent money to (issue 12 item 6): a row of faces on the transfers
 * screen, each opening the wizard with the payee filled in. Nothing at all while loading or when
 * there is nobody yet: the row is a shortcut, the kinds below are the way in.
 */
export function RecentPayees() {
  const { t } = useTranslation();
  const { state } = useApiLoad((signal) => callApi(() => api.GET('/api/v1/transfers/recent-payees', { signal })), []);
  if (state.status !== 'ready' || state.data.items.length === 0) return null;
  return (
    <section className="recent-payees" aria-labelledby="recent-payees-title">
      <h2 id="recent-payees-title" className="recent-payees__title">
        {t('transfer.recentTitle')}
      </h2>
      <ul className="recent-payees__list">
        {state.data.items.map((payee) => (
          <li key={payee.operationId}>
            <Link
              className="recent-payee"
              to={`/transfers/${payee.kind}`}
              state={{ prefill: formFromPayee(payee) }}
              aria-label={t('transfer.recentPay', { name: payee.name, reference: referenceOf(payee) })}
            >
              <span className="avatar avatar--large" aria-hidden="true">
                {initialsOf(payee.name)}
              </span>
              <span className="recent-payee__name">{payee.name}</span>
              <span className="recent-payee__ref">{referenceOf(payee)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

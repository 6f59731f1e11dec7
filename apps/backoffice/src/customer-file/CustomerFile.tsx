import { Card, callApi, DateTime, EmptyState, ErrorAlert, LoadingState, Money, useApiLoad } from '@kassa/ui';
import { api } from '../api/client';
import { useTranslation } from '../i18n';
import { FileParts } from './FileParts';
import { LimitsPart } from './LimitsPart';
import type { CustomerFileData } from './types';

/**
 * The customer's file for staff, one view for both ways in (moved here from features/calls): an
 * operator's identified call (GET /api/staff/v1/calls/{id}/customer, CustomerFile below) and a
 * security officer's reason (features/customers). Masked where the staff member does not need the
 * whole value; the server audits every load, and answers 404 once a call is over.
 *
 * CustomerFile: the file of the customer identified on this call.
 */
export function CustomerFile({ callId }: { callId: string }) {
  const { state, reload } = useApiLoad(
    (signal) => callApi(() => api.GET('/api/staff/v1/calls/{callId}/customer', { params: { path: { callId } }, signal })),
    [callId],
  );
  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'error') return <ErrorAlert failure={state.failure} onRetry={reload} />;
  return <CustomerFileView file={state.data} />;
}

/** Profile, accounts, operations, sessions and devices, then the parts of FileParts. */
export function CustomerFileView({ file }: { file: CustomerFileData }) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <Card title={t('customerFile.title')}>
        <dl className="facts">
          <div className="facts__row facts__row--strong">
            <dt>{t('customerFile.name')}</dt>
            <dd>{file.fullName}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('customerFile.phone')}</dt>
            <dd className="mono">{file.maskedPhone}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('customerFile.iin')}</dt>
            <dd className="mono">{file.maskedIin}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('customerFile.status')}</dt>
            <dd>{t(`customerFile.status_${file.status}`)}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('customerFile.agreements')}</dt>
            <dd>{file.agreements.map((agreement) => `${t(`customerFile.agreement_${agreement.kind}`)} ${agreement.number}`).join(', ')}</dd>
          </div>
        </dl>
        <p className="muted">{t('customerFile.audited')}</p>
      </Card>
      <Card title={t('customerFile.accounts')}>
        <ul className="list">
          {file.accounts.map((account) => (
            <li key={account.id} className="list-row">
              <div className="list-row__body">
                <p className="list-row__title">
                  <span>{t(`customerFile.kind_${account.kind}`)}</span>
                  <Money amountMinor={account.balanceMinor} currency={account.currency} />
                </p>
                <p className="list-row__meta">
                  {account.maskedIban ? <span className="mono">{account.maskedIban}</span> : null}
                  {account.heldMinor > 0 ? (
                    <>
                      {' · '}
                      {t('customerFile.held')} <Money amountMinor={account.heldMinor} currency={account.currency} />
                    </>
                  ) : null}
                </p>
              </div>
            </li>
          ))}
        </ul>
      </Card>
      <LimitsPart file={file} />
      <Card title={t('customerFile.operations')}>
        {file.operations.length === 0 ? (
          <EmptyState title={t('customerFile.noOperations')} />
        ) : (
          <ul className="list">
            {file.operations.map((operation) => (
              <li key={operation.id} className="list-row">
                <div className="list-row__body">
                  <p className="list-row__title">
                    <span>{operation.payee}</span>
                    <Money
                      amountMinor={operation.direction === 'outgoing' ? -operation.amountMinor : operation.amountMinor}
                      currency={operation.currency}
                    />
                  </p>
                  <p className="list-row__meta">
                    <DateTime value={operation.createdAt} /> · {t(`customerFile.op_${operation.status}`)}
                    {operation.declineReasonText ? ` · ${operation.declineReasonText}` : ''}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <div className="grid grid--2">
        <Card title={t('customerFile.sessions')}>
          {file.sessions.length === 0 ? (
            <EmptyState title={t('customerFile.noSessions')} />
          ) : (
            <ul className="list">
              {file.sessions.map((session) => (
                <li key={session.id} className="list-row">
                  <div className="list-row__body">
                    <p className="list-row__title">
                      <span>
                        {t(`customerFile.client_${session.client}`)} · {t(`customerFile.method_${session.method}`)}
                      </span>
                    </p>
                    <p className="list-row__meta">
                      {session.ip ? <span className="mono">{session.ip}</span> : null} {session.userAgent ?? ''}
                    </p>
                    <p className="list-row__meta">
                      {t('customerFile.lastSeen')} <DateTime value={session.lastSeenAt} />
                    </p>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={t('customerFile.devices')}>
          {file.devices.length === 0 ? (
            <EmptyState title={t('customerFile.noDevices')} />
          ) : (
            <ul className="list">
              {file.devices.map((device) => (
                <li key={device.id} className="list-row">
                  <div className="list-row__body">
                    <p className="list-row__title">
                      <span>{device.name}</span>
                      <span className="badge badge--muted">{t(`customerFile.device_${device.kind}`)}</span>
                    </p>
                    <p className="list-row__meta">
                      <DateTime value={device.lastUsedAt ?? device.createdAt} />
                    </p>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      <FileParts file={file} />
    </div>
  );
}

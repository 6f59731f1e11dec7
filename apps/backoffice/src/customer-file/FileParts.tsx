import { Card, DateTime, EmptyState, Money } from '@kassa/ui';
import { Link } from 'react-router-dom';
import { useStaffSession } from '../auth/session';
import { useTranslation } from '../i18n';
import type { CustomerFileData } from './types';
import './cases.css';

/**
 * The file's parts past the money and the access: notifications sent (a code message only as
 * "verification code (hidden)": the server never sends its text), disputes, incidents, blocks,
 * and the audit trail (a security officer's; null for an operator on a call).
 */
export function FileParts({ file }: { file: CustomerFileData }) {
  const { t } = useTranslation();
  const session = useStaffSession();
  // Cases open from the file for the roles that work them: disputes for both, incidents for officers.
  const incidentLinks = session.staff.role === 'security_officer';
  return (
    <>
      <Card title={t('filePart.notifications')}>
        {file.notifications.length === 0 ? (
          <EmptyState title={t('filePart.noNotifications')} />
        ) : (
          <ul className="list">
            {file.notifications.map((sent) => (
              <li key={sent.id} className="list-row">
                <div className="list-row__body">
                  <p className="list-row__title">
                    {sent.isCode ? <span>{t('filePart.codeHidden')}</span> : <span className="mono">{sent.kind}</span>}
                    <span className={sent.status === 'failed' ? 'badge badge--danger' : 'badge badge--muted'}>
                      {sent.status === 'suppressed' ? t('sentSuppressed.status') : t(`filePart.sent_${sent.status}`)}
                    </span>
                  </p>
                  <p className="list-row__meta">
                    {t(`filePart.channel_${sent.channel}`)} · <DateTime value={sent.createdAt} />
                    {/* Held back on purpose, not lost: the reason says why (an emergency block). */}
                    {sent.suppressedReason ? <> · {t(`sentSuppressed.reason_${sent.suppressedReason}`)}</> : null}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <div className="grid grid--2">
        <Card title={t('filePart.disputes')}>
          {file.disputes.length === 0 ? (
            <EmptyState title={t('filePart.noDisputes')} />
          ) : (
            <ul className="list">
              {file.disputes.map((dispute) => (
                <li key={dispute.id} className="list-row">
                  <div className="list-row__body">
                    <p className="list-row__title">
                      <Link to={`/disputes/${dispute.id}`}>
                        <Money amountMinor={dispute.amountMinor} currency={dispute.currency} />
                      </Link>
                      <span className={dispute.overdue ? 'badge badge--danger' : 'badge badge--muted'}>
                        {t(`disputes.status_${dispute.status}`)}
                      </span>
                    </p>
                    <p className="list-row__meta">
                      {t('disputes.due')} <DateTime value={dispute.dueAt} format="date" />
                    </p>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={t('filePart.incidents')}>
          {file.incidents.length === 0 ? (
            <EmptyState title={t('filePart.noIncidents')} />
          ) : (
            <ul className="list">
              {file.incidents.map((incident) => (
                <li key={incident.id} className="list-row">
                  <div className="list-row__body">
                    <p className="list-row__title">
                      {incidentLinks ? (
                        <Link to={`/incidents/${incident.id}`}>{t(`incidents.kind_${incident.kind}`)}</Link>
                      ) : (
                        <span>{t(`incidents.kind_${incident.kind}`)}</span>
                      )}
                      <span className="badge badge--muted">{t(`incidents.status_${incident.status}`)}</span>
                    </p>
                    <p className="list-row__meta">
                      <DateTime value={incident.createdAt} />
                    </p>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      <Card title={t('filePart.blocks')}>
        {file.blocks.length === 0 ? (
          <EmptyState title={t('filePart.noBlocks')} />
        ) : (
          <ul className="list">
            {file.blocks.map((block) => (
              <li key={block.id} className="list-row">
                <div className="list-row__body">
                  <p className="list-row__title">
                    <span>{t(`filePart.blockReason_${block.reason}`)}</span>
                    <span className={block.state === 'lifted' ? 'badge badge--muted' : 'badge badge--danger'}>
                      {t(`filePart.blockState_${block.state}`)}
                    </span>
                  </p>
                  <p className="list-row__meta">
                    {t(`filePart.blockSource_${block.source}`)} · <DateTime value={block.createdAt} />
                  </p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {file.audit ? (
        <Card title={t('filePart.audit')}>
          <ul className="list">
            {file.audit.map((row) => (
              <li key={row.seq} className="list-row">
                <div className="list-row__body">
                  <p className="list-row__title">
                    <span className="mono">{row.event}</span>
                  </p>
                  <p className="list-row__meta">
                    <DateTime value={row.occurredAt} />
                    {row.staffId ? ` · ${t('filePart.auditStaff', { id: row.staffId })}` : ''}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </>
  );
}

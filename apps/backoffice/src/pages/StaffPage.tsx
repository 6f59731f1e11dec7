import { Card, callApi, DateTime, EmptyState, ErrorAlert, LoadingState, PageHeader, UserIcon, useApiLoad } from '@kassa/ui';
import { api } from '../api/client';
import { useStaffSession } from '../auth/session';
import { CreateStaffForm } from '../features/staff-admin/CreateStaffForm';
import { StaffMemberActions } from '../features/staff-admin/StaffMemberActions';
import { useTranslation } from '../i18n';
import { usePageTitle } from '../lib/usePageTitle';

/** Every staff member (GET /api/staff/v1/staff, admins only: staff.manage). */
export function StaffPage() {
  const { t } = useTranslation();
  usePageTitle(t('staff.title'));
  const { state, reload } = useApiLoad((signal) => callApi(() => api.GET('/api/staff/v1/staff', { signal })), []);
  const session = useStaffSession();
  return (
    <div className="page">
      <PageHeader title={t('staff.title')} lead={t('staff.lead')} />
      <CreateStaffForm onCreated={reload} />
      {state.status === 'loading' ? <LoadingState /> : null}
      {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
      {state.status === 'ready' && state.data.items.length === 0 ? <EmptyState title={t('staff.empty')} /> : null}
      {state.status === 'ready' && state.data.items.length > 0 ? (
        <Card>
          <ul className="list staff-list">
            {state.data.items.map((member) => (
              <li key={member.id} className="list-row">
                <span className="list-row__icon">
                  <UserIcon />
                </span>
                <div className="list-row__body">
                  <p className="list-row__title">
                    <span>{member.displayName}</span>
                    <span className={member.status === 'active' ? 'badge badge--success' : 'badge badge--muted'}>
                      {t(`staff.status_${member.status}`)}
                    </span>
                  </p>
                  <p className="list-row__meta">
                    {t(`roles.${member.role}`)} · {t('staff.username')}: <span className="mono">{member.username}</span> ·{' '}
                    {t('staff.language')}: {t(`languages.${member.language}`)}
                  </p>
                  <p className="list-row__meta">
                    {member.totpEnrolled ? t('staff.totpEnrolled') : t('staff.totpPending')} · {t('staff.createdAt')}{' '}
                    <DateTime value={member.createdAt} format="date" />
                    {member.passwordChangeRequired ? <> · {t('staffAdmin.passwordPending')}</> : null}
                  </p>
                  {member.lockedUntil ? (
                    <p className="list-row__meta">
                      {t('staffAdmin.lockedUntil')} <DateTime value={member.lockedUntil} />
                    </p>
                  ) : null}
                  <StaffMemberActions member={member} isSelf={member.id === session.staff.id} onChanged={reload} />
                </div>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}

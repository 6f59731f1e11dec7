import { Alert, type ApiFailure, Button, callApi, ErrorAlert, SelectField, TextField } from '@kassa/ui';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import type { GetResponse, StaffRole } from '../../api/shapes';
import { useTranslation } from '../../i18n';

type Member = GetResponse<'/api/staff/v1/staff'>['items'][number];
type Action = 'disable' | 'enable' | 'unlock' | 'role';
const ROLES: readonly StaffRole[] = ['operator', 'security_officer', 'admin'];

/**
 * An admin's decisions on one staff member, each with a reason for the audit log: disable (every
 * session of theirs ends at once) or enable, lift a login lock, and ask for a role change, which
 * another admin approves in Approvals (maker-checker, modules/approvals).
 */
export function StaffMemberActions({ member, isSelf, onChanged }: { member: Member; isSelf: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const [action, setAction] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [role, setRole] = useState<StaffRole>(ROLES.find((r) => r !== member.role) ?? 'operator');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [requested, setRequested] = useState(false);

  if (isSelf) return <p className="list-row__meta">{t('staffAdmin.you')}</p>;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!action) return;
    setBusy(true);
    setFailure(null);
    const path = { params: { path: { staffId: member.id } }, body: { reason: reason.trim() } };
    // Each call is awaited on its own: their answers differ, and only success matters here.
    const call = () => {
      if (action === 'role')
        return callApi(() =>
          api.POST('/api/staff/v1/approvals/role-change', { body: { staffId: member.id, role, reason: reason.trim() } }),
        );
      if (action === 'disable') return callApi(() => api.POST('/api/staff/v1/staff/{staffId}/disable', path));
      if (action === 'enable') return callApi(() => api.POST('/api/staff/v1/staff/{staffId}/enable', path));
      return callApi(() => api.POST('/api/staff/v1/staff/{staffId}/unlock', path));
    };
    const result = await call();
    setBusy(false);
    if (!result.ok) {
      if (!result.aborted) setFailure(result.failure);
      return;
    }
    setRequested(action === 'role');
    setAction(null);
    setReason('');
    onChanged();
  }

  const choices: Action[] = [member.status === 'active' ? 'disable' : 'enable', ...(member.lockedUntil ? ['unlock' as const] : []), 'role'];
  const label: Record<Action, string> = {
    disable: t('staffAdmin.disable'),
    enable: t('staffAdmin.enable'),
    unlock: t('staffAdmin.unlock'),
    role: t('staffAdmin.roleChange'),
  };
  return (
    <div className="stack">
      {action === null ? (
        <fieldset className="form-actions" aria-label={t('staffAdmin.actions')}>
          {choices.map((choice) => (
            <Button key={choice} variant={choice === 'disable' ? 'danger' : 'secondary'} onClick={() => setAction(choice)}>
              {label[choice]}
            </Button>
          ))}
        </fieldset>
      ) : (
        <form className="stack" onSubmit={(event) => void submit(event)}>
          {action === 'disable' ? <Alert tone="warning">{t('staffAdmin.disableHint')}</Alert> : null}
          {action === 'role' ? (
            <>
              <Alert tone="info">{t('staffAdmin.roleChangeHint')}</Alert>
              <SelectField
                label={t('staffAdmin.newRole')}
                value={role}
                onChange={(e) => setRole(ROLES.find((r) => r === e.target.value) ?? role)}
              >
                {ROLES.filter((r) => r !== member.role).map((r) => (
                  <option key={r} value={r}>
                    {t(`roles.${r}`)}
                  </option>
                ))}
              </SelectField>
            </>
          ) : null}
          <TextField label={t('staffAdmin.reason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} required />
          {failure ? <ErrorAlert failure={failure} /> : null}
          <div className="form-actions">
            <Button type="submit" variant={action === 'disable' ? 'danger' : 'primary'} loading={busy} disabled={reason.trim() === ''}>
              {label[action]}
            </Button>
            <Button variant="secondary" onClick={() => setAction(null)}>
              {t('staffAdmin.cancel')}
            </Button>
          </div>
        </form>
      )}
      {requested ? <Alert tone="success">{t('staffAdmin.requestSent')}</Alert> : null}
    </div>
  );
}

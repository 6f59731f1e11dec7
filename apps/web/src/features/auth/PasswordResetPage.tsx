import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { callApi, fieldErrorsByName, NETWORK_FAILURE } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';
import { Card, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PasswordField, Steps, TextField } from '../../ui';
import { CodeStep } from './CodeStep';
import { forgetDevice } from './deviceStore';
import { formatPhoneInput, PhoneStep } from './PhoneStep';
import { useSession } from './session';

type Step = { name: 'phone' } | { name: 'code'; resetId: string; phone: string; resendAvailableAt: string };

/** Forgotten password: a code to the registered phone, the IIN, a new password. Ends every session and unbinds every device. */
export function PasswordResetPage() {
  const { t } = useTranslation();
  usePageTitle(t('reset.title'));
  const navigate = useNavigate();
  const { setNotice, logout, state } = useSession();
  const [step, setStep] = useState<Step>({ name: 'phone' });
  const [iin, setIin] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ iin?: string; newPassword?: string }>({});

  function validateExtra(): boolean {
    const next: typeof errors = {};
    if (!/^\d{12}$/.test(iin)) next.iin = t('register.iinInvalid');
    const length = [...password].length;
    if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
      next.newPassword = t('password.rule', { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH });
    }
    setErrors(next);
    return Object.keys(next).length === 0;
  }

  return (
    <div className="page page--narrow">
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{t('reset.title')}</h1>
          <p className="page-header__lead">{t('reset.lead')}</p>
        </div>
      </header>
      <Steps labels={[t('reset.stepPhone'), t('reset.stepCode')]} current={step.name === 'phone' ? 0 : 1} />
      <Card>
        {step.name === 'phone' ? (
          <PhoneStep
            intro={t('reset.phoneIntro')}
            submitLabel={t('register.sendCode')}
            onSubmit={async (phone) => {
              const result = await callApi(() => api.POST('/api/v1/auth/password-reset', { body: { phone } }));
              if (result.ok) {
                setStep({
                  name: 'code',
                  resetId: result.data.resetId,
                  phone: formatPhoneInput(phone),
                  resendAvailableAt: result.data.resendAvailableAt,
                });
                return null;
              }
              return result.aborted ? null : result.failure;
            }}
          />
        ) : (
          <CodeStep
            intro={t('reset.codeIntro', { phone: step.phone })}
            resendAvailableAt={step.resendAvailableAt}
            submitLabel={t('reset.submit')}
            backLabel={t('reset.startOver')}
            onBack={() => setStep({ name: 'phone' })}
            validateExtra={validateExtra}
            onResend={async () => {
              const result = await callApi(() =>
                api.POST('/api/v1/auth/password-reset/{resetId}/resend', { params: { path: { resetId: step.resetId } } }),
              );
              if (result.ok) return { ok: true, resendAvailableAt: result.data.resendAvailableAt };
              return { ok: false, failure: result.aborted ? NETWORK_FAILURE : result.failure };
            }}
            onSubmit={async (code) => {
              const result = await callApi(() =>
                api.POST('/api/v1/auth/password-reset/{resetId}/complete', {
                  params: { path: { resetId: step.resetId } },
                  body: { code, iin, newPassword: password },
                }),
              );
              if (result.ok) {
                // Every device is unbound on the server; forget them here too.
                await Promise.all([forgetDevice('pin'), forgetDevice('webauthn')]);
                if (state.status === 'authenticated') await logout('passwordReset', { callServer: false });
                setNotice('passwordReset');
                navigate('/login', { replace: true });
                return null;
              }
              if (result.aborted) return null;
              setErrors(fieldErrorsByName(result.failure));
              return result.failure;
            }}
          >
            <TextField
              label={t('register.iin')}
              hint={t('reset.iinHint')}
              error={errors.iin}
              name="iin"
              inputMode="numeric"
              autoComplete="off"
              maxLength={12}
              value={iin}
              onChange={(event) => setIin(event.target.value.replace(/\D/g, '').slice(0, 12))}
            />
            <PasswordField
              label={t('reset.newPassword')}
              error={errors.newPassword}
              name="new-password"
              autoComplete="new-password"
              maxLength={1024}
              showRule
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </CodeStep>
        )}
      </Card>
      <p className="center">
        <Link to="/login">{t('reset.backToLogin')}</Link>
      </p>
    </div>
  );
}

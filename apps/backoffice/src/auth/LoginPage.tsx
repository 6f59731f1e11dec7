import { Alert, type ApiFailure, Card, callApi, problemCode } from '@kassa/ui';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import { useTranslation } from '../i18n';
import { usePageTitle } from '../lib/usePageTitle';
import { CodeForm } from './CodeForm';
import { CredentialsForm, type LoginStarted } from './CredentialsForm';
import { EnrollTotp } from './EnrollTotp';
import { type SessionNotice, useSession } from './session';

type Step = { name: 'credentials'; failure: ApiFailure | null } | ({ name: 'code' } & LoginStarted);

const NOTICE_TONE: Record<SessionNotice, 'success' | 'warning'> = { loggedOut: 'success', idle: 'warning', expired: 'warning' };

/** After these, this login can never pass: the staff member starts again with the password. */
const LOGIN_ENDED = new Set(['staff-login-expired', 'staff-locked']);

/** Where to go after the login: the page that sent the staff member here, if it is one of ours. */
function useReturnPath(): string {
  const location = useLocation();
  const from = (location.state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/login' ? from : '/';
}

/**
 * The staff login: username and password, then the authenticator's code (at the first login,
 * after enrolling the app from the QR code). The server's problem+json says what went wrong
 * (wrong details, locked for 30 minutes, a wrong or reused code), in the language on screen.
 */
export function LoginPage() {
  const { t } = useTranslation();
  const { state, notice, signIn } = useSession();
  const navigate = useNavigate();
  const returnPath = useReturnPath();
  const [step, setStep] = useState<Step>({ name: 'credentials', failure: null });
  const enrolling = step.name === 'code' && step.next === 'enroll-totp';
  usePageTitle(step.name === 'credentials' ? t('login.title') : enrolling ? t('enroll.title') : t('totp.title'));

  if (state.status === 'authenticated') return <Navigate to={returnPath} replace />;

  async function submitCode(loginId: string, code: string): Promise<ApiFailure | null> {
    let response: Response | undefined;
    const result = await callApi(async () => {
      const answer = await api.POST('/api/staff/v1/auth/login/{loginId}/totp', { params: { path: { loginId } }, body: { code } });
      response = answer.response;
      return answer;
    });
    if (result.ok && response) {
      signIn(result.data, response);
      navigate(returnPath, { replace: true });
      return null;
    }
    if (result.ok || result.aborted) return null;
    const problem = problemCode(result.failure);
    if (problem !== null && LOGIN_ENDED.has(problem)) {
      setStep({ name: 'credentials', failure: result.failure });
      return null;
    }
    return result.failure;
  }

  const title = step.name === 'credentials' ? t('login.title') : enrolling ? t('enroll.title') : t('totp.title');
  return (
    <div className="login">
      <Card className="login__card">
        <h1 className="login__title">{title}</h1>
        {step.name === 'credentials' ? (
          <>
            {notice ? (
              <Alert tone={NOTICE_TONE[notice]} live={false}>
                {t(`login.notice_${notice}`)}
              </Alert>
            ) : null}
            <p className="muted">{t('login.lead')}</p>
            <CredentialsForm failure={step.failure} onStarted={(started) => setStep({ name: 'code', ...started })} />
          </>
        ) : (
          <>
            {step.next === 'enroll-totp' ? <EnrollTotp otpauthUri={step.otpauthUri} qrSvg={step.qrSvg} /> : <p>{t('totp.lead')}</p>}
            <CodeForm
              key={step.loginId}
              submitLabel={enrolling ? t('enroll.submit') : t('totp.submit')}
              onSubmit={(code) => submitCode(step.loginId, code)}
              onStartOver={() => setStep({ name: 'credentials', failure: null })}
            />
          </>
        )}
      </Card>
    </div>
  );
}

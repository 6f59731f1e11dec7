import { Alert, type ApiFailure, Card, callApi, problemCode } from '@kassa/ui';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import type { StaffSession } from '../api/shapes';
import { useTranslation } from '../i18n';
import { usePageTitle } from '../lib/usePageTitle';
import { CodeForm } from './CodeForm';
import { CredentialsForm, type LoginStarted } from './CredentialsForm';
import { EnrollTotp } from './EnrollTotp';
import { SecurityKeyLogin } from './SecurityKeyLogin';
import { type SessionNotice, useSession } from './session';

type Step = { name: 'credentials'; failure: ApiFailure | null } | ({ name: 'code' } & LoginStarted);
type SecondStep = Extract<Step, { name: 'code' }>;

const NOTICE_TONE: Record<SessionNotice, 'success' | 'warning'> = { loggedOut: 'success', idle: 'warning', expired: 'warning' };

/** After these, this login can never pass: the staff member starts again with the password. */
const LOGIN_ENDED = new Set(['staff-login-expired', 'staff-locked']);

/** Where to go after the login: the page that sent the staff member here, if it is one of ours. */
function useReturnPath(): string {
  const location = useLocation();
  const from = (location.state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/login' ? from : '/';
}

type TitleKey = 'login.title' | 'enroll.title' | 'totp.title' | 'securityKeys.loginTitle' | 'securityKeys.keyOnlyTitle';

function titleOf(step: Step): TitleKey {
  if (step.name === 'credentials') return 'login.title';
  if (step.next === 'enroll-totp') return 'enroll.title';
  if (step.next === 'security-key') return 'securityKeys.keyOnlyTitle';
  return step.securityKey ? 'securityKeys.loginTitle' : 'totp.title';
}

/**
 * The staff login: username and password, then the second factor: the authenticator's code (at
 * the first login, after enrolling the app from the QR code) or a security key the staff member
 * added. The server's problem+json says what went wrong (wrong details, locked for 30 minutes, a
 * wrong or reused code, a refused key), in the language on screen.
 */
export function LoginPage() {
  const { t } = useTranslation();
  const { state, notice, signIn } = useSession();
  const navigate = useNavigate();
  const returnPath = useReturnPath();
  const [step, setStep] = useState<Step>({ name: 'credentials', failure: null });
  const title = t(titleOf(step));
  usePageTitle(title);

  if (state.status === 'authenticated') return <Navigate to={returnPath} replace />;

  /** A failure this login survives is shown where it happened; one that ends it goes back to the password. */
  function settle(failure: ApiFailure): ApiFailure | null {
    const problem = problemCode(failure);
    if (problem === null || !LOGIN_ENDED.has(problem)) return failure;
    setStep({ name: 'credentials', failure });
    return null;
  }

  /** Step 2 by either factor: the session starts here, as the server answered it. */
  async function finish(send: () => Promise<{ data?: StaffSession; error?: unknown; response: Response }>): Promise<ApiFailure | null> {
    let response: Response | undefined;
    const result = await callApi(async () => {
      const answer = await send();
      response = answer.response;
      return answer;
    });
    if (result.ok && response) {
      signIn(result.data, response);
      navigate(returnPath, { replace: true });
      return null;
    }
    return result.ok || result.aborted ? null : settle(result.failure);
  }

  const submitCode = (loginId: string, code: string) =>
    finish(() => api.POST('/api/staff/v1/auth/login/{loginId}/totp', { params: { path: { loginId } }, body: { code } }));
  const submitKey = (loginId: string, challengeId: string, response: { [key: string]: unknown; id: string; type: string }) =>
    finish(() =>
      api.POST('/api/staff/v1/auth/login/{loginId}/security-key', { params: { path: { loginId } }, body: { challengeId, response } }),
    );
  const startOver = () => setStep({ name: 'credentials', failure: null });

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
          <SecondFactor step={step} onCode={submitCode} onKey={submitKey} onOptionsFailure={settle} onStartOver={startOver} />
        )}
      </Card>
    </div>
  );
}

interface SecondFactorProps {
  step: SecondStep;
  onCode: (loginId: string, code: string) => Promise<ApiFailure | null>;
  onKey: (
    loginId: string,
    challengeId: string,
    response: { [key: string]: unknown; id: string; type: string },
  ) => Promise<ApiFailure | null>;
  onOptionsFailure: (failure: ApiFailure) => ApiFailure | null;
  onStartOver: () => void;
}

/** What step 2 offers: the key (if any), the code (if TOTP is enrolled), or the TOTP enrolment. */
function SecondFactor({ step, onCode, onKey, onOptionsFailure, onStartOver }: SecondFactorProps) {
  const { t } = useTranslation();
  const key = (
    <SecurityKeyLogin
      key={`key-${step.loginId}`}
      loginId={step.loginId}
      onAnswer={(challengeId, response) => onKey(step.loginId, challengeId, response)}
      onOptionsFailure={onOptionsFailure}
    />
  );
  if (step.next === 'security-key')
    return (
      <div className="stack">
        <p>{t('securityKeys.keyOnlyLead')}</p>
        {key}
        <p>
          <button type="button" className="link-button" onClick={onStartOver}>
            {t('totp.startOver')}
          </button>
        </p>
      </div>
    );
  const enrolling = step.next === 'enroll-totp';
  const withKey = step.next === 'totp' && step.securityKey;
  return (
    <>
      {step.next === 'enroll-totp' ? <EnrollTotp otpauthUri={step.otpauthUri} qrSvg={step.qrSvg} /> : null}
      {withKey ? (
        <>
          <p>{t('securityKeys.loginLead')}</p>
          {key}
          <p className="muted">{t('securityKeys.orCode')}</p>
        </>
      ) : null}
      {!enrolling && !withKey ? <p>{t('totp.lead')}</p> : null}
      <CodeForm
        key={step.loginId}
        submitLabel={enrolling ? t('enroll.submit') : t('totp.submit')}
        onSubmit={(code) => onCode(step.loginId, code)}
        onStartOver={onStartOver}
      />
    </>
  );
}

import { type FormEvent, lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { api, type SessionInfo } from '../../api/client';
import { type ApiFailure, callApi, NETWORK_FAILURE, problemCode } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';
import { Alert, Button, ButtonLink, Card, ErrorAlert, LoadingState, PasswordField } from '../../ui';
import { CodeStep } from './CodeStep';
import { forgetDevice, loadDevice, type PinDeviceRecord, signChallenge, type WebauthnDeviceRecord } from './deviceStore';
import { PhoneField } from './PhoneStep';
import { PinField } from './PinField';
import { type SessionNotice, useSession } from './session';

const FingerprintLogin = lazy(() => import('./FingerprintLogin').then((module) => ({ default: module.FingerprintLogin })));

type Mode =
  | { name: 'loading' }
  | { name: 'password' }
  | { name: 'pin' }
  | { name: 'code'; loginId: string; maskedPhone: string; resendAvailableAt: string };

const NOTICE_TONE: Record<SessionNotice, 'info' | 'warning' | 'success'> = {
  loggedOut: 'success',
  idle: 'warning',
  expired: 'warning',
  everywhere: 'success',
  passwordChanged: 'success',
  passwordReset: 'success',
  deviceRevoked: 'warning',
};

function useAfterLogin() {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: unknown } | null)?.from;
  return (session: SessionInfo) => {
    signIn(session);
    navigate(typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/', { replace: true });
  };
}

function PasswordForm({ onCodeSent }: { onCodeSent: (step: { loginId: string; maskedPhone: string; resendAvailableAt: string }) => void }) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ phone?: string; password?: string }>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next: typeof errors = {};
    if (phone.replace(/\D/g, '').length < 10) next.phone = t('phone.invalid');
    if (password === '') next.password = t('login.passwordRequired');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    setFailure(null);
    const result = await callApi(() =>
      api.POST('/api/v1/auth/login', { body: { login: phone.replace(/\s/g, ''), password, client: 'web' } }),
    );
    setBusy(false);
    if (result.ok) {
      setPassword('');
      onCodeSent(result.data);
    } else if (!result.aborted) {
      setFailure(result.failure);
    }
  }

  return (
    <form className="stack" onSubmit={(event) => void handleSubmit(event)} noValidate>
      {failure ? <ErrorAlert failure={failure} /> : null}
      <PhoneField value={phone} onChange={setPhone} error={errors.phone ?? null} autoFocus />
      <PasswordField
        label={t('login.password')}
        error={errors.password}
        name="password"
        autoComplete="current-password"
        maxLength={1024}
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <div className="form-actions form-actions--split">
        <Button type="submit" loading={busy}>
          {t('login.continue')}
        </Button>
        <Link to="/login/reset">{t('login.forgotPassword')}</Link>
      </div>
    </form>
  );
}

function PinForm({ device, onUsePassword, onRevoked }: { device: PinDeviceRecord; onUsePassword: () => void; onRevoked: () => void }) {
  const { t } = useTranslation();
  const { setNotice } = useSession();
  const afterLogin = useAfterLogin();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!/^\d{4,6}$/.test(pin)) {
      setError(t('pin.invalid'));
      return;
    }
    setError(null);
    setFailure(null);
    setNotice(null);
    setBusy(true);
    const challenge = await callApi(() => api.POST('/api/v1/auth/device/challenge', { body: { deviceId: device.deviceId } }));
    if (!challenge.ok) {
      setBusy(false);
      if (!challenge.aborted) setFailure(challenge.failure);
      return;
    }
    let signature: string;
    try {
      signature = await signChallenge(device.keyPair.privateKey, challenge.data.challenge);
    } catch {
      setBusy(false);
      setFailure(NETWORK_FAILURE);
      return;
    }
    const result = await callApi(() =>
      api.POST('/api/v1/auth/device/login', {
        body: { deviceId: device.deviceId, challengeId: challenge.data.challengeId, signature, pin, client: 'web' },
      }),
    );
    setBusy(false);
    setPin('');
    if (result.ok) {
      afterLogin(result.data);
      return;
    }
    if (result.aborted) return;
    if (problemCode(result.failure) === 'device-revoked') {
      await forgetDevice('pin');
      onRevoked();
      return;
    }
    setFailure(result.failure);
    inputRef.current?.focus();
  }

  return (
    <form className="stack" onSubmit={(event) => void handleSubmit(event)} noValidate>
      <p>{t('pin.loginIntro', { phone: device.maskedPhone })}</p>
      {failure ? <ErrorAlert failure={failure} /> : null}
      <PinField ref={inputRef} label={t('pin.label')} error={error} name="pin" autoFocus value={pin} onPinChange={setPin} />
      <div className="form-actions form-actions--split">
        <Button type="submit" loading={busy}>
          {t('pin.login')}
        </Button>
        <button type="button" className="link-button" onClick={onUsePassword}>
          {t('pin.usePassword')}
        </button>
      </div>
    </form>
  );
}

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.login'));
  const { state, notice, setNotice } = useSession();
  const afterLogin = useAfterLogin();
  const [mode, setMode] = useState<Mode>({ name: 'loading' });
  const [pinDevice, setPinDevice] = useState<PinDeviceRecord | null>(null);
  const [webauthnDevice, setWebauthnDevice] = useState<WebauthnDeviceRecord | null>(null);

  useEffect(() => {
    let active = true;
    void Promise.all([loadDevice('pin'), loadDevice('webauthn')]).then(([pin, webauthn]) => {
      if (!active) return;
      setPinDevice(pin);
      setWebauthnDevice(webauthn);
      setMode(pin ? { name: 'pin' } : { name: 'password' });
    });
    return () => {
      active = false;
    };
  }, []);

  if (state.status === 'authenticated') return <Navigate to="/" replace />;

  const title = mode.name === 'code' ? t('login.codeTitle') : mode.name === 'pin' ? t('pin.loginTitle') : t('login.title');

  return (
    <div className="page page--narrow">
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{title}</h1>
        </div>
      </header>
      {notice ? (
        <Alert tone={NOTICE_TONE[notice]} title={t(`login.notice_${notice}`)}>
          {notice === 'idle' || notice === 'expired' ? <p>{t('login.noticeLoginAgain')}</p> : null}
        </Alert>
      ) : null}
      <Card>
        {mode.name === 'loading' ? (
          <LoadingState />
        ) : mode.name === 'pin' && pinDevice ? (
          <PinForm
            device={pinDevice}
            onUsePassword={() => setMode({ name: 'password' })}
            onRevoked={() => {
              setPinDevice(null);
              setNotice('deviceRevoked');
              setMode({ name: 'password' });
            }}
          />
        ) : mode.name === 'code' ? (
          <CodeStep
            intro={t('login.codeIntro', { phone: mode.maskedPhone })}
            resendAvailableAt={mode.resendAvailableAt}
            submitLabel={t('login.submit')}
            backLabel={t('login.startOver')}
            usedUpHint={t('code.usedUpLogin')}
            onBack={() => setMode({ name: 'password' })}
            onSubmit={async (code) => {
              const result = await callApi(() =>
                api.POST('/api/v1/auth/login/{loginId}/confirm', { params: { path: { loginId: mode.loginId } }, body: { code } }),
              );
              if (result.ok) {
                afterLogin(result.data);
                return null;
              }
              return result.aborted ? null : result.failure;
            }}
            onResend={async () => {
              const result = await callApi(() =>
                api.POST('/api/v1/auth/login/{loginId}/resend', { params: { path: { loginId: mode.loginId } } }),
              );
              if (result.ok) return { ok: true, resendAvailableAt: result.data.resendAvailableAt };
              return { ok: false, failure: result.aborted ? NETWORK_FAILURE : result.failure };
            }}
          />
        ) : (
          <div className="stack">
            <PasswordForm
              onCodeSent={(step) => {
                setNotice(null);
                setMode({ name: 'code', ...step });
              }}
            />
            {pinDevice ? (
              <p>
                <button type="button" className="link-button" onClick={() => setMode({ name: 'pin' })}>
                  {t('pin.usePin')}
                </button>
              </p>
            ) : null}
          </div>
        )}
        {webauthnDevice && mode.name !== 'code' && mode.name !== 'loading' ? (
          <>
            <div className="divider">
              <span>{t('login.or')}</span>
            </div>
            <Suspense fallback={null}>
              <FingerprintLogin device={webauthnDevice} onLoggedIn={afterLogin} />
            </Suspense>
          </>
        ) : null}
      </Card>
      {mode.name !== 'code' ? (
        <p className="center">
          {t('login.noAccount')} <Link to="/register">{t('login.registerLink')}</Link>
        </p>
      ) : null}
      {/* Issue 16 item 5: a guest pays for services by card without an agreement. */}
      {mode.name !== 'code' ? (
        <ButtonLink to="/pay" variant="secondary" className="button--wide">
          {t('guestPay.loginLink')}
        </ButtonLink>
      ) : null}
      {/* Issue 13 item 4: the emergency block, without the phone, one step from the login. */}
      <p className="center">
        <Link to="/block">{t('block.link')}</Link>
      </p>
    </div>
  );
}

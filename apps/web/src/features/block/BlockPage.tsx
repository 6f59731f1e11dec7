import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { api } from '../../api/client';
import { useMeta } from '../../api/meta';
import { type ApiFailure, callApi } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';
import { Alert, Button, ButtonLink, Card, ErrorAlert, LoadingState, PasswordField, PhoneIcon, Steps, TextField } from '../../ui';
import { forgetDevice } from '../auth/deviceStore';
import { useSession } from '../auth/session';
import { ReasonChoices } from './ReasonChoices';
import { DEFAULT_BLOCK_REASON, isBlockedNowState, type SelfBlockReason } from './reasons';
import { WhatHappens } from './WhatHappens';

interface Details {
  login: string;
  password: string;
  birthDate: string;
  reason: SelfBlockReason;
}

type Step = { name: 'details' } | { name: 'confirm' } | { name: 'done'; blockedNow: boolean };

/** The phone without spaces, or the IIN as typed: the server tells the two apart and normalises. */
function cleanLogin(login: string): string {
  return login.replace(/[\s()-]/g, '');
}

function loginLooksRight(login: string): boolean {
  const clean = cleanLogin(login);
  return /^\d{12}$/.test(clean) || /^\+?\d{10,15}$/.test(clean);
}

/** The contact center's number from /api/v1/meta, as a link that dials it. */
function ContactCenterPhone() {
  const { state, reload } = useMeta();
  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'error') return <ErrorAlert failure={state.failure} onRetry={reload} />;
  return (
    <p>
      <a className="contact-list__value" href={`tel:${state.meta.contactCenterPhone}`}>
        <PhoneIcon />
        {state.meta.contactCenterPhone}
      </a>
    </p>
  );
}

function DetailsForm({ initial, onNext }: { initial: Details; onNext: (details: Details) => void }) {
  const { t } = useTranslation();
  const [details, setDetails] = useState(initial);
  const [errors, setErrors] = useState<{ login?: string; password?: string; birthDate?: string }>({});

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next: typeof errors = {};
    if (!loginLooksRight(details.login)) next.login = t('block.loginInvalid');
    if (details.password === '') next.password = t('block.passwordRequired');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(details.birthDate)) next.birthDate = t('block.birthDateInvalid');
    setErrors(next);
    if (Object.keys(next).length === 0) onNext(details);
  }

  return (
    <form className="stack" onSubmit={handleSubmit} noValidate>
      <TextField
        label={t('block.login')}
        hint={t('block.loginHint')}
        error={errors.login}
        name="login"
        autoComplete="username"
        maxLength={32}
        autoFocus
        value={details.login}
        onChange={(event) => setDetails({ ...details, login: event.target.value })}
      />
      <PasswordField
        label={t('block.password')}
        error={errors.password}
        name="password"
        autoComplete="current-password"
        maxLength={1024}
        value={details.password}
        onChange={(event) => setDetails({ ...details, password: event.target.value })}
      />
      <TextField
        label={t('block.birthDate')}
        error={errors.birthDate}
        name="birthDate"
        type="date"
        autoComplete="bday"
        max={new Date().toISOString().slice(0, 10)}
        value={details.birthDate}
        onChange={(event) => setDetails({ ...details, birthDate: event.target.value })}
      />
      <ReasonChoices name="reason" value={details.reason} onChange={(reason) => setDetails({ ...details, reason })} />
      <div className="form-actions">
        <Button type="submit">{t('block.continue')}</Button>
      </div>
    </form>
  );
}

/**
 * The emergency block without the phone (issue 13 item 4 (a)): phone or IIN, password and date of
 * birth, a step that says what will happen, then one result, the same whether the details were
 * right or not (the server answers alike, so the form cannot be used to test passwords).
 */
export function BlockPage() {
  const { t } = useTranslation();
  usePageTitle(t('block.title'));
  const location = useLocation();
  const [step, setStep] = useState<Step>(() =>
    isBlockedNowState(location.state) ? { name: 'done', blockedNow: true } : { name: 'details' },
  );
  const [details, setDetails] = useState<Details>({ login: '', password: '', birthDate: '', reason: DEFAULT_BLOCK_REASON });
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { state: session, logout } = useSession();
  const blockedNow = step.name === 'done' && step.blockedNow;

  // After the signed-in "Block my access now" (BlockAccessSection): the server has ended the
  // session and unbound every device; this browser forgets them, staying on this result.
  useEffect(() => {
    if (!blockedNow || session.status !== 'authenticated') return;
    void Promise.all([forgetDevice('pin'), forgetDevice('webauthn')]).then(() => logout('loggedOut', { callServer: false, stay: true }));
  }, [blockedNow, session.status, logout]);

  // A new step is announced by moving focus to its heading (screen readers, keyboard users).
  useEffect(() => {
    if (step.name !== 'details') headingRef.current?.focus();
  }, [step.name]);

  async function block() {
    setBusy(true);
    setFailure(null);
    const { login, password, birthDate, reason } = details;
    const result = await callApi(() =>
      api.POST('/api/v1/emergency-block', { body: { login: cleanLogin(login), password, birthDate, reason } }),
    );
    setBusy(false);
    if (result.ok) {
      // Whether it matched is not known here either: a device this browser holds, if revoked,
      // is forgotten by the login page when the server says so.
      setDetails({ ...details, password: '' });
      setStep({ name: 'done', blockedNow: false });
    } else if (!result.aborted) setFailure(result.failure);
  }

  const current = step.name === 'details' ? 0 : step.name === 'confirm' ? 1 : 2;
  return (
    <div className="page page--narrow">
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{t('block.title')}</h1>
          <p className="page-header__lead">{t('block.lead')}</p>
        </div>
      </header>
      {step.name === 'done' && step.blockedNow ? null : (
        <Steps labels={[t('block.stepDetails'), t('block.stepConfirm'), t('block.stepDone')]} current={current} />
      )}
      <Card>
        {step.name === 'details' ? (
          <DetailsForm
            initial={details}
            onNext={(next) => {
              setDetails(next);
              setStep({ name: 'confirm' });
            }}
          />
        ) : step.name === 'confirm' ? (
          <div className="stack">
            <h2 className="section-title" ref={headingRef} tabIndex={-1}>
              {t('block.confirmTitle')}
            </h2>
            <WhatHappens />
            {failure ? <ErrorAlert failure={failure} /> : null}
            <div className="form-actions form-actions--split">
              <Button variant="danger" loading={busy} onClick={() => void block()}>
                {t('block.submit')}
              </Button>
              <button type="button" className="link-button" onClick={() => setStep({ name: 'details' })}>
                {t('block.back')}
              </button>
            </div>
          </div>
        ) : (
          <div className="stack">
            <h2 className="section-title" ref={headingRef} tabIndex={-1}>
              {step.blockedNow ? t('block.blockedNowTitle') : t('block.resultTitle')}
            </h2>
            <Alert tone="success" live={false}>
              <p>{step.blockedNow ? t('block.blockedNowText') : t('block.resultText')}</p>
            </Alert>
            <p>{t('block.resultSim')}</p>
            <p>{t('block.resultUnblock')}</p>
            <ContactCenterPhone />
            <div className="form-actions">
              <ButtonLink to="/" variant="secondary">
                {t('block.toHome')}
              </ButtonLink>
            </div>
          </div>
        )}
      </Card>
      {step.name === 'details' ? (
        <p className="center">
          <Link to="/login">{t('reset.backToLogin')}</Link>
        </p>
      ) : null}
    </div>
  );
}

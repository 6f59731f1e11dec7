import { type FormEvent, useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router-dom';
import { api, type SessionInfo } from '../../api/client';
import { AGREEMENTS, type Agreement } from '../../api/enums';
import { type ApiFailure, callApi, fieldErrorsByName } from '../../api/problem';
import { currentLanguage, useTranslation } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';
import { Button, Card, ErrorAlert, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PasswordField, Steps, TextField } from '../../ui';
import type { DashboardArrival } from '../home/Dashboard';
import { LEGAL_TITLE_KEY, LEGAL_VERSION_DAY, type LegalDocumentId } from '../legal/texts/types';
import { CodeStep } from './CodeStep';
import { IIN_LENGTH, iinProblem } from './iin';
import { formatPhoneInput, PhoneStep } from './PhoneStep';
import { useSession } from './session';

type Step =
  | { name: 'phone' }
  | { name: 'code'; registrationId: string; phone: string; resendAvailableAt: string }
  | { name: 'details'; registrationId: string };

const STEP_INDEX = { phone: 0, code: 1, details: 2 } as const;

interface DetailsErrors {
  iin?: string;
  fullName?: string;
  password?: string;
  agreement?: string;
  terms?: string;
  personalData?: string;
}

/** The texts a customer accepts with each choice of agreement. */
const TERMS_OF: Record<Agreement, readonly LegalDocumentId[]> = {
  emoney: ['emoney'],
  banking: ['banking'],
  both: ['banking', 'emoney'],
};

/** A link to a document that opens in a new tab, so the form keeps what was typed. */
function DocumentLink({ document }: { document: LegalDocumentId }) {
  const { t } = useTranslation();
  return (
    <a href={`/legal/${document}`} target="_blank" rel="noopener">
      {t(LEGAL_TITLE_KEY[document])}
      <span className="visually-hidden"> {t('a11y.newWindow')}</span>
    </a>
  );
}

function DocumentLinks({ documents }: { documents: readonly LegalDocumentId[] }) {
  const { t } = useTranslation();
  return (
    <p className="small">
      {t('register.readTerms')}{' '}
      {documents.map((document, index) => (
        <span key={document}>
          {index > 0 ? ', ' : null}
          <DocumentLink document={document} />
        </span>
      ))}
    </p>
  );
}

/** The IIN's check digit and date as typed: a typo is named before the form is sent. */
function iinError(iin: string, t: (key: 'register.iinInvalid' | 'register.iinCheck') => string, submitted: boolean): string | undefined {
  const problem = iinProblem(iin);
  if (problem === 'invalid') return t('register.iinCheck');
  if (problem === 'short' && submitted) return t('register.iinInvalid');
  return undefined;
}

function DetailsStep({ registrationId }: { registrationId: string }) {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [iin, setIin] = useState('');
  const [fullName, setFullName] = useState('');
  const [password, setPassword] = useState('');
  const [agreement, setAgreement] = useState<Agreement | null>(null);
  const [termsAccepted, setTermsAccepted] = useState(false);
  const [personalDataAccepted, setPersonalDataAccepted] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [errors, setErrors] = useState<DetailsErrors>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);

  function validate(): DetailsErrors {
    const next: DetailsErrors = {};
    const iinMessage = iinError(iin, t, true);
    if (iinMessage) next.iin = iinMessage;
    // The bank needs at least a surname and a given name (the server refuses one word too).
    if (!/\S\s+\S/.test(fullName.trim())) next.fullName = t('register.fullNameInvalid');
    const length = [...password].length;
    if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
      next.password = t('password.rule', { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH });
    }
    if (agreement === null) next.agreement = t('register.agreementRequired');
    if (!termsAccepted) next.terms = t('register.acceptTermsRequired');
    if (!personalDataAccepted) next.personalData = t('register.consentPersonalDataRequired');
    return next;
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = validate();
    setSubmitted(true);
    setErrors(next);
    if (Object.keys(next).length > 0 || agreement === null) return;
    setBusy(true);
    setFailure(null);
    const result = await callApi(() =>
      api.POST('/api/v1/registration/{registrationId}/complete', {
        params: { path: { registrationId } },
        body: {
          iin,
          fullName: fullName.trim(),
          password,
          agreement,
          // The version of the texts this form linked and the customer accepted; the server keeps it.
          consent: { version: LEGAL_VERSION_DAY, agreement: true, personalData: true },
          language: currentLanguage(),
          client: 'web',
        },
      }),
    );
    setBusy(false);
    if (result.ok) {
      signIn(result.data as unknown as SessionInfo);
      // The home page greets the new customer by the given name, once (DashboardArrival).
      const arrival: DashboardArrival = { welcome: true };
      navigate('/', { replace: true, state: arrival });
    } else if (!result.aborted) {
      setFailure(result.failure);
      setErrors(fieldErrorsByName(result.failure));
    }
  }

  return (
    <form className="stack" onSubmit={(event) => void handleSubmit(event)} noValidate>
      {failure ? <ErrorAlert failure={failure} /> : null}
      <TextField
        label={t('register.iin')}
        hint={t('register.iinHint')}
        error={iinError(iin, t, submitted) ?? errors.iin}
        name="iin"
        inputMode="numeric"
        autoComplete="off"
        maxLength={IIN_LENGTH}
        value={iin}
        onChange={(event) => {
          setIin(event.target.value.replace(/\D/g, '').slice(0, IIN_LENGTH));
          // The server's finding was about the IIN as it was; the check as typed takes over.
          setErrors((previous) => ({ ...previous, iin: undefined }));
        }}
      />
      <TextField
        label={t('register.fullName')}
        hint={t('register.fullNameHint')}
        error={errors.fullName}
        name="fullName"
        // Browsers fill autocomplete="name" given name first, the reverse of the order asked for.
        autoComplete="off"
        maxLength={120}
        value={fullName}
        onChange={(event) => setFullName(event.target.value)}
      />
      <PasswordField
        label={t('register.password')}
        error={errors.password}
        name="new-password"
        autoComplete="new-password"
        maxLength={1024}
        showRule
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <fieldset className="choice-group" aria-describedby={errors.agreement ? 'agreement-error' : undefined}>
        <legend className="field__label">{t('register.agreement')}</legend>
        {AGREEMENTS.map((kind) => (
          <label key={kind} className={agreement === kind ? 'choice choice--selected' : 'choice'}>
            <input type="radio" name="agreement" value={kind} checked={agreement === kind} onChange={() => setAgreement(kind)} />
            <span className="choice__text">
              <span className="choice__title">{t(`register.agreement_${kind}`)}</span>
              <span className="choice__description">{t(`register.agreement_${kind}Text`)}</span>
            </span>
          </label>
        ))}
        {errors.agreement ? (
          <p className="field__error" id="agreement-error">
            {errors.agreement}
          </p>
        ) : null}
      </fieldset>
      <fieldset className="choice-group">
        <legend className="field__label">{t('register.documentsTitle')}</legend>
        <DocumentLinks documents={agreement ? TERMS_OF[agreement] : TERMS_OF.both} />
        <label className={termsAccepted ? 'choice choice--selected' : 'choice'}>
          <input
            type="checkbox"
            name="terms"
            checked={termsAccepted}
            aria-describedby={errors.terms ? 'terms-error' : undefined}
            aria-invalid={errors.terms ? true : undefined}
            onChange={(event) => setTermsAccepted(event.target.checked)}
          />
          <span className="choice__text">
            <span className="choice__title">{t('register.acceptTerms')}</span>
          </span>
        </label>
        {errors.terms ? (
          <p className="field__error" id="terms-error">
            {errors.terms}
          </p>
        ) : null}
        <DocumentLinks documents={['personal-data']} />
        <label className={personalDataAccepted ? 'choice choice--selected' : 'choice'}>
          <input
            type="checkbox"
            name="personal-data"
            checked={personalDataAccepted}
            aria-describedby={errors.personalData ? 'personal-data-error' : undefined}
            aria-invalid={errors.personalData ? true : undefined}
            onChange={(event) => setPersonalDataAccepted(event.target.checked)}
          />
          <span className="choice__text">
            <span className="choice__title">{t('register.consentPersonalData')}</span>
          </span>
        </label>
        {errors.personalData ? (
          <p className="field__error" id="personal-data-error">
            {errors.personalData}
          </p>
        ) : null}
      </fieldset>
      <p className="small muted">{t('register.consent')}</p>
      <div className="form-actions">
        <Button type="submit" loading={busy}>
          {t('register.finish')}
        </Button>
      </div>
    </form>
  );
}

export function RegisterPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.register'));
  const { state } = useSession();
  const [step, setStep] = useState<Step>({ name: 'phone' });

  if (state.status === 'authenticated' && step.name === 'phone') return <Navigate to="/" replace />;

  const stepLabels = [t('register.stepPhone'), t('register.stepCode'), t('register.stepDetails')];

  return (
    <div className="page page--narrow">
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{t('register.title')}</h1>
          <p className="page-header__lead">{t('register.lead')}</p>
        </div>
      </header>
      <Steps labels={stepLabels} current={STEP_INDEX[step.name]} />
      <Card>
        {step.name === 'phone' ? (
          <PhoneStep
            intro={t('register.phoneIntro')}
            submitLabel={t('register.sendCode')}
            onSubmit={async (phone) => {
              const result = await callApi(() => api.POST('/api/v1/registration', { body: { phone, language: currentLanguage() } }));
              if (result.ok) {
                setStep({
                  name: 'code',
                  registrationId: result.data.registrationId,
                  phone: formatPhoneInput(phone),
                  resendAvailableAt: result.data.resendAvailableAt,
                });
                return null;
              }
              return result.aborted ? null : result.failure;
            }}
          />
        ) : step.name === 'code' ? (
          <CodeStep
            intro={t('register.codeIntro', { phone: step.phone })}
            resendAvailableAt={step.resendAvailableAt}
            submitLabel={t('code.confirm')}
            backLabel={t('register.changePhone')}
            onBack={() => setStep({ name: 'phone' })}
            onSubmit={async (code) => {
              const result = await callApi(() =>
                api.POST('/api/v1/registration/{registrationId}/phone', {
                  params: { path: { registrationId: step.registrationId } },
                  body: { code },
                }),
              );
              if (result.ok) {
                setStep({ name: 'details', registrationId: step.registrationId });
                return null;
              }
              return result.aborted ? null : result.failure;
            }}
            onResend={async () => {
              const result = await callApi(() =>
                api.POST('/api/v1/registration/{registrationId}/resend', { params: { path: { registrationId: step.registrationId } } }),
              );
              if (result.ok) return { ok: true, resendAvailableAt: result.data.resendAvailableAt };
              return { ok: false, failure: result.aborted ? { status: null, body: null } : result.failure };
            }}
          />
        ) : (
          <DetailsStep registrationId={step.registrationId} />
        )}
      </Card>
      <p className="center">
        {t('register.haveAccount')} <Link to="/login">{t('register.loginLink')}</Link>
      </p>
    </div>
  );
}

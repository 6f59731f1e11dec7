import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { useMeta } from '../../api/meta';
import { type ApiFailure, callApi, NETWORK_FAILURE, problemCode } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { dotted } from '../../lib/masked';
import { useApiLoad } from '../../lib/useApiLoad';
import { usePageTitle } from '../../lib/usePageTitle';
import { Alert, ButtonLink, Card, ErrorAlert, LoadingState, PageHeader, Steps } from '../../ui';
import { CodeStep } from '../auth/CodeStep';
import { useSession } from '../auth/session';
import { CoolingBanner } from './CoolingBanner';
import { IntroStep, NumberStep, PasswordStep } from './PhoneChangeForms';

type CodeStepState = { changeId: string; newPhone: string; sentTo: string; resendAvailableAt: string };

type Step =
  | { name: 'intro' }
  | { name: 'number'; typed: string; failure: ApiFailure | null }
  | { name: 'password'; typed: string }
  | ({ name: 'old-code' } & CodeStepState)
  | ({ name: 'new-code' } & CodeStepState)
  | { name: 'done'; maskedPhone: string; coolingUntil: string };

/** The progress list's position of each step (the intro comes before it). */
const STEP_INDEX: Readonly<Record<Exclude<Step['name'], 'intro'>, number>> = {
  number: 0,
  password: 1,
  'old-code': 2,
  'new-code': 3,
  done: 4,
};

/** A refusal of the number itself: the customer is taken back to type another. */
const NUMBER_PROBLEMS = new Set(['phone-change-number-invalid', 'phone-change-same-number']);

/**
 * /profile/phone: the customer changes the number of their access (issue 13 item 5): what follows
 * is said first, then the new number, the password, the code from the current number, the code
 * from the new one, and what the cooling period allows until it ends.
 */
export function PhoneChangePage() {
  const { t } = useTranslation();
  usePageTitle(t('phoneChange.title'));
  const { state: meta } = useMeta();
  const { signIn } = useSession();
  const [step, setStep] = useState<Step>({ name: 'intro' });
  const { state: terms, reload } = useApiLoad((signal) => callApi(() => api.GET('/api/v1/profile/phone-change', { signal })), []);
  const contactPhone = meta.status === 'ready' ? meta.meta.contactCenterPhone : null;
  const startOver = () => setStep({ name: 'number', typed: '', failure: null });

  async function start(typed: string, password: string): Promise<ApiFailure | null> {
    const newPhone = typed.replace(/\s/g, '');
    const result = await callApi(() => api.POST('/api/v1/profile/phone-change', { body: { newPhone, password } }));
    if (result.ok) {
      setStep({
        name: 'old-code',
        changeId: result.data.changeId,
        newPhone: typed,
        sentTo: result.data.sentTo,
        resendAvailableAt: result.data.resendAvailableAt,
      });
      return null;
    }
    if (result.aborted) return null;
    const code = problemCode(result.failure);
    if (code !== null && NUMBER_PROBLEMS.has(code)) {
      setStep({ name: 'number', typed, failure: result.failure });
      return null;
    }
    return result.failure;
  }

  async function resend(current: CodeStepState) {
    const result = await callApi(() =>
      api.POST('/api/v1/profile/phone-change/{changeId}/resend', { params: { path: { changeId: current.changeId } } }),
    );
    if (result.ok) return { ok: true as const, resendAvailableAt: result.data.resendAvailableAt };
    return { ok: false as const, failure: result.aborted ? NETWORK_FAILURE : result.failure };
  }

  async function confirmOld(current: CodeStepState, code: string): Promise<ApiFailure | null> {
    const result = await callApi(() =>
      api.POST('/api/v1/profile/phone-change/{changeId}/old-code', { params: { path: { changeId: current.changeId } }, body: { code } }),
    );
    if (result.ok) {
      setStep({
        name: 'new-code',
        changeId: current.changeId,
        newPhone: current.newPhone,
        sentTo: result.data.sentTo,
        resendAvailableAt: result.data.resendAvailableAt,
      });
      return null;
    }
    return result.aborted ? null : result.failure;
  }

  async function confirmNew(current: CodeStepState, code: string): Promise<ApiFailure | null> {
    const result = await callApi(() =>
      api.POST('/api/v1/profile/phone-change/{changeId}/new-code', { params: { path: { changeId: current.changeId } }, body: { code } }),
    );
    if (!result.ok) return result.aborted ? null : result.failure;
    // The session stays; its customer now has another number: read it again for the header and settings.
    const session = await callApi(() => api.GET('/api/v1/auth/session'));
    if (session.ok) signIn(session.data);
    setStep({ name: 'done', maskedPhone: result.data.maskedPhone, coolingUntil: result.data.coolingUntil });
    return null;
  }

  const labels = [
    t('phoneChange.stepNumber'),
    t('phoneChange.stepPassword'),
    t('phoneChange.stepOldCode'),
    t('phoneChange.stepNewCode'),
    t('phoneChange.stepDone'),
  ];

  return (
    <div className="page page--narrow">
      <PageHeader title={t('phoneChange.title')} lead={t('phoneChange.lead')} />
      {step.name === 'intro' ? null : <Steps labels={labels} current={STEP_INDEX[step.name]} />}
      <Card>
        {step.name === 'intro' ? (
          terms.status === 'loading' ? (
            <LoadingState />
          ) : terms.status === 'error' ? (
            <ErrorAlert failure={terms.failure} onRetry={reload} />
          ) : (
            <IntroStep terms={terms.data} contactPhone={contactPhone} onBegin={startOver} />
          )
        ) : null}
        {step.name === 'number' ? (
          <NumberStep initial={step.typed} failure={step.failure} onNext={(typed) => setStep({ name: 'password', typed })} />
        ) : null}
        {step.name === 'password' ? (
          <PasswordStep
            newPhone={step.typed}
            onSubmit={(password) => start(step.typed, password)}
            onOtherNumber={() => setStep({ name: 'number', typed: step.typed, failure: null })}
          />
        ) : null}
        {step.name === 'old-code' || step.name === 'new-code' ? (
          <CodeStep
            key={step.name}
            intro={t(step.name === 'old-code' ? 'phoneChange.oldCodeIntro' : 'phoneChange.newCodeIntro', { phone: dotted(step.sentTo) })}
            resendAvailableAt={step.resendAvailableAt}
            submitLabel={step.name === 'old-code' ? t('phoneChange.confirm') : t('phoneChange.changeNow')}
            backLabel={t('phoneChange.startOver')}
            usedUpHint={t('phoneChange.usedUp')}
            onBack={startOver}
            onResend={() => resend(step)}
            onSubmit={(code) => (step.name === 'old-code' ? confirmOld(step, code) : confirmNew(step, code))}
          />
        ) : null}
        {step.name === 'done' ? (
          <div className="stack">
            <Alert tone="success" title={t('phoneChange.doneTitle')}>
              <p>{t('phoneChange.doneText', { phone: dotted(step.maskedPhone) })}</p>
              <p>{t('phoneChange.doneSessions')}</p>
            </Alert>
            {terms.status === 'ready' && terms.data.coolingHours > 0 ? (
              <CoolingBanner cooling={{ until: step.coolingUntil, transferMaxPerDayMinor: terms.data.coolingTransferMaxPerDayMinor }} />
            ) : null}
            <div className="form-actions">
              <ButtonLink to="/profile" variant="primary">
                {t('phoneChange.backToProfile')}
              </ButtonLink>
            </div>
          </div>
        ) : null}
      </Card>
      {step.name === 'done' ? null : (
        <p className="center">
          <Link to="/profile">{t('phoneChange.cancel')}</Link>
        </p>
      )}
    </div>
  );
}

import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { LANGUAGES, type Language } from '../../api/enums';
import { useMeta } from '../../api/meta';
import { type ApiFailure, callApi } from '../../api/problem';
import type { GetResponse } from '../../api/shapes';
import { useTranslation } from '../../i18n';
import { dotted } from '../../lib/masked';
import { useApiLoad } from '../../lib/useApiLoad';
import { usePageTitle } from '../../lib/usePageTitle';
import { Alert, Button, Card, DateTime, DocumentIcon, ErrorAlert, LoadingState, PageHeader, UserIcon } from '../../ui';
import { LEGAL_TITLE_KEY } from '../legal/texts/types';
import { PhoneChangeCard } from '../phone-change/PhoneChangeCard';

type Profile = GetResponse<'/api/v1/profile'>;

function PersonalDetails({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const { state } = useMeta();
  return (
    <Card title={t('profile.personalTitle')} icon={<UserIcon />}>
      <dl className="facts">
        <div className="facts__row">
          <dt>{t('profile.fullName')}</dt>
          <dd>{profile.fullName}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('profile.phone')}</dt>
          <dd className="mono">{dotted(profile.maskedPhone)}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('profile.iin')}</dt>
          <dd className="mono">{dotted(profile.maskedIin)}</dd>
        </div>
      </dl>
      <p className="small muted">{t('profile.maskedNote')}</p>
      {state.status === 'ready' ? (
        <p className="small muted">{t('phoneChange.profileNote', { phone: state.meta.contactCenterPhone })}</p>
      ) : null}
    </Card>
  );
}

/** The language of SMS and in-app notices: the customer's own choice, kept by the server. */
function MessageLanguage({ profile, onSaved }: { profile: Profile; onSaved: (profile: Profile) => void }) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<Language>(profile.language);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [saved, setSaved] = useState<Language | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    setSaved(null);
    const result = await callApi(() => api.PUT('/api/v1/profile/language', { body: { language: choice } }));
    setBusy(false);
    if (result.ok) {
      setSaved(result.data.language);
      onSaved(result.data);
    } else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <Card title={t('profile.languageTitle')}>
      <form className="stack" onSubmit={(event) => void submit(event)}>
        <fieldset className="choice-group" aria-describedby="message-language-lead">
          <legend className="visually-hidden">{t('profile.languageTitle')}</legend>
          <p id="message-language-lead" className="muted">
            {t('profile.languageLead')}
          </p>
          {LANGUAGES.map((language) => (
            <label key={language} className={choice === language ? 'choice choice--selected' : 'choice'} lang={language}>
              <input
                type="radio"
                name="message-language"
                value={language}
                checked={choice === language}
                onChange={() => setChoice(language)}
              />
              <span className="choice__text">
                <span className="choice__title">{t(`languages.${language}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {saved ? <Alert tone="success">{t('profile.languageSaved', { language: t(`languages.${saved}`) })}</Alert> : null}
        {failure ? <ErrorAlert failure={failure} /> : null}
        <div className="form-actions">
          <Button type="submit" variant="secondary" loading={busy} disabled={choice === profile.language && saved === null}>
            {t('profile.languageSave')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function Agreements({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  return (
    <Card title={t('profile.agreementsTitle')} icon={<DocumentIcon />}>
      <ul className="list">
        {profile.agreements.map((agreement) => (
          <li key={agreement.number} className="list-row">
            <div className="list-row__body">
              <p className="list-row__title">{t(LEGAL_TITLE_KEY[agreement.kind])}</p>
              <p className="list-row__meta">
                {t('profile.agreementNumber', { number: agreement.number })} · {t('profile.signedAt')}{' '}
                <DateTime value={agreement.signedAt} format="date" />
              </p>
              <p>
                <Link to={`/legal/${agreement.kind}`}>{t('profile.readText')}</Link>
              </p>
            </div>
          </li>
        ))}
        <li className="list-row">
          <div className="list-row__body">
            <p className="list-row__title">{t('profile.consent')}</p>
            <p className="list-row__meta">{t('profile.consentGiven')}</p>
            <p>
              <Link to="/legal/personal-data">{t('profile.readConsent')}</Link>
            </p>
          </div>
        </li>
      </ul>
      {profile.agreements.length === 0 ? <p className="muted">{t('profile.noAgreements')}</p> : null}
    </Card>
  );
}

/** /profile: who the bank knows the customer as, the language of messages, the agreements. */
export function ProfilePage() {
  const { t } = useTranslation();
  usePageTitle(t('profile.title'));
  const { state, reload, setState } = useApiLoad((signal) => callApi(() => api.GET('/api/v1/profile', { signal })), []);
  return (
    <div className="page page--narrow">
      <PageHeader title={t('profile.title')} lead={t('profile.lead')} />
      {state.status === 'loading' ? <LoadingState /> : null}
      {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
      {state.status === 'ready' ? (
        <>
          <PersonalDetails profile={state.data} />
          <PhoneChangeCard maskedPhone={state.data.maskedPhone} cooling={state.data.cooling} />
          <MessageLanguage profile={state.data} onSaved={(profile) => setState({ status: 'ready', data: profile })} />
          <Agreements profile={state.data} />
          <p className="stack">
            <Link to="/notifications/settings">{t('profile.notificationsLink')}</Link>
            <Link to="/settings">{t('nav.settings')}</Link>
          </p>
        </>
      ) : null}
    </div>
  );
}

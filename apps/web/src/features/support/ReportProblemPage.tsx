import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { useMeta } from '../../api/meta';
import { type ApiFailure, callApi } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';
import { Alert, Button, ButtonLink, Card, ErrorAlert, LockIcon, MailIcon, PageHeader, PhoneIcon, ShieldIcon } from '../../ui';
import './support.css';
import { BLOCK_NOW_KINDS, INCIDENT_KINDS, type IncidentKind, type IncidentReported as Reported } from './support-model';

/** What the customer may write: a few paragraphs, as the server takes (incidents.types.ts). */
const TEXT_LENGTH_MAX = 2000;

function report(kind: IncidentKind, text: string) {
  return callApi(() => api.POST('/api/v1/incidents', { body: text ? { kind, text } : { kind } }));
}

/** The contact center and the security e-mail, as links: from the answer, which has them from configuration. */
export function Contacts({ phone, email }: { phone: string; email: string }) {
  const { t } = useTranslation();
  return (
    <ul className="contact-list">
      <li className="contact-list__item">
        <span>{t('support.call')}</span>
        <a className="contact-list__value" href={`tel:${phone}`}>
          <PhoneIcon />
          {phone}
        </a>
      </li>
      <li className="contact-list__item">
        <span>{t('support.write')}</span>
        <a className="contact-list__value" href={`mailto:${email}`}>
          <MailIcon />
          {email}
        </a>
      </li>
    </ul>
  );
}

/** The answer: what to do now, step by step, in the words of the memo, with the contacts. */
function WhatNow({ reported }: { reported: Reported }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const { advice } = reported;
  return (
    <div ref={ref} tabIndex={-1} className="focus-target stack" data-testid="incident-advice">
      <Alert tone={advice.urgent ? 'warning' : 'success'} title={advice.urgent ? t('support.doneUrgentTitle') : t('support.doneTitle')}>
        <p>{t('support.doneLead')}</p>
      </Alert>
      <Card title={t('support.whatNow')} icon={<ShieldIcon />} className={advice.urgent ? 'card--urgent' : undefined}>
        <ol className="advice-steps">
          {advice.steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        <Contacts phone={advice.contactCenterPhone} email={advice.securityEmail} />
        {BLOCK_NOW_KINDS.has(reported.kind) ? (
          <p>
            <Link to="/block">
              <LockIcon /> {t('support.blockLink')}
            </Link>
          </p>
        ) : null}
        <p className="muted">{t('support.neverAsks')}</p>
      </Card>
      <div className="form-actions">
        <ButtonLink to="/support" variant="secondary">
          {t('support.myRequests')}
        </ButtonLink>
      </div>
    </div>
  );
}

/** "Report a problem": the kinds as clear choices with one line each, the text, and the answer. */
export function ReportProblemPage() {
  const { t } = useTranslation();
  usePageTitle(t('support.reportTitle'));
  const { state: meta } = useMeta();
  const [kind, setKind] = useState<IncidentKind>('told_code');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [reported, setReported] = useState<Reported | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    const result = await report(kind, text.trim());
    setBusy(false);
    if (result.ok) setReported(result.data);
    else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <div className="page page--narrow">
      <PageHeader title={t('support.reportTitle')} lead={t('support.reportLead')} />
      {reported ? (
        <WhatNow reported={reported} />
      ) : (
        <Card>
          <form className="stack" onSubmit={(event) => void submit(event)}>
            {failure ? <ErrorAlert failure={failure} /> : null}
            <fieldset className="choice-group">
              <legend className="field__label">{t('support.kindLegend')}</legend>
              {INCIDENT_KINDS.map((choice) => (
                <label key={choice} className={kind === choice ? 'choice choice--selected' : 'choice'}>
                  <input type="radio" name="incident-kind" value={choice} checked={kind === choice} onChange={() => setKind(choice)} />
                  <span className="choice__text">
                    <span className="choice__title">{t(`support.kind_${choice}`)}</span>
                    <span className="choice__description">{t(`support.kind_${choice}_hint`)}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            <div className="field">
              <label className="field__label" htmlFor="incident-text">
                {t('support.text')}
              </label>
              <div className="field__hint" id="incident-text-hint">
                {t('support.textHint')}
              </div>
              <textarea
                id="incident-text"
                className="field__input field__textarea"
                aria-describedby="incident-text-hint"
                maxLength={TEXT_LENGTH_MAX}
                rows={4}
                value={text}
                onChange={(event) => setText(event.target.value)}
              />
            </div>
            <div className="form-actions">
              <Button type="submit" variant="primary" loading={busy}>
                {t('support.submit')}
              </Button>
            </div>
          </form>
        </Card>
      )}
      {!reported && meta.status === 'ready' ? (
        <Card title={t('security.compromiseTitle')} titleLevel={2}>
          <Contacts phone={meta.meta.contactCenterPhone} email={meta.meta.securityEmail} />
        </Card>
      ) : null}
    </div>
  );
}

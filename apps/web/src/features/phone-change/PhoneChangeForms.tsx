import { type FormEvent, useState } from 'react';
import type { ApiFailure } from '../../api/problem';
import { useLocale, useTranslation } from '../../i18n';
import { formatMoney } from '../../lib/format';
import { Alert, Button, ErrorAlert, PasswordField, TextField } from '../../ui';
import { formatPhoneInput } from '../auth/PhoneStep';

/** "+7 701 123 45 67" as typed: the country code and ten digits (the server checks it is a mobile). */
export function isPlusSevenNumber(typed: string): boolean {
  return /^\+7\d{10}$/.test(typed.replace(/\s/g, ''));
}

/** What the change brings, said before the customer starts (issue 13 item 5): the steps, the notice, the cooling period. */
export function IntroStep({
  terms,
  contactPhone,
  onBegin,
}: {
  terms: { coolingHours: number; coolingTransferMaxPerDayMinor: number };
  contactPhone: string | null;
  onBegin: () => void;
}) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  return (
    <div className="stack">
      <h2 className="card__title">{t('phoneChange.beforeTitle')}</h2>
      <ul className="stack">
        <li>{t('phoneChange.beforeSteps')}</li>
        <li>{t('phoneChange.beforeNotice')}</li>
        <li>{t('phoneChange.beforeSessions')}</li>
        {terms.coolingHours > 0 ? (
          <li>
            {t('phoneChange.beforeCooling', {
              hours: terms.coolingHours,
              amount: formatMoney(terms.coolingTransferMaxPerDayMinor, 'KZT', locale),
            })}
          </li>
        ) : null}
      </ul>
      {contactPhone ? (
        <Alert tone="info" live={false}>
          <p>{t('phoneChange.noOldPhone', { phone: contactPhone })}</p>
        </Alert>
      ) : null}
      <div className="form-actions">
        <Button variant="primary" onClick={onBegin}>
          {t('phoneChange.begin')}
        </Button>
      </div>
    </div>
  );
}

/** The new number; a refusal the server gave for it (not a +7 mobile, the number in use) comes back here. */
export function NumberStep({ initial, failure, onNext }: { initial: string; failure: ApiFailure | null; onNext: (typed: string) => void }) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState(initial);
  const [error, setError] = useState<string | null>(null);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!isPlusSevenNumber(phone)) {
      setError(t('phoneChange.newPhoneInvalid'));
      return;
    }
    setError(null);
    onNext(phone);
  }

  return (
    <form className="stack" onSubmit={handleSubmit} noValidate>
      {failure ? <ErrorAlert failure={failure} /> : null}
      <TextField
        label={t('phoneChange.newPhoneLabel')}
        hint={t('phoneChange.newPhoneHint')}
        error={error}
        name="new-phone"
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        placeholder="+7 7__ ___ __ __"
        autoFocus
        value={phone}
        onChange={(event) => setPhone(formatPhoneInput(event.target.value))}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary">
          {t('phoneChange.next')}
        </Button>
      </div>
    </form>
  );
}

/** The password: it proves it is the customer before any code is sent, and counts towards the login lock. */
export function PasswordStep({
  newPhone,
  onSubmit,
  onOtherNumber,
}: {
  newPhone: string;
  onSubmit: (password: string) => Promise<ApiFailure | null>;
  onOtherNumber: () => void;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (password === '') {
      setError(t('phoneChange.passwordRequired'));
      return;
    }
    setError(null);
    setBusy(true);
    setFailure(null);
    const result = await onSubmit(password);
    setBusy(false);
    if (result) {
      setFailure(result);
      setPassword('');
    }
  }

  return (
    <form className="stack" onSubmit={(event) => void handleSubmit(event)} noValidate>
      <p>{t('phoneChange.passwordIntro', { phone: newPhone })}</p>
      {failure ? <ErrorAlert failure={failure} /> : null}
      <PasswordField
        label={t('phoneChange.passwordLabel')}
        error={error}
        name="password"
        autoComplete="current-password"
        maxLength={1024}
        autoFocus
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" loading={busy}>
          {t('phoneChange.sendCode')}
        </Button>
      </div>
      <p>
        <button type="button" className="link-button" onClick={onOtherNumber}>
          {t('phoneChange.otherNumber')}
        </button>
      </p>
    </form>
  );
}

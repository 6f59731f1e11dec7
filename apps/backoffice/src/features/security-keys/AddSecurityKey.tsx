import { Alert, type ApiFailure, Button, Card, callApi, ErrorAlert, PlusIcon, TextField } from '@kassa/ui';
import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { asJsonObject, creationOptions, loadWebauthnBrowser } from '../../auth/webauthn';
import { useTranslation } from '../../i18n';

/** The longest name the server takes (security-keys.service.ts SECURITY_KEY_NAME_LENGTH_MAX). */
const KEY_NAME_LENGTH_MAX = 60;

/**
 * Adding a key: a name, the server's registration options (bound to this session), the browser's
 * prompt to insert and touch the key, and the answer back to the server, which stores the key.
 * A closed prompt adds nothing; the button works again.
 */
export function AddSecurityKey({ onAdded }: { onAdded: (name: string) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [supported, setSupported] = useState(true);

  useEffect(() => {
    let live = true;
    void loadWebauthnBrowser().then((webauthn) => {
      if (live) setSupported(webauthn.browserSupportsWebAuthn());
    });
    return () => {
      live = false;
    };
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '') {
      setNameError(t('securityKeys.nameRequired'));
      return;
    }
    setNameError(null);
    setBusy(true);
    setFailure(null);
    setCancelled(false);
    const webauthn = await loadWebauthnBrowser();
    const options = await callApi(() => api.POST('/api/staff/v1/auth/security-keys/options'));
    if (!options.ok) {
      setBusy(false);
      if (!options.aborted) setFailure(options.failure);
      return;
    }
    let response: Awaited<ReturnType<typeof webauthn.startRegistration>>;
    try {
      response = await webauthn.startRegistration({ optionsJSON: creationOptions(options.data.options) });
    } catch {
      setBusy(false);
      setCancelled(true);
      return;
    }
    const added = await callApi(() =>
      api.POST('/api/staff/v1/auth/security-keys', {
        body: { challengeId: options.data.challengeId, name: trimmed, response: asJsonObject(response) },
      }),
    );
    setBusy(false);
    if (added.ok) {
      setName('');
      onAdded(added.data.name);
    } else if (!added.aborted) setFailure(added.failure);
  }

  return (
    <Card title={t('securityKeys.addTitle')}>
      <p className="muted">{t('securityKeys.addLead')}</p>
      {!supported ? (
        <Alert tone="info" live={false}>
          {t('securityKeys.unsupported')}
        </Alert>
      ) : (
        <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
          {failure ? <ErrorAlert failure={failure} /> : null}
          {cancelled ? <Alert tone="info">{t('securityKeys.cancelled')}</Alert> : null}
          <TextField
            label={t('securityKeys.name')}
            hint={t('securityKeys.nameHint')}
            error={nameError}
            name="keyName"
            autoComplete="off"
            maxLength={KEY_NAME_LENGTH_MAX}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
          <div className="form-actions">
            <Button type="submit" variant="primary" icon={<PlusIcon />} loading={busy}>
              {t('securityKeys.add')}
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}

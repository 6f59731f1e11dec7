import { Alert, type ApiFailure, Button, callApi, ErrorAlert, LockIcon } from '@kassa/ui';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { useTranslation } from '../i18n';
import { asJsonObject, loadWebauthnBrowser, requestOptions } from './webauthn';

interface SecurityKeyLoginProps {
  loginId: string;
  /** Sends the key's answer; resolves to the failure to show, or null when the caller moved on. */
  onAnswer: (challengeId: string, response: { [key: string]: unknown; id: string; type: string }) => Promise<ApiFailure | null>;
  /** A failure of the options request: the caller decides whether the login can go on (null) or not. */
  onOptionsFailure: (failure: ApiFailure) => ApiFailure | null;
}

/**
 * Step 2 by a security key: options bound to this pending login, the browser's prompt, and the
 * signed answer. A closed or timed-out prompt sends nothing, so it costs no try; the staff member
 * presses the button again.
 */
export function SecurityKeyLogin({ loginId, onAnswer, onOptionsFailure }: SecurityKeyLoginProps) {
  const { t } = useTranslation();
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
      void loadWebauthnBrowser().then((webauthn) => webauthn.WebAuthnAbortService.cancelCeremony());
    };
  }, []);

  async function signWithKey() {
    setBusy(true);
    setFailure(null);
    setCancelled(false);
    const webauthn = await loadWebauthnBrowser();
    const options = await callApi(() =>
      api.POST('/api/staff/v1/auth/login/{loginId}/security-key/options', { params: { path: { loginId } } }),
    );
    if (!options.ok) {
      setBusy(false);
      if (!options.aborted) setFailure(onOptionsFailure(options.failure));
      return;
    }
    let response: Awaited<ReturnType<typeof webauthn.startAuthentication>>;
    try {
      response = await webauthn.startAuthentication({ optionsJSON: requestOptions(options.data.options) });
    } catch {
      setBusy(false);
      setCancelled(true);
      return;
    }
    const result = await onAnswer(options.data.challengeId, asJsonObject(response));
    setBusy(false);
    setFailure(result);
  }

  if (!supported)
    return (
      <Alert tone="info" live={false}>
        {t('securityKeys.unsupported')}
      </Alert>
    );
  return (
    <div className="stack">
      {failure ? <ErrorAlert failure={failure} /> : null}
      {cancelled ? <Alert tone="info">{t('securityKeys.cancelled')}</Alert> : null}
      <div className="form-actions">
        <Button variant="primary" icon={<LockIcon />} loading={busy} onClick={() => void signWithKey()}>
          {t('securityKeys.use')}
        </Button>
      </div>
    </div>
  );
}

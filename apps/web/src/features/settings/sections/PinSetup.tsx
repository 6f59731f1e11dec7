import { type FormEvent, useState } from 'react';
import { api } from '../../../api/client';
import { type ApiFailure, callApi, fieldErrorsByName, NETWORK_FAILURE } from '../../../api/problem';
import { useTranslation } from '../../../i18n';
import { Alert, Button, ErrorAlert, KeypadIcon, TextField } from '../../../ui';
import { generateDeviceKeyPair, publicKeyJwk, saveDevice } from '../../auth/deviceStore';
import { PinField } from '../../auth/PinField';
import { useCurrentSession } from '../../auth/session';
import { BindingCodeStep } from './BindingCodeStep';
import { SetupHead } from './SetupHead';
import type { BindingStep } from './settings-data';
import { defaultDeviceName } from './settings-data';

/** What the PIN setup keeps between its two steps: the key made here, and what the code was sent for. */
interface PendingPinBinding {
  binding: BindingStep;
  keyPair: CryptoKeyPair;
  jwk: Awaited<ReturnType<typeof publicKeyJwk>>;
  pin: string;
}

export function PinSetup({ onBound }: { onBound: () => void }) {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(() => defaultDeviceName(t));
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ name?: string; pin?: string; repeat?: string }>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [pending, setPending] = useState<PendingPinBinding | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next: typeof errors = {};
    if (name.trim() === '') next.name = t('devices.nameRequired');
    if (!/^\d{4,6}$/.test(pin)) next.pin = t('pin.invalid');
    else if (/^(\d)\1+$/.test(pin) || '0123456789'.includes(pin) || '9876543210'.includes(pin)) next.pin = t('pin.tooSimple');
    if (repeat !== pin) next.repeat = t('pin.mismatch');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    setFailure(null);
    try {
      const keyPair = await generateDeviceKeyPair();
      const jwk = await publicKeyJwk(keyPair);
      // Step 1: the server sends a code bound to this name and this key.
      const result = await callApi(() =>
        api.POST('/api/v1/devices/bindings', { body: { kind: 'pin', name: name.trim(), publicKeyJwk: jwk } }),
      );
      if (result.ok) setPending({ binding: result.data, keyPair, jwk, pin });
      else if (!result.aborted) {
        setFailure(result.failure);
        setErrors(fieldErrorsByName(result.failure));
      }
    } catch {
      setFailure(NETWORK_FAILURE);
    } finally {
      setBusy(false);
    }
  }

  // Step 2: the code, with the same name and key, binds the device.
  async function confirm(code: string): Promise<ApiFailure | null> {
    if (!pending) return null;
    const { binding, keyPair, jwk } = pending;
    const result = await callApi(() =>
      api.POST('/api/v1/devices/pin', {
        body: { bindingId: binding.bindingId, code, name: binding.name, pin: pending.pin, publicKeyJwk: jwk },
      }),
    );
    if (!result.ok) return result.aborted ? null : result.failure;
    await saveDevice({
      kind: 'pin',
      deviceId: result.data.deviceId,
      keyPair,
      maskedPhone: session.customer.maskedPhone,
      createdAt: new Date().toISOString(),
    });
    setPending(null);
    setDone(true);
    setOpen(false);
    setPin('');
    setRepeat('');
    onBound();
    return null;
  }

  return (
    <div className="setup">
      <SetupHead icon={<KeypadIcon />} title={t('pin.setupTitle')} text={t('pin.setupText')} />
      {done ? <Alert tone="success">{t('pin.setupDone')}</Alert> : null}
      {pending ? (
        <BindingCodeStep
          binding={pending.binding}
          submitLabel={t('devices.codeSubmitPin')}
          onSubmit={confirm}
          onCancel={() => setPending(null)}
        />
      ) : open ? (
        <form className="stack form-narrow" onSubmit={(event) => void handleSubmit(event)} noValidate>
          <Alert tone="info" live={false}>
            {t('pin.ownDeviceOnly')}
          </Alert>
          {failure ? <ErrorAlert failure={failure} /> : null}
          <TextField
            label={t('devices.name')}
            hint={t('devices.nameHint')}
            error={errors.name}
            name="device-name"
            maxLength={60}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
          <PinField label={t('pin.new')} hint={t('pin.rule')} error={errors.pin} name="new-pin" value={pin} onPinChange={setPin} />
          <PinField label={t('pin.repeat')} error={errors.repeat} name="repeat-pin" value={repeat} onPinChange={setRepeat} />
          <div className="form-actions">
            <Button type="submit" loading={busy}>
              {t('pin.save')}
            </Button>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        </form>
      ) : (
        <div>
          <Button
            variant="secondary"
            onClick={() => {
              setDone(false);
              setOpen(true);
            }}
          >
            {t('pin.setup')}
          </Button>
        </div>
      )}
    </div>
  );
}

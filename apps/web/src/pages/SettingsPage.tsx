import { browserSupportsWebAuthn, startRegistration } from '@simplewebauthn/browser';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { type ApiFailure, callApi, fieldErrorsByName, NETWORK_FAILURE } from '../api/problem';
import type { paths } from '../api/schema';
import type { GetResponse } from '../api/shapes';
import { CodeStep, type ResendOutcome } from '../auth/CodeStep';
import {
  describeUserAgent,
  forgetDeviceId,
  forgetDevicesExcept,
  forgetDevicesNotIn,
  generateDeviceKeyPair,
  loadDevice,
  publicKeyJwk,
  saveDevice,
} from '../auth/deviceStore';
import { useCurrentSession, useSession } from '../auth/session';
import { asJsonObject } from '../auth/webauthn';
import { usePageTitle } from '../lib/usePageTitle';
import {
  Alert,
  Button,
  Card,
  DateTime,
  DeviceIcon,
  EmptyState,
  ErrorAlert,
  FingerprintIcon,
  KeypadIcon,
  LoadingState,
  LockIcon,
  LogoutIcon,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PageHeader,
  PasswordField,
  RefreshIcon,
  TextField,
} from '../ui';

type SessionItem = GetResponse<'/api/v1/sessions'>['items'][number];
type DeviceItem = GetResponse<'/api/v1/devices'>['items'][number];

type Loaded<T> = { status: 'loading' } | { status: 'error'; failure: ApiFailure } | { status: 'ready'; items: T[] };

function useList<T>(
  load: (
    signal: AbortSignal,
  ) => Promise<{ ok: true; data: { items: T[] } } | { ok: false; aborted: true } | { ok: false; aborted: false; failure: ApiFailure }>,
) {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the load; `load` is a stable module-level call
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal).then((result) => {
      if (result.ok) setState({ status: 'ready', items: result.data.items });
      else if (!result.aborted) setState({ status: 'error', failure: result.failure });
    });
    return () => controller.abort();
  }, [attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}

const loadSessions = (signal: AbortSignal) => callApi(() => api.GET('/api/v1/sessions', { signal }));
const loadDevices = (signal: AbortSignal) => callApi(() => api.GET('/api/v1/devices', { signal }));

function defaultDeviceName(t: ReturnType<typeof useTranslation>['t']): string {
  const { browser, os } = describeUserAgent(navigator.userAgent);
  if (browser && os) return t('devices.defaultName', { browser, os });
  return browser ?? os ?? t('devices.unknownDevice');
}

function SessionRow({ item, onEnded }: { item: SessionItem; onEnded: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const { browser, os } = describeUserAgent(item.userAgent);
  const name =
    browser && os
      ? t('devices.defaultName', { browser, os })
      : (browser ?? os ?? (item.client === 'mobile' ? t('sessions.mobileApp') : t('devices.unknownDevice')));

  async function end() {
    setBusy(true);
    const result = await callApi(() => api.DELETE('/api/v1/sessions/{sessionId}', { params: { path: { sessionId: item.id } } }));
    setBusy(false);
    if (result.ok) onEnded();
    else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <li className="list-row">
      <span className="list-row__icon">
        <DeviceIcon />
      </span>
      <div className="list-row__body">
        <p className="list-row__title">
          {name}
          {item.current ? <span className="badge badge--success">{t('sessions.current')}</span> : null}
        </p>
        <p className="list-row__meta">
          {t(`sessions.method_${item.method === 'pin' || item.method === 'webauthn' ? item.method : 'password_sms'}`)}
          {' · '}
          {t('sessions.ip', { ip: item.ip ?? '—' })}
        </p>
        <p className="list-row__meta">
          {t('sessions.lastActive')} <DateTime value={item.lastSeenAt} format="dateTime" />
          {' · '}
          {t('sessions.started')} <DateTime value={item.createdAt} format="dateTime" />
        </p>
        {failure ? <ErrorAlert failure={failure} /> : null}
      </div>
      {item.current ? null : (
        <Button variant="secondary" loading={busy} onClick={() => void end()} aria-label={t('sessions.endNamed', { name })}>
          {t('sessions.end')}
        </Button>
      )}
    </li>
  );
}

function SessionsSection() {
  const { t } = useTranslation();
  const { logout } = useSession();
  const current = useCurrentSession();
  const { state, reload } = useList(loadSessions);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function endAll() {
    setBusy(true);
    const result = await callApi(() => api.POST('/api/v1/auth/logout-all'));
    setBusy(false);
    if (result.ok) {
      // The server unbound every device but the one this session logged in with (if any).
      await forgetDevicesExcept(current.method === 'pin' || current.method === 'webauthn' ? current.method : null);
      await logout('everywhere', { callServer: false });
    } else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <Card title={t('sessions.title')} icon={<DeviceIcon />} id="sessions">
      <p className="muted">{t('sessions.lead')}</p>
      {state.status === 'loading' ? (
        <LoadingState />
      ) : state.status === 'error' ? (
        <ErrorAlert failure={state.failure} onRetry={reload} />
      ) : state.items.length === 0 ? (
        <EmptyState title={t('sessions.empty')} />
      ) : (
        <ul className="list" aria-label={t('sessions.title')}>
          {state.items.map((item) => (
            <SessionRow key={item.id} item={item} onEnded={reload} />
          ))}
        </ul>
      )}
      {failure ? <ErrorAlert failure={failure} /> : null}
      {confirming ? (
        <Alert
          tone="warning"
          title={t('sessions.endAllConfirm')}
          action={
            <div className="form-actions">
              <Button variant="danger" loading={busy} onClick={() => void endAll()}>
                {t('sessions.endAllYes')}
              </Button>
              <Button variant="secondary" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </Button>
            </div>
          }
        >
          <p>{t('sessions.endAllText')}</p>
        </Alert>
      ) : (
        <div className="form-actions">
          <Button variant="danger" icon={<LogoutIcon />} onClick={() => setConfirming(true)}>
            {t('sessions.endAll')}
          </Button>
          <Button variant="secondary" icon={<RefreshIcon />} onClick={reload}>
            {t('common.refresh')}
          </Button>
        </div>
      )}
    </Card>
  );
}

function DeviceRow({ item, onUnbound }: { item: DeviceItem; onUnbound: () => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [local, setLocal] = useState(false);

  useEffect(() => {
    void Promise.all([loadDevice('pin'), loadDevice('webauthn')]).then(([pin, webauthn]) =>
      setLocal(pin?.deviceId === item.id || webauthn?.deviceId === item.id),
    );
  }, [item.id]);

  async function unbind() {
    setBusy(true);
    const result = await callApi(() => api.DELETE('/api/v1/devices/{deviceId}', { params: { path: { deviceId: item.id } } }));
    setBusy(false);
    if (result.ok) {
      await forgetDeviceId(item.id);
      onUnbound();
    } else if (!result.aborted) setFailure(result.failure);
  }

  const kind = item.kind === 'webauthn' ? 'webauthn' : 'pin';
  return (
    <li className="list-row">
      <span className="list-row__icon">{kind === 'webauthn' ? <FingerprintIcon /> : <KeypadIcon />}</span>
      <div className="list-row__body">
        <p className="list-row__title">
          {item.name}
          {local ? <span className="badge badge--success">{t('devices.thisBrowser')}</span> : null}
          {item.status !== 'active' ? <span className="badge badge--muted">{t('devices.inactive')}</span> : null}
        </p>
        <p className="list-row__meta">
          {t(`devices.kind_${kind}`)}
          {' · '}
          {t('devices.bound')} <DateTime value={item.createdAt} format="date" />
          {' · '}
          {item.lastUsedAt ? (
            <>
              {t('devices.lastUsed')} <DateTime value={item.lastUsedAt} format="dateTime" />
            </>
          ) : (
            t('devices.neverUsed')
          )}
        </p>
        {failure ? <ErrorAlert failure={failure} /> : null}
        {confirming ? (
          <div className="form-actions">
            <Button variant="danger" loading={busy} onClick={() => void unbind()}>
              {t('devices.unbindYes')}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        ) : null}
      </div>
      {confirming ? null : (
        <Button variant="secondary" onClick={() => setConfirming(true)} aria-label={t('devices.unbindNamed', { name: item.name })}>
          {t('devices.unbind')}
        </Button>
      )}
    </li>
  );
}

type BindingStep = paths['/api/v1/devices/bindings']['post']['responses'][201]['content']['application/json'];

/** Binding is confirmed by an SMS code that names the device (SECURITY.md 32): the code step of both setups. */
function BindingCodeStep({
  binding,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  binding: BindingStep;
  submitLabel: string;
  onSubmit: (code: string) => Promise<ApiFailure | null>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  async function resend(): Promise<ResendOutcome> {
    const result = await callApi(() =>
      api.POST('/api/v1/devices/bindings/{bindingId}/resend', { params: { path: { bindingId: binding.bindingId } } }),
    );
    if (result.ok) return { ok: true, resendAvailableAt: result.data.resendAvailableAt };
    return { ok: false, failure: result.aborted ? NETWORK_FAILURE : result.failure };
  }
  return (
    <CodeStep
      intro={t('devices.codeIntro', { phone: binding.maskedPhone, name: binding.name })}
      resendAvailableAt={binding.resendAvailableAt}
      onSubmit={onSubmit}
      onResend={resend}
      onBack={onCancel}
      backLabel={t('common.cancel')}
      submitLabel={submitLabel}
    />
  );
}

/** What the PIN setup keeps between its two steps: the key made here, and what the code was sent for. */
interface PendingPinBinding {
  binding: BindingStep;
  keyPair: CryptoKeyPair;
  jwk: Awaited<ReturnType<typeof publicKeyJwk>>;
  pin: string;
}

function PinSetup({ onBound }: { onBound: () => void }) {
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
      <div className="setup__head">
        <span className="card__icon">
          <KeypadIcon />
        </span>
        <div>
          <h3 className="setup__title">{t('pin.setupTitle')}</h3>
          <p className="muted small">{t('pin.setupText')}</p>
        </div>
      </div>
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
          <TextField
            label={t('pin.new')}
            hint={t('pin.rule')}
            error={errors.pin}
            name="new-pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={6}
            className="field--code"
            value={pin}
            onChange={(event) => setPin(event.target.value.replace(/\D/g, '').slice(0, 6))}
          />
          <TextField
            label={t('pin.repeat')}
            error={errors.repeat}
            name="repeat-pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={6}
            className="field--code"
            value={repeat}
            onChange={(event) => setRepeat(event.target.value.replace(/\D/g, '').slice(0, 6))}
          />
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

function FingerprintSetup({ onBound }: { onBound: () => void }) {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const [supported] = useState(() => browserSupportsWebAuthn());
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [done, setDone] = useState(false);
  const [binding, setBinding] = useState<BindingStep | null>(null);

  // Step 1: the server sends a code that names this device.
  async function start() {
    setBusy(true);
    setFailure(null);
    setCancelled(false);
    setDone(false);
    const result = await callApi(() => api.POST('/api/v1/devices/bindings', { body: { kind: 'webauthn', name: defaultDeviceName(t) } }));
    setBusy(false);
    if (result.ok) setBinding(result.data);
    else if (!result.aborted) setFailure(result.failure);
  }

  // Step 2: with the code, the fingerprint or face prompt, then the credential and the code bind the device.
  async function confirm(code: string): Promise<ApiFailure | null> {
    if (!binding) return null;
    setCancelled(false);
    const options = await callApi(() => api.POST('/api/v1/devices/webauthn/options', { body: { bindingId: binding.bindingId } }));
    if (!options.ok) return options.aborted ? null : options.failure;
    const { challengeId, options: optionsJSON } = options.data as unknown as {
      challengeId: string;
      options: Parameters<typeof startRegistration>[0]['optionsJSON'];
    };
    let response: Awaited<ReturnType<typeof startRegistration>>;
    try {
      response = await startRegistration({ optionsJSON });
    } catch {
      // The code is not spent: the customer can try the prompt again with it.
      setCancelled(true);
      return null;
    }
    const result = await callApi(() =>
      api.POST('/api/v1/devices/webauthn', {
        body: { bindingId: binding.bindingId, code, challengeId, name: binding.name, response: asJsonObject(response) },
      }),
    );
    if (!result.ok) return result.aborted ? null : result.failure;
    await saveDevice({
      kind: 'webauthn',
      deviceId: result.data.deviceId,
      maskedPhone: session.customer.maskedPhone,
      createdAt: new Date().toISOString(),
    });
    setBinding(null);
    setDone(true);
    onBound();
    return null;
  }

  return (
    <div className="setup">
      <div className="setup__head">
        <span className="card__icon">
          <FingerprintIcon />
        </span>
        <div>
          <h3 className="setup__title">{t('webauthn.setupTitle')}</h3>
          <p className="muted small">{t('webauthn.setupText')}</p>
        </div>
      </div>
      {done ? <Alert tone="success">{t('webauthn.setupDone')}</Alert> : null}
      {cancelled ? <Alert tone="info">{t('webauthn.cancelled')}</Alert> : null}
      {failure ? <ErrorAlert failure={failure} /> : null}
      {!supported ? (
        <Alert tone="info" live={false}>
          {t('webauthn.unsupported')}
        </Alert>
      ) : binding ? (
        <BindingCodeStep
          binding={binding}
          submitLabel={t('devices.codeSubmitWebauthn')}
          onSubmit={confirm}
          onCancel={() => {
            setBinding(null);
            setCancelled(false);
          }}
        />
      ) : (
        <div>
          <Button variant="secondary" icon={<FingerprintIcon />} loading={busy} onClick={() => void start()}>
            {t('webauthn.setup')}
          </Button>
        </div>
      )}
    </div>
  );
}

function DevicesSection({ version }: { version: number }) {
  const { t } = useTranslation();
  const { state, reload } = useList(loadDevices);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` changes when a password change unbound devices
  useEffect(() => {
    if (version > 0) reload();
  }, [version]);
  // This browser forgets the devices the server no longer lists (unbound here, elsewhere, by
  // "log out everywhere" or a password change), so the login screen offers only what works.
  useEffect(() => {
    if (state.status === 'ready') void forgetDevicesNotIn(new Set(state.items.map((item) => item.id)));
  }, [state]);
  return (
    <Card title={t('devices.title')} icon={<KeypadIcon />} id="devices">
      <p className="muted">{t('devices.lead')}</p>
      {state.status === 'loading' ? (
        <LoadingState />
      ) : state.status === 'error' ? (
        <ErrorAlert failure={state.failure} onRetry={reload} />
      ) : state.items.length === 0 ? (
        <EmptyState icon={<KeypadIcon />} title={t('devices.empty')} description={t('devices.emptyText')} />
      ) : (
        <ul className="list" aria-label={t('devices.title')}>
          {state.items.map((item) => (
            <DeviceRow key={item.id} item={item} onUnbound={reload} />
          ))}
        </ul>
      )}
      <PinSetup onBound={reload} />
      <FingerprintSetup onBound={reload} />
    </Card>
  );
}

function PasswordSection({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ currentPassword?: string; newPassword?: string; repeat?: string }>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: typeof errors = {};
    if (current === '') found.currentPassword = t('login.passwordRequired');
    const length = [...next].length;
    if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
      found.newPassword = t('password.rule', { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH });
    }
    if (repeat !== next) found.repeat = t('password.mismatch');
    setErrors(found);
    setDone(false);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setFailure(null);
    const result = await callApi(() => api.POST('/api/v1/auth/password', { body: { currentPassword: current, newPassword: next } }));
    setBusy(false);
    if (result.ok) {
      setCurrent('');
      setNext('');
      setRepeat('');
      setDone(true);
      onChanged();
    } else if (!result.aborted) {
      setFailure(result.failure);
      setErrors(fieldErrorsByName(result.failure));
    }
  }

  return (
    <Card title={t('password.changeTitle')} icon={<LockIcon />} id="password">
      <p className="muted">{t('password.changeLead')}</p>
      <form className="stack form-narrow" onSubmit={(event) => void handleSubmit(event)} noValidate>
        {done ? <Alert tone="success">{t('password.changed')}</Alert> : null}
        {failure ? <ErrorAlert failure={failure} /> : null}
        <PasswordField
          label={t('password.current')}
          error={errors.currentPassword}
          name="current-password"
          autoComplete="current-password"
          maxLength={1024}
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
        />
        <PasswordField
          label={t('password.new')}
          error={errors.newPassword}
          name="new-password"
          autoComplete="new-password"
          maxLength={1024}
          showRule
          value={next}
          onChange={(event) => setNext(event.target.value)}
        />
        <PasswordField
          label={t('password.repeat')}
          error={errors.repeat}
          name="repeat-password"
          autoComplete="new-password"
          maxLength={1024}
          value={repeat}
          onChange={(event) => setRepeat(event.target.value)}
        />
        <div className="form-actions">
          <Button type="submit" loading={busy}>
            {t('password.changeSubmit')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** Security settings: sessions, bound devices, PIN and fingerprint login, the password. */
export function SettingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('settings.title'));
  // A password change unbinds devices on the server: the list (and this browser's records) follow.
  const [devicesVersion, setDevicesVersion] = useState(0);
  return (
    <div className="page">
      <PageHeader title={t('settings.title')} lead={t('settings.lead')} />
      <SessionsSection />
      <DevicesSection version={devicesVersion} />
      <PasswordSection onChanged={() => setDevicesVersion((n) => n + 1)} />
    </div>
  );
}

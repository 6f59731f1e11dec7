import { api } from '../../../api/client';
import { type ApiFailure, callApi, NETWORK_FAILURE } from '../../../api/problem';
import { useTranslation } from '../../../i18n';
import { CodeStep, type ResendOutcome } from '../../auth/CodeStep';
import type { BindingStep } from './settings-data';

/** Binding is confirmed by an SMS code that names the device (SECURITY.md 32): the code step of both setups. */
export function BindingCodeStep({
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

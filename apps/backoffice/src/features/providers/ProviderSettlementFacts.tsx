import { useTranslation } from '../../i18n';

interface Details {
  legalName: string;
  bin: string;
  settlementIban: string;
}

function isDetails(value: unknown): value is Details {
  return (
    typeof value === 'object' &&
    value !== null &&
    'legalName' in value &&
    typeof value.legalName === 'string' &&
    'bin' in value &&
    typeof value.bin === 'string' &&
    'settlementIban' in value &&
    typeof value.settlementIban === 'string'
  );
}

/** The payload of a provider_settlement request as payments writes it (approvals' APPROVAL_PAYLOAD_SCHEMAS), or null. */
export function settlementPayload(payload: Record<string, unknown>): { from: Details; to: Details } | null {
  const { from, to } = payload;
  return isDetails(from) && isDetails(to) ? { from, to } : null;
}

/** A settlement change in words, for the checker: each detail as it is and as it would become; the changed ones stand out. */
export function ProviderSettlementFacts({ payload }: { payload: Record<string, unknown> }) {
  const { t } = useTranslation();
  const change = settlementPayload(payload);
  if (!change) return null;
  const rows = [
    ['legalName', t('providers.legalName')],
    ['bin', t('providers.bin')],
    ['settlementIban', t('providers.iban')],
  ] as const;
  return rows.map(([key, label]) => {
    const changed = change.from[key] !== change.to[key];
    return (
      <div key={key} className={changed ? 'facts__row facts__row--strong' : 'facts__row'}>
        <dt>{label}</dt>
        <dd>
          {changed
            ? t('providers.settlementFromTo', { from: change.from[key], to: change.to[key] })
            : `${change.to[key]} (${t('providers.unchanged')})`}
        </dd>
      </div>
    );
  });
}

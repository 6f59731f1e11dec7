import type { ProviderListItem } from './provider-draft';

/** The provider's logo as customers see it: its letters on its colour (no uploaded file is ever served). */
export function ProviderMonogram({ logo }: { logo: ProviderListItem['logo'] }) {
  return (
    <span className="monogram" style={{ backgroundColor: logo.color }} aria-hidden="true">
      {logo.text}
    </span>
  );
}

export function ProviderStatusBadge({ status, label }: { status: ProviderListItem['status']; label: string }) {
  return <span className={`badge ${status === 'active' ? 'badge--success' : 'badge--error'}`}>{label}</span>;
}

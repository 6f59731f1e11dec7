import { Icon } from '../../ui';
import type { ProviderSummary } from './payment-model';

/** The provider's monogram on its colour, as the catalogue gives it; decorative, its name is beside it. */
export function ProviderLogo({ logo, size = 'medium' }: { logo: ProviderSummary['logo']; size?: 'medium' | 'large' }) {
  const long = logo.text.length > 2;
  return (
    <span
      className={`provider-logo provider-logo--${size}${long ? ' provider-logo--long' : ''}`}
      style={{ backgroundColor: safeColor(logo.color) }}
      aria-hidden="true"
    >
      {logo.text}
    </span>
  );
}

/** Only #rrggbb reaches the style attribute: the catalogue is staff input. */
function safeColor(color: string): string {
  return /^#[0-9a-f]{6}$/i.test(color) ? color : '#4a5568';
}

/**
 * A category's icon by the catalogue's name for it (the demo's smartphone, home, wifi, bus,
 * receipt, school; the category ids as aliases). Decorative: the tile names the category.
 */
export function CategoryIcon({ name }: { name: string }) {
  switch (name) {
    case 'smartphone':
    case 'mobile':
      return (
        <Icon>
          <rect x="7" y="2" width="10" height="20" rx="2" />
          <path d="M11 18h2" />
        </Icon>
      );
    case 'home':
    case 'utilities':
      return (
        <Icon>
          <path d="M3 11l9-7 9 7" />
          <path d="M5 10v10h14V10" />
          <path d="M10 20v-6h4v6" />
        </Icon>
      );
    case 'wifi':
    case 'internet-tv':
      return (
        <Icon>
          <path d="M2 9a15 15 0 0 1 20 0" />
          <path d="M5 12.5a10 10 0 0 1 14 0" />
          <path d="M8.5 16a5 5 0 0 1 7 0" />
          <path d="M12 19.5h.01" />
        </Icon>
      );
    case 'bus':
    case 'transport':
      return (
        <Icon>
          <rect x="4" y="3" width="16" height="14" rx="2" />
          <path d="M4 11h16" />
          <path d="M7 17v3M17 17v3" />
          <path d="M8 14h.01M16 14h.01" />
        </Icon>
      );
    case 'receipt':
    case 'fines-taxes':
      return (
        <Icon>
          <path d="M6 2h12v20l-3-2-3 2-3-2-3 2z" />
          <path d="M9 7h6M9 11h6M9 15h4" />
        </Icon>
      );
    case 'school':
    case 'education':
      return (
        <Icon>
          <path d="M2 9l10-5 10 5-10 5z" />
          <path d="M6 11v5c0 1.5 3 3 6 3s6-1.5 6-3v-5" />
        </Icon>
      );
    default:
      return (
        <Icon>
          <rect x="3" y="3" width="7" height="7" rx="1" />
          <rect x="14" y="3" width="7" height="7" rx="1" />
          <rect x="3" y="14" width="7" height="7" rx="1" />
          <rect x="14" y="14" width="7" height="7" rx="1" />
        </Icon>
      );
  }
}

import type { ReactNode } from 'react';
import { useTranslation } from '../../i18n';
import { LanguageSwitch } from '../../layout/LanguageSwitch';
import { LockIcon } from '../../ui';

/**
 * The checkout's own frame, outside the internet bank's shell: the buyer is often a guest, so no
 * menu, no login link (sending a buyer from a payment page to a login is the phishing pattern the
 * memo warns of), only the bank's name, the language switch and the address to check. The host is
 * the one the browser really shows (location.host), never one the merchant could choose.
 */
export function CheckoutShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const host = window.location.host;
  return (
    <div className="checkout">
      <header className="checkout__bar">
        <div className="checkout__bar-row">
          <span className="brand checkout__brand">
            <img className="brand__mark" src="/icons/icon.svg" alt="" width="32" height="32" />
            <span className="brand__name">{t('checkout.bankName')}</span>
          </span>
          <LanguageSwitch />
        </div>
        <p className="checkout__secure">
          <LockIcon />
          <span>{t('checkout.secureLine', { host })}</span>
        </p>
      </header>
      <main id="main-content" className="checkout__main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

import { useState } from 'react';
import { useSession } from '../features/auth/session';
import { useTranslation } from '../i18n';
import { Button, LogoutIcon } from '../ui';

/**
 * The Logout button the memo asks customers to always use: it ends the session on the server.
 * In the phone's top bar only its icon shows; its name stays for screen readers (`compact`).
 */
export function LogoutButton({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const { logout } = useSession();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="secondary"
      className={compact ? 'button--compact logout-button logout-button--compact' : 'button--compact logout-button'}
      icon={<LogoutIcon />}
      loading={busy}
      onClick={() => {
        setBusy(true);
        void logout('loggedOut').finally(() => setBusy(false));
      }}
    >
      <span className="logout-button__label">{t('session.logout')}</span>
    </Button>
  );
}

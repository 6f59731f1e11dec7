import { useState } from 'react';
import { useTranslation } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';
import { ButtonLink, PageHeader, UserIcon } from '../../ui';

import { BlockAccessSection } from '../block/BlockAccessSection';
import { DevicesSection } from './sections/DevicesSection';
import { PasswordSection } from './sections/PasswordSection';
import { SessionsSection } from './sections/SessionsSection';

/** Security settings: sessions, bound devices, PIN and fingerprint login, the password. */
export function SettingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('settings.title'));
  // A password change unbinds devices on the server: the list (and this browser's records) follow.
  const [devicesVersion, setDevicesVersion] = useState(0);
  return (
    <div className="page">
      <PageHeader
        title={t('settings.title')}
        lead={t('settings.lead')}
        actions={
          <ButtonLink to="/profile" variant="secondary">
            <UserIcon />
            <span>{t('settings.profileLink')}</span>
          </ButtonLink>
        }
      />
      <SessionsSection />
      <DevicesSection version={devicesVersion} />
      <PasswordSection onChanged={() => setDevicesVersion((n) => n + 1)} />
      <BlockAccessSection />
    </div>
  );
}

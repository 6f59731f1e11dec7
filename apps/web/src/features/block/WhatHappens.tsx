import { useMeta } from '../../api/meta';
import { useTranslation } from '../../i18n';

/** What the block does, said before it is done: the memo's "as fast as possible", with no surprise after. */
export function WhatHappens() {
  const { t } = useTranslation();
  const { state } = useMeta();
  const phone = state.status === 'ready' ? state.meta.contactCenterPhone : '…';
  return (
    <ul className="advice-list">
      <li>{t('block.confirmSessions')}</li>
      <li>{t('block.confirmDevices')}</li>
      <li>{t('block.confirmTransfers')}</li>
      <li>{t('block.confirmCodes')}</li>
      <li>{t('block.confirmUnblock', { phone })}</li>
    </ul>
  );
}

import { useTranslation } from '../../i18n';
import type { NotificationSettings } from '../../money/model';
import { Card, HistoryIcon, Switch } from '../../ui';

type Digest = NotificationSettings['digest'];
const DIGEST_CHANNELS: readonly Digest['channel'][] = ['inApp', 'sms'];

/**
 * The daily digest (issue 17 item 4): a morning message about yesterday's accepted and declined
 * operations, on one channel. It comes after a quiet day too, so a missing one is a sign.
 */
export function DigestCard({ digest, onChange }: { digest: Digest; onChange: (digest: Digest) => void }) {
  const { t } = useTranslation();
  return (
    <Card title={t('notificationSettings.digestTitle')} icon={<HistoryIcon />}>
      <div className="stack">
        <p className="muted">{t('notificationSettings.digestLead')}</p>
        <Switch
          label={t('notificationSettings.digestEnabled')}
          checked={digest.enabled}
          onChange={(event) => onChange({ ...digest, enabled: event.target.checked })}
        />
        {digest.enabled ? (
          <fieldset className="choice-group">
            <legend className="field__label">{t('notificationSettings.digestChannel')}</legend>
            {DIGEST_CHANNELS.map((channel) => (
              <label key={channel} className={digest.channel === channel ? 'choice choice--selected' : 'choice'}>
                <input
                  type="radio"
                  name="digest-channel"
                  value={channel}
                  checked={digest.channel === channel}
                  onChange={() => onChange({ ...digest, channel })}
                />
                <span className="choice__text">
                  <span className="choice__title">{t(`notificationSettings.digestChannel_${channel}`)}</span>
                  <span className="choice__description">{t(`notificationSettings.digestChannelText_${channel}`)}</span>
                </span>
              </label>
            ))}
          </fieldset>
        ) : null}
      </div>
    </Card>
  );
}

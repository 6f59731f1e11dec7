import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { type ApiFailure, callApi } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { Alert, Button, Card, ErrorAlert, LockIcon } from '../../ui';
import { ReasonChoices } from './ReasonChoices';
import { type BlockedNowState, DEFAULT_BLOCK_REASON, type SelfBlockReason } from './reasons';
import { WhatHappens } from './WhatHappens';

/**
 * "Block my access now" in security settings: for a customer who is signed in on the web and has
 * just lost the phone. A confirm step says what will happen; then the block, every session ends
 * (this one too) and the customer lands on the result with the number to call.
 */
export function BlockAccessSection() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState<SelfBlockReason>(DEFAULT_BLOCK_REASON);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function blockNow() {
    setBusy(true);
    setFailure(null);
    const result = await callApi(() => api.POST('/api/v1/emergency-block/self', { body: { reason } }));
    setBusy(false);
    if (!result.ok) {
      if (!result.aborted) setFailure(result.failure);
      return;
    }
    // To the result first: the block page then forgets this browser's session and devices. Ending
    // the session here would send this protected page to the login before the result is shown.
    const state: BlockedNowState = { blockedNow: true };
    navigate('/block', { replace: true, state });
  }

  return (
    <Card title={t('block.sectionTitle')} icon={<LockIcon />} id="emergency-block" className="card--urgent">
      <p>{t('block.sectionText')}</p>
      {failure ? <ErrorAlert failure={failure} /> : null}
      {confirming ? (
        <Alert
          tone="warning"
          title={t('block.sectionConfirmTitle')}
          action={
            <div className="form-actions">
              <Button variant="danger" loading={busy} onClick={() => void blockNow()}>
                {t('block.sectionConfirmYes')}
              </Button>
              <Button variant="secondary" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </Button>
            </div>
          }
        >
          <p>{t('block.sectionConfirmText')}</p>
          <WhatHappens />
          <ReasonChoices name="block-reason" value={reason} onChange={setReason} />
        </Alert>
      ) : (
        <div className="form-actions">
          <Button variant="danger" icon={<LockIcon />} onClick={() => setConfirming(true)}>
            {t('block.sectionButton')}
          </Button>
        </div>
      )}
    </Card>
  );
}

import { type ApiFailure, Button, Card, callApi, DateTime, EmptyState, ErrorAlert, TextField } from '@kassa/ui';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { useTranslation } from '../../i18n';
import type { Dispute } from './DisputeSteps';

/** The staff's notes on a case (never shown to the customer), and a new one. */
export function DisputeNotes({ dispute, onChanged }: { dispute: Dispute; onChanged: (dispute: Dispute) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    const result = await callApi(() =>
      api.POST('/api/staff/v1/disputes/{disputeId}/notes', { params: { path: { disputeId: dispute.id } }, body: { text: text.trim() } }),
    );
    setBusy(false);
    if (result.ok) {
      setText('');
      onChanged(result.data);
    } else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <Card title={t('cases.notes')}>
      <p className="muted">{t('cases.notesLead')}</p>
      {dispute.notes.length === 0 ? (
        <EmptyState title={t('cases.noNotes')} />
      ) : (
        <ul className="list">
          {dispute.notes.map((note) => (
            <li key={note.id} className="list-row">
              <div className="list-row__body">
                <p className="list-row__title">{note.text}</p>
                <p className="list-row__meta">
                  {t('cases.byStaff', { id: note.staffId })} · <DateTime value={note.at} />
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
      <form className="stack" onSubmit={add} noValidate>
        <TextField label={t('cases.note')} value={text} onChange={(event) => setText(event.target.value)} />
        {failure ? <ErrorAlert failure={failure} /> : null}
        <div className="form-actions">
          <Button type="submit" variant="secondary" loading={busy} disabled={text.trim() === ''}>
            {t('cases.addNote')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

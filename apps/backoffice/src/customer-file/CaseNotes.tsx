import { type ApiFailure, type ApiResult, Button, Card, DateTime, EmptyState, ErrorAlert, TextField } from '@kassa/ui';
import { type FormEvent, useState } from 'react';
import { useTranslation } from '../i18n';
import { StaffByline, type StaffRef } from './StaffByline';

export interface CaseNote {
  id: string;
  text: string;
  /** The note's author, by name and role. */
  staff: StaffRef;
  at: string;
}

/**
 * The staff's notes on a case, a dispute or an incident (never shown to the customer), and a new
 * one: `add` sends it to the case's own route and answers with the case as it is now.
 */
export function CaseNotes<Case>({
  notes,
  add,
  onChanged,
}: {
  notes: readonly CaseNote[];
  add: (text: string) => Promise<ApiResult<Case>>;
  onChanged: (updated: Case) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    const result = await add(text.trim());
    setBusy(false);
    if (result.ok) {
      setText('');
      onChanged(result.data);
    } else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <Card title={t('cases.notes')}>
      <p className="muted">{t('cases.notesLead')}</p>
      {notes.length === 0 ? (
        <EmptyState title={t('cases.noNotes')} />
      ) : (
        <ul className="list">
          {notes.map((note) => (
            <li key={note.id} className="list-row">
              <div className="list-row__body">
                <p className="list-row__title">{note.text}</p>
                <p className="list-row__meta">
                  <StaffByline staff={note.staff} /> · <DateTime value={note.at} />
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
      <form className="stack" onSubmit={submit} noValidate>
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

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n';
import { TextField } from '../../ui';
import { SEARCH_LENGTH_MAX } from './history-query';

/** The pause after the last key before the history is searched: one request per word, not per letter. */
const SEARCH_DEBOUNCE_MS = 400;

/**
 * Search by payee (a name, a phone or an IBAN fragment), as typed: the history follows a moment
 * after the last key, or at once on Enter. The text lives in the URL (?q=).
 */
export function HistorySearch({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  const onSearchRef = useRef(onSearch);
  onSearchRef.current = onSearch;
  // The URL changed from elsewhere (a reset, the back button): the box shows it.
  if (seen !== value) {
    setSeen(value);
    setText(value);
  }
  useEffect(() => {
    if (text.trim() === value.trim()) return;
    const timer = window.setTimeout(() => onSearchRef.current(text.trim()), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, value]);
  return (
    <search className="history-search">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSearchRef.current(text.trim());
        }}
      >
        <TextField
          label={t('history.search')}
          hint={t('history.searchHint')}
          type="search"
          name="q"
          maxLength={SEARCH_LENGTH_MAX}
          autoComplete="off"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </form>
    </search>
  );
}

import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { Language } from '../../api/enums';
import { type ApiFailure, callApi } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { Button, ErrorAlert } from '../../ui';
import { ProviderLogo } from './ProviderLogo';
import { localized, type ProviderSummary } from './payment-model';
import { type Favourite, favouritePrefill } from './saved-model';
import './saved.css';

/** One favourite: a tap opens the provider's form filled in; "⋯" (or a long press) offers to delete it. */
export function FavouriteTile({
  favourite,
  provider,
  language,
  onDeleted,
}: {
  favourite: Favourite;
  provider: ProviderSummary | undefined;
  language: Language;
  onDeleted: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const askId = `favourite-ask-${favourite.id}`;

  async function remove() {
    setBusy(true);
    setFailure(null);
    const result = await callApi(() =>
      api.DELETE('/api/v1/payments/favourites/{favouriteId}', { params: { path: { favouriteId: favourite.id } } }),
    );
    setBusy(false);
    // Already gone (another device deleted it) is what was asked for.
    if (result.ok || (!result.aborted && result.failure.status === 404)) onDeleted(favourite.id);
    else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <li className="favourite">
      <Link
        to={`/payments/${favourite.providerId}`}
        state={favouritePrefill(favourite)}
        className="favourite__link"
        // A long press on a phone opens the context menu: here it means "delete?".
        onContextMenu={(event) => {
          event.preventDefault();
          setAsking(true);
        }}
      >
        {provider ? <ProviderLogo logo={provider.logo} /> : null}
        <span className="favourite__body">
          <span className="favourite__name">{favourite.name}</span>
          <span className="favourite__account mono">{favourite.accountLabel}</span>
          {provider ? <span className="favourite__provider">{localized(provider.name, language)}</span> : null}
          {favourite.remind ? <span className="favourite__remind">{t('paymentsSaved.favouriteReminds')}</span> : null}
        </span>
      </Link>
      <button
        type="button"
        className="favourite__menu"
        aria-label={t('paymentsSaved.favouriteMenu', { name: favourite.name })}
        aria-expanded={asking}
        onClick={() => setAsking((open) => !open)}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {asking ? (
        <div className="stack confirm-box favourite__ask" role="alertdialog" aria-labelledby={askId}>
          <p id={askId}>{t('paymentsSaved.favouriteDeleteAsk', { name: favourite.name })}</p>
          {failure ? <ErrorAlert failure={failure} /> : null}
          <div className="form-actions">
            <Button variant="danger" className="button--compact" loading={busy} onClick={() => void remove()}>
              {t('paymentsSaved.favouriteDeleteYes')}
            </Button>
            <Button variant="secondary" className="button--compact" disabled={busy} onClick={() => setAsking(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        </div>
      ) : null}
    </li>
  );
}

/**
 * The customer's favourites at the top of the catalogue (issue 16 item 4), a row of tiles to
 * scroll sideways on a phone: "repeat in two taps" is a tile, then "Check". No favourites, no strip:
 * the catalogue is what a new customer needs to see.
 */
export function FavouritesStrip({
  favourites,
  providers,
  language,
  onDeleted,
}: {
  favourites: readonly Favourite[];
  providers: readonly ProviderSummary[];
  language: Language;
  onDeleted: (id: string) => void;
}) {
  const { t } = useTranslation();
  if (favourites.length === 0) return null;
  return (
    <section aria-labelledby="payments-favourites" className="favourites">
      <h2 id="payments-favourites" className="section-title">
        {t('paymentsSaved.favouritesTitle')}
      </h2>
      <ul className="favourites__list">
        {favourites.map((favourite) => {
          const provider = providers.find((item) => item.id === favourite.providerId);
          return <FavouriteTile key={favourite.id} favourite={favourite} provider={provider} language={language} onDeleted={onDeleted} />;
        })}
      </ul>
    </section>
  );
}

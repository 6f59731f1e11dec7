import './cards.css';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { callApi } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { useApiLoad } from '../../lib/useApiLoad';
import { ButtonLink, ErrorAlert, LoadingState, PlusIcon } from '../../ui';
import { CardTile } from './CardsPage';
import { CardIcon } from './card-icons';
import { sortCards } from './card-model';

/** How many cards the home screen shows; the rest are a tap away on /cards. */
const HOME_CARDS_SHOWN = 3;

/**
 * The home screen's cards, beside the accounts they draw on: the live cards' pictures in a row
 * the thumb scrolls, "all cards", and the way to a new one; without a card, an offer to issue one.
 */
export function CardsStrip() {
  const { t } = useTranslation();
  const { state, reload } = useApiLoad((signal) => callApi(() => api.GET('/api/v1/cards', { signal })), []);
  const live = state.status === 'ready' ? sortCards(state.data.items).live : null;
  return (
    <section className="stack" aria-labelledby="cards-title">
      <div className="list-head">
        <h2 id="cards-title" className="section-title">
          {t('cards.title')}
        </h2>
        {live && live.length > 0 ? <Link to="/cards">{t('cards.allCards')}</Link> : null}
      </div>
      {state.status === 'loading' ? <LoadingState /> : null}
      {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
      {live && live.length === 0 ? (
        <Link to="/cards/new" className="card-offer">
          <span className="card-offer__icon">
            <CardIcon />
          </span>
          <span className="card-offer__text">
            <span className="card-offer__title">{t('cards.issueVirtual')}</span>
            <span className="card-offer__description">{t('cards.offerText')}</span>
          </span>
        </Link>
      ) : null}
      {live && live.length > 0 ? (
        <ul className="card-strip">
          {live.slice(0, HOME_CARDS_SHOWN).map((card) => (
            <CardTile key={card.id} card={card} size="small" />
          ))}
          <li className="card-strip__new">
            <ButtonLink to="/cards/new" variant="secondary">
              <PlusIcon />
              <span>{t('cards.issue')}</span>
            </ButtonLink>
          </li>
        </ul>
      ) : null}
    </section>
  );
}

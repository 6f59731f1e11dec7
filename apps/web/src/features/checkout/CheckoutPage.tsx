import './checkout.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import type { ApiFailure } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';
import type { ApiResult } from '../../ui';
import { Alert, ErrorAlert, LoadingState } from '../../ui';
import { useSession } from '../auth/session';
import { CardForm } from './CardForm';
import { ChallengeStep } from './ChallengeStep';
import { CheckoutShell } from './CheckoutShell';
import {
  type CardEntry,
  type CheckoutView,
  completeAuthentication,
  loadCheckout,
  loadOwnMethods,
  type OwnChoice,
  type OwnMethods,
  payWithCard,
  payWithOwn,
} from './checkout-api';
import { tokenFromHash } from './checkout-model';
import { FinalScreen, finalKindOf } from './FinalScreen';
import { OwnCards } from './OwnCards';
import { PaymentSummary, TestModeBanner } from './PaymentSummary';

type Screen =
  | { status: 'loading' }
  | { status: 'not-found' }
  | { status: 'error'; failure: ApiFailure }
  | { status: 'ready'; view: CheckoutView }
  | { status: 'finishing'; view: CheckoutView };

/**
 * The token of the link, read once from the fragment into memory and then taken out of the
 * address bar (it would otherwise stay in the history, a bookmark or a screenshot). Never put in
 * storage: a reload of the page after this has no token and says "not found", as a stranger's
 * copy of the address would.
 */
function useCheckoutToken(): string | null {
  const [token] = useState(() => tokenFromHash(window.location.hash));
  useEffect(() => {
    if (window.location.hash) window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }, []);
  return token;
}

/** What an answer of the checkout API does to the screen: a 404 (also a wrong token) is "not found". */
function screenOf(result: ApiResult<CheckoutView>): Screen | null {
  if (result.ok) return { status: 'ready', view: result.data };
  if (result.aborted) return null;
  return result.failure.status === 404 ? { status: 'not-found' } : { status: 'error', failure: result.failure };
}

/**
 * The hosted checkout, /checkout/:paymentId#<token> (issue 15 item 3): the bank's page where the
 * buyer types a card the merchant never sees, passes the bank's 3-D Secure step on the same
 * page, and gets the result with a way back to the shop.
 */
export function CheckoutPage() {
  const { t } = useTranslation();
  usePageTitle(t('checkout.pageTitle'));
  const paymentId = useParams().paymentId ?? '';
  const token = useCheckoutToken();
  const [screen, setScreen] = useState<Screen>(() => (token ? { status: 'loading' } : { status: 'not-found' }));
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the reload's trigger
  useEffect(() => {
    if (!token) return;
    const controller = new AbortController();
    void loadCheckout(paymentId, token, controller.signal).then((result) => {
      const next = screenOf(result);
      if (next) setScreen(next);
    });
    return () => controller.abort();
  }, [paymentId, token, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  // After the challenge: the server asks the ACS for the result and authorises (or declines).
  // One call however many ways the challenge ends at once (the right code as its time runs out).
  const finishing = useRef(false);
  const finishAuthentication = useCallback(() => {
    if (!token || finishing.current) return;
    finishing.current = true;
    setScreen((current) => (current.status === 'ready' ? { status: 'finishing', view: current.view } : current));
    void completeAuthentication(paymentId, token).then((result) => {
      finishing.current = false;
      const next = screenOf(result);
      if (next) setScreen(next);
    });
  }, [paymentId, token]);

  /** A payment answer: a new view shows at once; a 409 (paid, canceled or expired meanwhile) reloads the view. */
  function afterPayment(result: ApiResult<CheckoutView>): ApiFailure | null {
    if (result.ok) {
      setScreen({ status: 'ready', view: result.data });
      return null;
    }
    if (result.aborted) return null;
    if (result.failure.status === 409) reload();
    return result.failure;
  }

  return (
    <CheckoutShell>
      <CheckoutBody
        screen={screen}
        token={token ?? ''}
        onReload={reload}
        onChallengeDone={finishAuthentication}
        onPayCard={async (card) => afterPayment(await payWithCard(paymentId, token ?? '', card, crypto.randomUUID()))}
        onPayOwn={async (choice, csrfToken) =>
          afterPayment(await payWithOwn(paymentId, token ?? '', choice, csrfToken, crypto.randomUUID()))
        }
      />
    </CheckoutShell>
  );
}

interface CheckoutBodyProps {
  screen: Screen;
  token: string;
  onReload: () => void;
  onChallengeDone: () => void;
  onPayCard: (card: CardEntry) => Promise<ApiFailure | null>;
  onPayOwn: (choice: OwnChoice, csrfToken: string | null) => Promise<ApiFailure | null>;
}

function CheckoutBody({ screen, token, onReload, onChallengeDone, onPayCard, onPayOwn }: CheckoutBodyProps) {
  const { t } = useTranslation();
  if (screen.status === 'loading') return <LoadingState label={t('checkout.loading')} />;
  if (screen.status === 'not-found') {
    return (
      <div className="checkout-panel">
        <Alert tone="error" title={t('checkout.notFoundTitle')} live={false}>
          <p>{t('checkout.notFoundText')}</p>
        </Alert>
      </div>
    );
  }
  if (screen.status === 'error') {
    return (
      <div className="checkout-panel">
        <ErrorAlert failure={screen.failure} onRetry={onReload} />
      </div>
    );
  }
  const { view } = screen;
  const final = finalKindOf(view, Date.now());
  if (final) {
    return (
      <div className="checkout-panel">
        <FinalScreen view={view} kind={final} onRefresh={onReload} />
      </div>
    );
  }
  return (
    <div className="checkout-layout">
      <div className="checkout-layout__summary">
        <PaymentSummary view={view} />
      </div>
      <div className="checkout-layout__pay stack">
        {view.testMode ? <TestModeBanner /> : null}
        {screen.status === 'finishing' ? <LoadingState label={t('acs.finishing')} /> : null}
        {screen.status === 'ready' && view.status === 'requires_action' && view.action ? (
          <ChallengeStep key={view.action.acsTransID} acsTransID={view.action.acsTransID} onDone={onChallengeDone} />
        ) : null}
        {screen.status === 'ready' && view.status === 'requires_action' && !view.action ? <LoadingState label={t('acs.opening')} /> : null}
        {view.status === 'requires_payment_method' ? (
          <PaymentMethods view={view} token={token} onPayCard={onPayCard} onPayOwn={onPayOwn} />
        ) : null}
      </div>
    </div>
  );
}

interface PaymentMethodsProps {
  view: CheckoutView;
  token: string;
  onPayCard: (card: CardEntry) => Promise<ApiFailure | null>;
  onPayOwn: (choice: OwnChoice, csrfToken: string | null) => Promise<ApiFailure | null>;
}

/**
 * A signed-in Kassa customer's cards and e-wallets (when the bank answers own-cards with 200),
 * then the card form anyone can use. A guest sees the form alone: no login prompt on a payment page.
 */
function PaymentMethods({ view, token, onPayCard, onPayOwn }: PaymentMethodsProps) {
  const { t } = useTranslation();
  const { state: session } = useSession();
  const signedIn = session.status === 'authenticated';
  const csrfToken = session.status === 'authenticated' ? session.session.csrfToken : null;
  const [own, setOwn] = useState<OwnMethods | null>(null);
  useEffect(() => {
    if (!signedIn) return;
    const controller = new AbortController();
    void loadOwnMethods(view.id, token, controller.signal).then((result) => {
      if (result.ok && result.data.cards.length + result.data.wallets.length > 0) setOwn(result.data);
    });
    return () => controller.abort();
  }, [signedIn, view.id, token]);
  return (
    <>
      {own ? (
        <>
          <OwnCards
            cards={own.cards}
            wallets={own.wallets}
            amountMinor={view.amountMinor}
            currency={view.currency}
            testMode={view.testMode}
            onPay={(choice) => onPayOwn(choice, csrfToken)}
          />
          <p className="checkout-divider">
            <span>{t('checkout.anotherCardLead')}</span>
          </p>
        </>
      ) : null}
      <CardForm amountMinor={view.amountMinor} currency={view.currency} onPay={onPayCard} />
    </>
  );
}

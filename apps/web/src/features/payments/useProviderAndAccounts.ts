import { api } from '../../api/client';
import { callApi } from '../../api/problem';
import { useApiLoad } from '../../lib/useApiLoad';
import { hasPayingCard } from './card-source';

/**
 * What a provider's page and its schedule page both load: the provider's form (fields, rules)
 * and the customer's accounts to pay from, each with its own reload for the error states.
 */
export function useProviderAndAccounts(providerId: string) {
  const { state: providerState, reload } = useApiLoad(
    (signal) => callApi(() => api.GET('/api/v1/payments/providers/{providerId}', { params: { path: { providerId } }, signal })),
    [providerId],
  );
  const { state: accountsState, reload: reloadAccounts } = useApiLoad(
    (signal) => callApi(() => api.GET('/api/v1/accounts', { signal })),
    [],
  );
  const provider = providerState.status === 'ready' ? providerState.data : null;
  return { providerState, reload, accountsState, reloadAccounts, provider };
}

/**
 * Whether "By card" is offered on a provider's form: null while the cards load. A failed load
 * (a customer without a card agreement, the cards module down) offers no card and says nothing:
 * the accounts still pay.
 */
export function usePayingCard(): boolean | null {
  const { state } = useApiLoad((signal) => callApi(() => api.GET('/api/v1/cards', { signal })), []);
  if (state.status === 'loading') return null;
  return state.status === 'ready' && hasPayingCard(state.data.items);
}

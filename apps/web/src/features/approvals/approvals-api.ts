import { api, PASSIVE_HEADERS } from '../../api/client';
import { callApi } from '../../api/problem';
import type { GetResponse } from '../../api/shapes';
import type { ApiResult } from '../../ui';
import { signChallenge } from '../auth/deviceStore';
import { type ApprovalOutcome, outcomeOfFailure } from './approvals-model';

/**
 * The app's side of 3-D Secure (issue 15 item 4, docs/3ds.md "Approving in the app instead"):
 * the purchases waiting for this customer, and approving one with the bound PIN device or
 * declining it. Typed from the OpenAPI document.
 */

export type PendingApproval = GetResponse<'/api/v1/3ds/approvals'>['items'][number];

/**
 * The purchases waiting. Passive (x-kassa-passive: 1): the home screen polls it, and a screen left
 * open must not keep the session alive.
 */
export function loadPendingApprovals(signal: AbortSignal): Promise<ApiResult<{ items: PendingApproval[] }>> {
  return callApi(() => api.GET('/api/v1/3ds/approvals', { headers: PASSIVE_HEADERS, signal }));
}

/**
 * Approves one purchase: a fresh challenge from the server (it names this purchase, amount and
 * merchant, and is spent by one answer, so every try asks for a new one), signed by the device's
 * key exactly as the PIN login signs its own, sent with the PIN.
 */
export async function approvePurchase(acsTransID: string, privateKey: CryptoKey, pin: string): Promise<ApprovalOutcome> {
  const path = { acsTransID };
  const started = await callApi(() => api.POST('/api/v1/3ds/approvals/{acsTransID}/start', { params: { path } }));
  if (!started.ok) return started.aborted ? { kind: 'aborted' } : outcomeOfFailure(started.failure);
  let signature: string;
  try {
    signature = await signChallenge(privateKey, started.data.challenge);
  } catch {
    // The key is gone from this browser's storage or cannot sign: the server would refuse anyway.
    return { kind: 'unavailable' };
  }
  const body = { challengeId: started.data.challengeId, signature, pin };
  const result = await callApi(() => api.POST('/api/v1/3ds/approvals/{acsTransID}/approve', { params: { path }, body }));
  if (result.ok) return { kind: 'approved' };
  return result.aborted ? { kind: 'aborted' } : outcomeOfFailure(result.failure);
}

/** "This wasn't me": the challenge ends N and the purchase is declined. */
export async function declinePurchase(acsTransID: string): Promise<ApprovalOutcome> {
  const result = await callApi(() => api.POST('/api/v1/3ds/approvals/{acsTransID}/decline', { params: { path: { acsTransID } } }));
  if (result.ok) return { kind: 'declined' };
  return result.aborted ? { kind: 'aborted' } : outcomeOfFailure(result.failure);
}

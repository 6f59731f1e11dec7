import { randomUUID } from 'node:crypto';
import { Compile } from 'typebox/compile';
import type { AppContext } from '../../context.js';
import { handleAReq } from './acs.service.js';
import { isSandboxCard } from './decision.js';
import { AReq, ARes, type Erro, MESSAGE_VERSION, RReq, RRes } from './emv-messages.js';
import { receiveResult } from './three-ds-server-results.js';

/**
 * The directory server, a test double in this process until a scheme connects (issue 15 item 4):
 * it checks each message against its schema as the wire would, gives an AReq its dsTransID and
 * routes it by card range — Kassa's BIN (CARD_BIN) to Kassa's ACS, the sandbox cards to the
 * sandbox ACS, any other card to no ACS (an ARes U: authentication not available) — and hands an
 * ACS's RReq to the 3DS Server, its RRes back. A real one is reached over mutual TLS; the 3DS
 * Server and the ACS would then call it through a port with the same two functions.
 */

const DS_REFERENCE_NUMBER = 'KASSA-DS-DOUBLE';
// Compiled once: every message crossing the directory server is checked.
const CHECK_AREQ = Compile(AReq);
const CHECK_ARES = Compile(ARes);
const CHECK_RREQ = Compile(RReq);
const CHECK_RRES = Compile(RRes);

function erro(
  code: Erro['errorCode'],
  component: Erro['errorComponent'],
  messageType: string,
  ids: { threeDSServerTransID?: string | undefined; acsTransID?: string | undefined; dsTransID?: string | undefined },
): Erro {
  return {
    messageType: 'Erro',
    messageVersion: MESSAGE_VERSION,
    ...(ids.threeDSServerTransID ? { threeDSServerTransID: ids.threeDSServerTransID } : {}),
    ...(ids.acsTransID ? { acsTransID: ids.acsTransID } : {}),
    ...(ids.dsTransID ? { dsTransID: ids.dsTransID } : {}),
    errorCode: code,
    errorComponent: component,
    errorDescription: code === '203' ? 'A data element is not in the required format' : 'Transaction data not valid',
    errorDetail: messageType,
    errorMessageType: messageType,
  };
}

/** An AReq from the 3DS Server: the ACS's ARes, or an Erro for a message that does not parse. */
export async function routeAReq(ctx: AppContext, aReq: AReq): Promise<ARes | Erro> {
  // The 3DS Server's own objects are typed; the check stands for the wire, where they are not.
  const unchecked: unknown = aReq;
  if (!CHECK_AREQ.Check(unchecked)) return erro('203', 'D', 'AReq', {});
  const forwarded: AReq = { ...aReq, dsTransID: randomUUID(), dsReferenceNumber: DS_REFERENCE_NUMBER };
  const pan = aReq.acctNumber;
  const issuer = isSandboxCard(pan) ? 'sandbox' : pan.startsWith(ctx.config.cards.product.bin) ? 'kassa' : null;
  const ares = issuer
    ? await handleAReq(ctx, forwarded, issuer)
    : notEnrolled(forwarded.threeDSServerTransID, forwarded.dsTransID ?? randomUUID());
  if (!CHECK_ARES.Check(ares)) return erro('203', 'A', 'ARes', { threeDSServerTransID: aReq.threeDSServerTransID });
  return ares;
}

/** No ACS for this card range: U, 13 (cardholder not enrolled in the service), and no ACS transaction. */
function notEnrolled(threeDSServerTransID: string, dsTransID: string): ARes {
  return {
    messageType: 'ARes',
    messageVersion: MESSAGE_VERSION,
    threeDSServerTransID,
    acsTransID: randomUUID(),
    dsTransID,
    acsReferenceNumber: '',
    dsReferenceNumber: DS_REFERENCE_NUMBER,
    transStatus: 'U',
    transStatusReason: '13',
  };
}

/** An RReq from an ACS: handed to the 3DS Server; its RRes, or an Erro. */
export async function routeRReq(ctx: AppContext, rReq: RReq): Promise<RRes | Erro> {
  const unchecked: unknown = rReq;
  if (!CHECK_RREQ.Check(unchecked)) return erro('203', 'D', 'RReq', {});
  const rRes = await receiveResult(ctx, rReq);
  if (!CHECK_RRES.Check(rRes)) return erro('203', 'S', 'RRes', rReq);
  return rRes;
}

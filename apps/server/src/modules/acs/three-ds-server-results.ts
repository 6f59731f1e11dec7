import type { AppContext } from '../../context.js';
import type { ThreeDsResult } from './acs.types.js';
import { MESSAGE_VERSION, type RReq, type RRes } from './emv-messages.js';
import { recordResult, selectServerTransaction } from './three-ds-server.repo.js';

/**
 * The 3DS Server's side of an RReq (the challenge's result, through the directory server): kept
 * once, for the transaction whose ARes named that ACS transaction; RRes 01 when it is kept (or was
 * kept before with the same status: the ACS repeats an RReq whose RRes it did not get), 02 when
 * it names no such challenge or contradicts the result kept.
 */
export async function receiveResult(ctx: AppContext, rReq: RReq): Promise<RRes> {
  const result: ThreeDsResult = {
    status: rReq.transStatus,
    eci: rReq.eci ?? null,
    authenticationValue: rReq.authenticationValue ?? null,
    dsTransID: rReq.dsTransID,
  };
  const kept = await recordResult(
    ctx.db,
    rReq.threeDSServerTransID,
    { ...result, acsTransID: rReq.acsTransID, transStatusReason: rReq.transStatusReason ?? null },
    ctx.clock.now(),
  );
  const accepted = kept || (await sameResultKept(ctx, rReq));
  return {
    messageType: 'RRes',
    messageVersion: MESSAGE_VERSION,
    threeDSServerTransID: rReq.threeDSServerTransID,
    acsTransID: rReq.acsTransID,
    dsTransID: rReq.dsTransID,
    resultsStatus: accepted ? '01' : '02',
  };
}

async function sameResultKept(ctx: AppContext, rReq: RReq): Promise<boolean> {
  const stored = await selectServerTransaction(ctx.db, rReq.threeDSServerTransID);
  return stored?.resultAt != null && stored.acsTransID === rReq.acsTransID && stored.transStatus === rReq.transStatus;
}

import type { CustomerBlockPort } from '../../context.js';
import { customerBlockedProblem } from './blocks.errors.js';
import { selectActiveBlock } from './blocks.repo.js';

/**
 * The blocks port (context.ts), plugged in by buildApp: operations asks it before an outgoing
 * operation of any kind, and again at its confirmation. The refusal names the number to call.
 */
export function customerBlockPort(config: { contactCenterPhone: string }): CustomerBlockPort {
  return {
    async outgoingRefusal(q, customerId) {
      const block = await selectActiveBlock(q, customerId);
      return block ? customerBlockedProblem(config.contactCenterPhone) : null;
    },
  };
}

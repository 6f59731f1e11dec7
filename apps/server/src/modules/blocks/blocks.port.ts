import type { CustomerBlockPort } from '../../context.js';
import { findCustomerByPhone } from '../identity/index.js';
import { customerBlockedProblem } from './blocks.errors.js';
import { selectActiveBlock } from './blocks.repo.js';

/**
 * The blocks port (context.ts), plugged in by buildApp: operations asks it before an outgoing
 * operation of any kind, and again at its confirmation. The refusal names the number to call.
 *
 * The outbox asks it before every SMS. Issue 13 item 4 "stops sending codes to that number"; a
 * notice is no safer than a code on a lost phone (a credit, a new device, a transfer tell the
 * stranger who holds it what moves in the account), so while the block stands nothing goes to
 * the number at all. No SMS is meant to reach a blocked number: the block's own texts wait in the
 * app (blocks.messages.ts), and the unblock ends with the customer asking for a login code, which
 * goes after the block is lifted. The number is the customer's now: a phone change cannot end
 * while the block stands, since its new number's code is held (sca/holds.ts) like every code.
 */
export function customerBlockPort(config: { contactCenterPhone: string }): CustomerBlockPort {
  return {
    async outgoingRefusal(q, customerId) {
      const block = await selectActiveBlock(q, customerId);
      return block ? customerBlockedProblem(config.contactCenterPhone) : null;
    },
    async smsSuppression(q, phone) {
      const customer = await findCustomerByPhone(q, phone);
      if (!customer) return null;
      return (await selectActiveBlock(q, customer.id)) ? 'customer-blocked' : null;
    },
  };
}

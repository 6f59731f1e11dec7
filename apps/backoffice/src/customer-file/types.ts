import type { GetResponse } from '../api/shapes';

/** The customer's file as the staff API answers it, by either way in (a call, a security officer's reason). */
export type CustomerFileData = GetResponse<'/api/staff/v1/customers/{customerId}'>;

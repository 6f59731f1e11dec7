// Limits on everything (TigerStyle): each bounds a loop, a statement or a page.

/** The largest single amount: 10^15 minor units (10 trillion tenge) is far beyond any real payment. */
export const AMOUNT_MINOR_MAX = 1_000_000_000_000_000n;
export const POSTINGS_PER_OPERATION_MAX = 32;
/** A batch is one locking statement and one write statement; keep both bounded. */
export const OPERATIONS_PER_BATCH_MAX = 1000;
export const POSTINGS_PAGE_LIMIT_MAX = 100;
export const POSTINGS_PAGE_LIMIT_DEFAULT = 50;
export const ACCOUNTS_PER_OWNER_MAX = 100;
/** Caller-chosen ids (operations, holds) and account ids: safe in logs and URLs, bounded in length. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
export const DESCRIPTION_LENGTH_MAX = 500;

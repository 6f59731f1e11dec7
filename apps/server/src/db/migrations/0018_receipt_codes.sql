-- The codes in the QR of a receipt (issue 12 item 5): <PUBLIC_ORIGIN>/r/<code> lets anyone check
-- on the bank's site that a receipt is genuine. A code is a keyed hash of the operation and the
-- side whose receipt it is (operations/receipt-codes.ts), so a receipt downloaded twice carries
-- the same code; only the SHA-256 of the code is kept, so these rows give no working link.
--
-- A row per code ever printed: after SECRET_KEY is rotated a receipt gets a new code, and the
-- codes on receipts printed before still verify, for as long as the bank keeps the operation
-- (operations are never purged). `audience` is whose receipt it was: the page shows what that
-- receipt showed, no more (the payee's receipt has no fee and no source account).
CREATE TABLE receipt_codes (
  code_sha256 bytea PRIMARY KEY CHECK (octet_length(code_sha256) = 32),
  operation_id text NOT NULL REFERENCES operations (id),
  audience text NOT NULL CHECK (audience IN ('payer', 'payee')),
  created_at timestamptz NOT NULL DEFAULT now()
);

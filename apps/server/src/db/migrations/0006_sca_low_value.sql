-- Why a transfer to another person went without an SMS code: 'trusted-payee' (RTS art. 13) or
-- 'low-value' (RTS art. 16). NULL when a code was asked, or when the transfer was refused before
-- any decision. Transfers between own accounts (kind 'own') are exempt by their kind (RTS art. 15)
-- and leave it NULL: the API shows them as 'own'.
ALTER TABLE transfers ADD COLUMN sca_exemption text CHECK (sca_exemption IN ('trusted-payee', 'low-value'));

-- Before this migration the only exemption for others was a trusted payee: a transfer to another
-- person without a code that was not refused while its payee was being resolved.
UPDATE transfers SET sca_exemption = 'trusted-payee'
WHERE kind <> 'own' AND challenge_id IS NULL
  AND (decline_reason IS NULL OR decline_reason NOT IN ('recipient-not-found', 'transfer-to-self', 'currency-mismatch'));

-- A retry replays the first answer, and the answer's schema now has scaExemption: the stored
-- answers get it too, as the sender's view would show it.
UPDATE idempotency_keys AS k
SET response_body = k.response_body || jsonb_build_object('scaExemption', CASE WHEN t.kind = 'own' THEN 'own' ELSE t.sca_exemption END)
FROM transfers AS t
WHERE jsonb_typeof(k.response_body) = 'object' AND NOT k.response_body ? 'scaExemption' AND t.id = k.response_body ->> 'id';

-- RTS art. 16: low-value transfers exempted since the customer's last confirmed code (a transfer's
-- or a trusted payee's). The row is also the per-customer lock under which the exemption is
-- decided, so parallel transfers see each other's counts. A confirmed code sets both counts to 0.
CREATE TABLE sca_low_value_counters (
  customer_id text PRIMARY KEY REFERENCES customers (id),
  operations_count integer NOT NULL CHECK (operations_count >= 0),
  total_minor bigint NOT NULL CHECK (total_minor >= 0),
  last_sca_at timestamptz
);

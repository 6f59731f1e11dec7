-- Which card made a card purchase (issue 14: the card's page shows its operations, and the history
-- is filtered by card: GET /api/v1/operations?cardId=). The operation of a purchase (kind
-- card.purchase, migration 0033) names its card by the last four digits only, which two cards of
-- one customer may share; the card's id is in card_authorisations, but that table is
-- card-network's, and operations reads no other module's table. So operations keeps its own
-- detail row of a purchase, as transfers keeps transfer_details: written with the operation, in
-- the transaction that decides the purchase (operations/card-purchases.ts), and never changed.
--
-- Only the card's id: no PAN, no part of one beyond what the operation already shows.
CREATE TABLE card_purchase_details (
  operation_id text PRIMARY KEY REFERENCES operations (id),
  card_id text NOT NULL REFERENCES cards (id)
);
-- The history of one card reads the card's purchases through this index, then their operations.
CREATE INDEX card_purchase_details_card ON card_purchase_details (card_id);

-- The purchases recorded before this migration: their card as card-network recorded it. A
-- migration is where data moves between owners (scripts/check-table-owners.mjs).
INSERT INTO card_purchase_details (operation_id, card_id)
SELECT authorisation.operation_id, authorisation.card_id
FROM card_authorisations authorisation
JOIN operations operation ON operation.id = authorisation.operation_id AND operation.kind = 'card.purchase'
ON CONFLICT (operation_id) DO NOTHING;

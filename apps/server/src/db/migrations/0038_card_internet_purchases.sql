-- How many internet purchases a card made on a bank day (issue 14: ISO 8583 response code 65,
-- "exceeds withdrawal frequency limit"). Counted beside the day's amount in the same row, under the
-- card's lock, by the purchase that is approved (cards/card-use.ts chargeCardUse), and given back by
-- a refusal after the count, a reversal or an expired hold. A burst of small authorisations is how
-- stolen card numbers are tested; the bank's ceiling (CARD_INTERNET_MAX_PURCHASES_PER_DAY) stands
-- even while the customer's "no limit" does.
ALTER TABLE card_internet_days
  ADD COLUMN purchases integer NOT NULL DEFAULT 0 CONSTRAINT card_internet_days_purchases_non_negative CHECK (purchases >= 0);

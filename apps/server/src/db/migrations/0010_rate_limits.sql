-- SECURITY.md 33: the general rate limits (http/rate-limit.ts). One row per route class, scope
-- ('ip' or 'customer'), subject (the client address, an IPv6 /64, or the customer id) and fixed
-- window. Several servers share it, so a limit holds across all of them: each request is one
-- conditional upsert on its row, and the row lock orders parallel requests, so N of them never
-- pass a limit of M < N. A row is worth nothing after expires_at and is purged.
CREATE TABLE rate_limit_counters (
  route_class text NOT NULL,
  scope text NOT NULL CHECK (scope IN ('ip', 'customer')),
  subject text NOT NULL,
  window_start timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  -- Stops at the limit + 1: the request that reaches it is the first refused (audited once).
  hits integer NOT NULL CHECK (hits >= 1),
  PRIMARY KEY (route_class, scope, subject, window_start)
);

CREATE INDEX rate_limit_counters_expires_at ON rate_limit_counters (expires_at);

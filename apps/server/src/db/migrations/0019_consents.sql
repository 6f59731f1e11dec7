-- What a customer accepted at registration, and which version of it (issue 12 item 6): the
-- agreement they signed (its text at /legal/<kind>) and the consent to the processing of personal
-- data the Law of the Republic of Kazakhstan "On personal data and their protection" asks for.
-- A row per document and version; a new version of the texts is accepted again, never overwritten.
-- `version` is the documents' date (identity/legal-documents.ts); the request's IP and agent are
-- in the audit event that records the same acceptance.
CREATE TABLE consents (
  customer_id text NOT NULL REFERENCES customers (id),
  document text NOT NULL CHECK (document IN ('emoney', 'banking', 'personal-data')),
  version text NOT NULL CHECK (version ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  accepted_at timestamptz NOT NULL,
  PRIMARY KEY (customer_id, document, version)
);

-- Dân Vận D1 schema, part 2 (ingest): an optimistic lock per commune, and payloads that do not fit
-- in one row.

-- Every accepted batch for a commune inserts (commune_id, version + 1), where `version` is the
-- highest one the ingest read before planning its writes. Two batches planned from the same state
-- insert the same key: the later one fails whole (a D1 batch is one transaction) and is planned
-- again from the new state — so the last committed submission wins whole and counts are exact.
-- The rows double as the history of accepted writes of a commune.
CREATE TABLE commune_versions (
  commune_id TEXT NOT NULL REFERENCES units(id),
  version INTEGER NOT NULL,
  submission_id TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (commune_id, version)
);

-- A D1 row holds at most 2 MB (https://developers.cloudflare.com/d1/platform/limits/):
-- submissions.payload holds the first part of the raw payload, the other parts are here, in order.
CREATE TABLE submission_payload_parts (
  submission_id TEXT NOT NULL REFERENCES submissions(submission_id),
  part INTEGER NOT NULL,               -- 1, 2, … (part 0 is submissions.payload)
  data TEXT NOT NULL,
  PRIMARY KEY (submission_id, part)
);

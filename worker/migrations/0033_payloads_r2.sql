-- Dân Vận D1 schema, 0033: raw payloads move to R2 (wrangler.toml [[r2_buckets]] PAYLOADS,
-- worker/src/db/payloads.ts). D1 keeps the receipt, the object's key and the SHA-256 of the payload
-- text; every read checks the hash. A row with payload_key NULL still holds its payload in D1
-- (submissions.payload + submission_payload_parts, 0002) until the move job (worker/src/db/payload-move.ts)
-- copies it to R2 and empties it here; readers take either, so old payloads stay readable throughout.
ALTER TABLE submissions ADD COLUMN payload_key TEXT;     -- 'p/<commune id>/<submission id>/<sha-256>'
ALTER TABLE submissions ADD COLUMN payload_sha256 TEXT;  -- hex SHA-256 of the payload text (UTF-8)

-- The move job's work list: payloads still in D1 and not pruned.
CREATE INDEX submissions_payload_in_d1 ON submissions(received_at) WHERE payload_key IS NULL AND payload_pruned_at IS NULL;

-- Where resumable jobs stand between runs (the orphan sweep's R2 list cursor).
CREATE TABLE job_cursors (
  job TEXT PRIMARY KEY,
  cursor TEXT,
  updated_at TEXT NOT NULL
);

-- Dân Vận D1 schema, 0022: retention of raw payloads and row revisions (worker/src/retention/prune.ts).
--
-- The scheduled job (wrangler.toml [triggers]) empties a submission's raw payload (part 0 in
-- submissions.payload, the other parts in submission_payload_parts) once it is older than
-- RETENTION_MONTHS, and deletes revisions replaced before then. The submission row stays: its
-- receipt answers a resent submission id, and its content hash still refuses other content.
-- Aggregates are built from the commune's tables, never from payloads or revisions.
ALTER TABLE submissions ADD COLUMN payload_pruned_at TEXT;  -- when the payload was emptied (retention or erasure)
CREATE INDEX submissions_unpruned ON submissions(received_at) WHERE payload_pruned_at IS NULL;
CREATE INDEX revisions_replaced ON revisions(replaced_at);

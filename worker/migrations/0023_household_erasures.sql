-- Dân Vận D1 schema, 0023: households whose data was erased on request (worker/src/privacy/erase.ts).
--
-- A household (by its code in its commune) asked that its personal data be erased (Law 91/2025/QH15);
-- the console erased its name, birth year, ethnicity and notes from the register, the population
-- changes, the revisions and the stored payloads, and kept the figures. A later submission that still
-- holds the household is accepted with a warning to the clerk (worker/src/ingest/accept.ts).
-- No personal data here: the code, when and by whom (the operator's e-mail).
CREATE TABLE household_erasures (
  commune_id TEXT NOT NULL REFERENCES units(id),
  household_code TEXT NOT NULL,
  erased_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  PRIMARY KEY (commune_id, household_code)
);

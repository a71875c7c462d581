-- What the worker last accepted of each sheet of a commune (worker/src/ingest/delta.ts): the hash of
-- the sheet's text as sent (shared/sheet-hash.ts), computed by the worker itself, never taken from the
-- client; for a log sheet, the hash of each row it holds, not withdrawn, with the row's natural key.
-- A sheet sent again with the same hash is skipped whole (nothing checked, nothing written); a log
-- sheet with another hash is checked and written only where its rows' hashes differ. Written in the
-- same batch as the rows, so it cannot drift from them; `check_version` is the shared rules' version
-- the rows were checked with (shared/rules/index.ts CHECK_VERSION): another one checks everything again.
CREATE TABLE sheet_states (
  commune_id TEXT NOT NULL REFERENCES units(id),
  sheet TEXT NOT NULL,
  sheet_hash TEXT NOT NULL,
  -- Log sheets: JSON {"<row hash>": "<natural key JSON>", …}; NULL for a register sheet.
  row_hashes TEXT,
  check_version INTEGER NOT NULL,
  submission_id TEXT NOT NULL,
  PRIMARY KEY (commune_id, sheet)
);

-- One record per commune for the roll-out: where its spreadsheet is and when it was provisioned
-- and pulled (tools/district, issue 12). Keyed by the commune's unit id; every other column is
-- nullable so the roll-out console (issue 11) can add its own (clerk name, phone, …) with
-- ALTER TABLE … ADD COLUMN without touching these.
CREATE TABLE commune_records (
  unit_id TEXT PRIMARY KEY REFERENCES units(id),
  spreadsheet_id TEXT,                 -- Google Drive file id of the commune's spreadsheet
  spreadsheet_url TEXT,
  clerk_email TEXT,                    -- the Google account the spreadsheet is shared with (writer)
  provisioned_at TEXT,                 -- ISO instant: layout built and shared
  last_pulled_at TEXT,                 -- ISO instant: last server-side pull that was accepted
  updated_at TEXT NOT NULL
);

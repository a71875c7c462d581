-- Dân Vận D1 schema, 0020: "Báo cáo kỳ" (shared/report-sheet.ts), the commune's narrative for a
-- reporting period or a plan phase review, one row per commune and period key. A log: upserted by
-- its period, earlier versions kept in `revisions`, withdrawn when the commune removes the row.
-- Free text: read only for the commune's own (detail) link (worker/src/report/narrative.ts); no
-- aggregate holds any of it.
CREATE TABLE period_reports (
  commune_id TEXT NOT NULL REFERENCES units(id),
  period TEXT NOT NULL,
  results TEXT,
  shortcomings TEXT,
  causes TEXT,
  directions TEXT,
  proposals TEXT,
  revision INTEGER NOT NULL DEFAULT 1,
  first_received_at TEXT NOT NULL,
  submission_id TEXT NOT NULL,
  withdrawn_at TEXT,
  PRIMARY KEY (commune_id, period)
);

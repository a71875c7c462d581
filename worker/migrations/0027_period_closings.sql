-- Dân Vận D1 schema, 0027: "Chốt số liệu kỳ" (issue 13, approval and locking; worker/src/closing/).
--
-- One row per commune and closed period (a month '2022-09' or a quarter '2022-Q3'). `figures` is
-- the commune's Figures for that period (worker/src/rollup/types.ts: register, reporting, propaganda,
-- task areas, changes) as of its latest accepted submission when it closed: about 1 KB of JSON, no
-- names, no free text. District and province links show it instead of the live figures until the
-- commune closes again (worker/src/closing/overlay.ts), so a rollup never recomputes a closing.
-- A reopened period keeps its row (state 'reopened') so the audit trail reads back; the audit log
-- holds every close, accept and reopen.
CREATE TABLE period_closings (
  commune_id TEXT NOT NULL REFERENCES units(id),
  period TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('closed', 'accepted', 'reopened')),
  figures TEXT NOT NULL,
  figures_hash TEXT NOT NULL,          -- SHA-256 of `figures`: closing again with the same figures changes nothing
  submission_id TEXT,                  -- the commune's latest accepted submission at closing
  closed_by TEXT NOT NULL,             -- the clerk's name, or the commune token's label
  closed_at TEXT NOT NULL,
  accepted_by TEXT,                    -- the operator's e-mail, or 'link:<hash prefix> (<label>)'
  accepted_at TEXT,
  reopened_by TEXT,
  reopened_at TEXT,
  PRIMARY KEY (commune_id, period)
);

-- The acceptance right of a district or province link (a scope flag, issued from the console's
-- "Đường dẫn" page): such a link may accept and reopen its communes' closed periods.
ALTER TABLE tokens ADD COLUMN can_accept INTEGER NOT NULL DEFAULT 0;

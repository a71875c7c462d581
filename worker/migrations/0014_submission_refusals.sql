-- Dân Vận D1 schema, 0014: refused submissions, for the console's "This week" page.
--
-- One row per `POST /api/submissions` answered with an error (4xx/5xx), written after the answer
-- (`waitUntil`, worker/src/http/refusals.ts). The commune is the token's, when the token is known —
-- also when it was revoked or has expired (that is the reason then). Only stable codes are kept:
-- the error code and how many issues of each code, never a cell's text or the token.
CREATE TABLE submission_refusals (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,                    -- ISO instant
  commune_id TEXT,                     -- the token's commune, when the token is known
  token_prefix TEXT,                   -- first 12 hex of SHA-256(presented token), like access_log
  status INTEGER NOT NULL,
  code TEXT NOT NULL,                  -- shared/contract.ts ERROR_STATUS key
  reason TEXT,                         -- unauthorized only: 'missing', 'unknown', 'revoked', 'expired'
  issues INTEGER NOT NULL DEFAULT 0,   -- issues in the answer's details
  issue_codes TEXT                     -- JSON {issue code: count}
);
CREATE INDEX submission_refusals_commune ON submission_refusals(commune_id, at);

-- Dân Vận D1 schema, part 5: who used a link or a credential, and when.
--
-- One row per request to a rollup link (`/r/…`), and one per refused credential (a wrong admin
-- secret, an unknown/revoked commune token) or throttled admin attempt. Written after the answer
-- with `waitUntil` (worker/src/http/access.ts), read by worker/src/db/access-log.ts for the roll-out
-- console (links: last access, count) and the commune's page ("who looked").
-- Never the token itself: `token_hash` is the SHA-256 of a known token (tokens.token_hash), and
-- `token_prefix` the first 12 hex digits of the hash of whatever was presented. The client's IP is
-- kept for ACCESS_LOG_IP_DAYS (worker/src/db/access-log.ts) and then cleared.
CREATE TABLE access_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,                    -- ISO instant
  kind TEXT NOT NULL CHECK (kind IN ('link', 'commune', 'admin')),
  token_hash TEXT,                     -- a known token (link or commune), else NULL
  token_prefix TEXT,                   -- first 12 hex of SHA-256(presented token), NULL when none
  unit_id TEXT,                        -- the token's unit, when known
  route TEXT NOT NULL,                 -- 'page', 'json', 'csv', 'mau-01', 'mau-02', 'submission', 'admin'
  status INTEGER NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'refused', 'throttled')),
  client_ip TEXT                       -- CF-Connecting-IP; NULL after the retention period
);
CREATE INDEX access_log_token ON access_log(token_hash, at);
CREATE INDEX access_log_unit ON access_log(unit_id, at);
-- Admin throttling counts a client's refused attempts in a recent window.
CREATE INDEX access_log_refused ON access_log(kind, client_ip, at) WHERE outcome = 'refused';
-- Clearing IPs past the retention period finds them without a scan.
CREATE INDEX access_log_ip_age ON access_log(at) WHERE client_ip IS NOT NULL;

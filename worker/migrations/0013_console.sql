-- Dân Vận D1 schema, 0013: the roll-out console (worker/src/console, issue 11).
--
-- Operators: the staff who sign in to /admin (through Cloudflare Access in production; the verified
-- email is the key). A role and the unit they cover: they see and change only units under it
-- (worker/src/operators). The first admin is created with the admin API (README, "The console").
CREATE TABLE operators (
  email TEXT PRIMARY KEY,              -- lower-case, as Access's JWT carries it after lower-casing
  role TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
  unit_id TEXT REFERENCES units(id),   -- a province, district or commune; NULL = the whole country
  name TEXT,                           -- how the console greets them (optional)
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,            -- an operator's email, or 'admin' (the admin API)
  updated_at TEXT NOT NULL,
  disabled_at TEXT                     -- set: can no longer sign in (the row stays for the audit log)
);
CREATE INDEX operators_unit ON operators(unit_id);

-- The commune's clerk, as the console's upload gives it (clerk_email exists since 0008).
ALTER TABLE commune_records ADD COLUMN clerk_name TEXT;
ALTER TABLE commune_records ADD COLUMN clerk_phone TEXT;

-- A commune list uploaded and checked (the dry run), waiting for the operator's one click. `rows`
-- is JSON of what applying writes; nothing else is kept of the file but its hash. Applied once:
-- the trigger refuses a second apply, inside the apply's own batch, so a double click (or two tabs)
-- writes nothing twice. Uploads older than a day are deleted when a new one comes in.
CREATE TABLE console_uploads (
  id TEXT PRIMARY KEY,                 -- random, 128 bits
  operator TEXT NOT NULL,              -- the operator's email; only they can apply it
  scope_unit_id TEXT,                  -- the unit chosen when it was checked
  created_at TEXT NOT NULL,
  file_name TEXT,
  file_sha256 TEXT NOT NULL,
  rows TEXT NOT NULL,
  applied_at TEXT
);
CREATE TRIGGER console_uploads_apply_once BEFORE UPDATE OF applied_at ON console_uploads
WHEN OLD.applied_at IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'console upload already applied');
END;

-- The audit page filters by time and by unit.
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_unit ON audit_log(unit_id, at);

-- Dân Vận D1 schema, part 1: units, the commune register, logs, submissions, tokens, audit.
-- Dates are 'yyyy-MM-dd' text (Vietnam calendar dates); instants are ISO-8601 UTC text.
-- commune_id is a units.id (unit ids never change; GSO codes can be reused by successor units).

CREATE TABLE units (
  id TEXT PRIMARY KEY,                 -- e.g. 'C:07576@2021-02-03'
  code TEXT NOT NULL,                  -- GSO code (province 2, district 3, commune 5 digits)
  level TEXT NOT NULL CHECK (level IN ('province','district','commune','village')),
  kind_vi TEXT,
  name TEXT NOT NULL,
  parent_id TEXT REFERENCES units(id),
  valid_from TEXT NOT NULL,
  valid_to TEXT,                       -- exclusive; NULL = still valid
  successor_ids TEXT NOT NULL DEFAULT '[]',  -- JSON array of unit ids
  ethnic_identity INTEGER
);
CREATE INDEX units_code ON units(code, level);
CREATE INDEX units_parent ON units(parent_id);

-- The register of a commune (sheets villages, teams, members, households): replaced whole by each
-- accepted submission, inside one batch.
CREATE TABLE villages (
  commune_id TEXT NOT NULL REFERENCES units(id),
  village_code TEXT NOT NULL,
  village_name TEXT NOT NULL,
  ethnic_identity INTEGER NOT NULL,
  PRIMARY KEY (commune_id, village_code)
);

CREATE TABLE teams (
  commune_id TEXT NOT NULL REFERENCES units(id),
  team_code TEXT NOT NULL,
  team_name TEXT NOT NULL,
  village_code TEXT NOT NULL,
  founded_on TEXT NOT NULL,
  dissolved_on TEXT,
  decision_no TEXT,
  zalo_group TEXT,
  PRIMARY KEY (commune_id, team_code)
);

CREATE TABLE members (
  commune_id TEXT NOT NULL REFERENCES units(id),
  team_code TEXT NOT NULL,
  member_no INTEGER NOT NULL,
  full_name TEXT NOT NULL,
  current_position TEXT,
  role TEXT NOT NULL CHECK (role IN ('leader','deputy','member')),
  phone TEXT,
  note TEXT,
  PRIMARY KEY (commune_id, team_code, full_name)
);

CREATE TABLE households (
  commune_id TEXT NOT NULL REFERENCES units(id),
  household_code TEXT NOT NULL,
  team_code TEXT NOT NULL,
  responsible TEXT NOT NULL,           -- JSON array of member names
  household_no INTEGER NOT NULL,
  head_name TEXT NOT NULL,
  birth_year INTEGER NOT NULL,
  members_count INTEGER NOT NULL,
  in_zalo INTEGER NOT NULL,
  ethnicity TEXT,
  note TEXT,
  PRIMARY KEY (commune_id, household_code)
);
CREATE INDEX households_team ON households(commune_id, team_code);

-- Logs: upserted by natural key. `revision` counts accepted changes of the row; earlier
-- versions are kept in `revisions`. `first_received_at` is when the worker first received the row
-- (timeliness of weekly reports is judged on it), `submission_id` the submission that last wrote it.
CREATE TABLE changes (
  commune_id TEXT NOT NULL REFERENCES units(id),
  change_date TEXT NOT NULL,
  household_code TEXT NOT NULL,
  change_type TEXT NOT NULL,
  people INTEGER NOT NULL,
  note TEXT,
  revision INTEGER NOT NULL DEFAULT 1,
  first_received_at TEXT NOT NULL,
  submission_id TEXT NOT NULL,
  PRIMARY KEY (commune_id, change_date, household_code, change_type)
);

CREATE TABLE weekly_reports (
  commune_id TEXT NOT NULL REFERENCES units(id),
  week TEXT NOT NULL,                  -- '2022-W03'
  team_code TEXT NOT NULL,
  reporter TEXT NOT NULL,
  submitted_on TEXT NOT NULL,
  broadcasts INTEGER, zalo_posts INTEGER, households_visited INTEGER,
  covid_new_cases INTEGER, covid_violations INTEGER, covid_vaccination INTEGER,
  antt_incidents INTEGER, antt_disputes_mediated INTEGER, antt_police_reports INTEGER,
  env_violations INTEGER, env_cleanups INTEGER, env_waste_sorting INTEGER,
  ethnic_activities INTEGER, ethnic_participants INTEGER,
  difficulties TEXT, proposals TEXT,
  revision INTEGER NOT NULL DEFAULT 1,
  first_received_at TEXT NOT NULL,
  submission_id TEXT NOT NULL,
  PRIMARY KEY (commune_id, team_code, week)
);
CREATE INDEX weekly_week ON weekly_reports(commune_id, week);

CREATE TABLE adhoc_reports (
  commune_id TEXT NOT NULL REFERENCES units(id),
  report_code TEXT NOT NULL,
  report_date TEXT NOT NULL,
  team_code TEXT NOT NULL,
  area TEXT NOT NULL,
  urgency TEXT NOT NULL,
  content TEXT NOT NULL,
  action_taken TEXT,
  referred_to TEXT,
  status TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  first_received_at TEXT NOT NULL,
  submission_id TEXT NOT NULL,
  PRIMARY KEY (commune_id, report_code)
);

CREATE TABLE meetings (
  commune_id TEXT NOT NULL REFERENCES units(id),
  meeting_date TEXT NOT NULL,
  team_code TEXT NOT NULL,
  kind TEXT NOT NULL,
  members_present INTEGER NOT NULL,
  results TEXT, difficulties TEXT, solutions TEXT,
  revision INTEGER NOT NULL DEFAULT 1,
  first_received_at TEXT NOT NULL,
  submission_id TEXT NOT NULL,
  PRIMARY KEY (commune_id, meeting_date, team_code, kind)
);

CREATE TABLE evaluations (
  commune_id TEXT NOT NULL REFERENCES units(id),
  period TEXT NOT NULL,                -- '2022-Q1' or '2022'
  team_code TEXT NOT NULL,
  rating TEXT NOT NULL,
  commendation TEXT,
  comment TEXT,
  revision INTEGER NOT NULL DEFAULT 1,
  first_received_at TEXT NOT NULL,
  submission_id TEXT NOT NULL,
  PRIMARY KEY (commune_id, period, team_code)
);

CREATE TABLE milestones (
  commune_id TEXT NOT NULL REFERENCES units(id),
  milestone_code TEXT NOT NULL,
  title TEXT NOT NULL,
  due_on TEXT NOT NULL,
  done_on TEXT,
  status TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  first_received_at TEXT NOT NULL,
  submission_id TEXT NOT NULL,
  PRIMARY KEY (commune_id, milestone_code)
);

-- Earlier versions of log rows, written when an upsert changes a row.
CREATE TABLE revisions (
  sheet TEXT NOT NULL,
  commune_id TEXT NOT NULL,
  natural_key TEXT NOT NULL,           -- JSON array of the key values
  revision INTEGER NOT NULL,
  data TEXT NOT NULL,                  -- JSON of the row as it was
  submission_id TEXT NOT NULL,
  replaced_at TEXT NOT NULL,
  PRIMARY KEY (sheet, commune_id, natural_key, revision)
);

-- Every accepted submission: its receipt and the raw payload as received.
CREATE TABLE submissions (
  submission_id TEXT PRIMARY KEY,
  commune_id TEXT NOT NULL REFERENCES units(id),
  spreadsheet_id TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  generated_at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  receipt TEXT NOT NULL,               -- JSON, returned as is when the same id is sent again
  payload TEXT NOT NULL
);
CREATE INDEX submissions_commune ON submissions(commune_id, received_at);

-- Commune write tokens and read-only rollup links. Only SHA-256 hashes are stored.
CREATE TABLE tokens (
  token_hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('commune','link')),
  unit_id TEXT NOT NULL REFERENCES units(id),
  scope TEXT NOT NULL CHECK (scope IN ('write','aggregate','detail')), -- link scope: aggregate (district) or detail (commune lists)
  label TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  revoked_at TEXT
);
CREATE INDEX tokens_unit ON tokens(unit_id);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,                 -- 'admin', 'commune:<unit id>', 'link:<hash prefix>'
  action TEXT NOT NULL,
  unit_id TEXT,
  detail TEXT
);

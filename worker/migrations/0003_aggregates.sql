-- Dân Vận D1 schema, part 3: aggregates for rollups (owned by worker/src/rollup).
-- Every row belongs to ONE commune and is recomputed from that commune's own tables at the end of
-- each ingest batch (worker/src/aggregates/refresh.ts), in the same transaction. District and
-- province rollups read only these tables: never households or weekly_reports.
-- Old data is never rewritten: rows stay keyed by the commune unit that sent them; grouping into
-- districts/provinces ("as was" or today's successors) happens when reading.

-- One row per team of the commune's current register, with its register figures.
CREATE TABLE agg_teams (
  commune_id TEXT NOT NULL,
  team_code TEXT NOT NULL,
  team_name TEXT NOT NULL,
  village_code TEXT NOT NULL,
  village_name TEXT NOT NULL,           -- village_code when the village is not in the register
  ethnic_identity INTEGER NOT NULL,     -- the village has the ethnic-identity task (0/1)
  founded_on TEXT NOT NULL,
  dissolved_on TEXT,
  members INTEGER NOT NULL,
  households INTEGER NOT NULL,
  people INTEGER NOT NULL,              -- sum of members_count (nhân khẩu)
  zalo_households INTEGER NOT NULL,
  PRIMARY KEY (commune_id, team_code)
);

-- One row per weekly report (commune × team × week): received is implied, timeliness is judged on
-- first_received_at against the week's deadline (shared/periods.ts weeklyDeadline), counts are
-- the report's figures with blanks as 0.
CREATE TABLE agg_team_weeks (
  commune_id TEXT NOT NULL,
  team_code TEXT NOT NULL,
  week TEXT NOT NULL,                   -- '2022-W03'
  on_time INTEGER NOT NULL,             -- 0/1
  broadcasts INTEGER NOT NULL,
  zalo_posts INTEGER NOT NULL,
  households_visited INTEGER NOT NULL,
  covid_new_cases INTEGER NOT NULL,
  covid_violations INTEGER NOT NULL,
  covid_vaccination INTEGER NOT NULL,
  antt_incidents INTEGER NOT NULL,
  antt_disputes_mediated INTEGER NOT NULL,
  antt_police_reports INTEGER NOT NULL,
  env_violations INTEGER NOT NULL,
  env_cleanups INTEGER NOT NULL,
  env_waste_sorting INTEGER NOT NULL,
  ethnic_activities INTEGER NOT NULL,
  ethnic_participants INTEGER NOT NULL,
  PRIMARY KEY (commune_id, week, team_code)
);

-- Population changes per commune × team × day × type (team via the household register; '' when
-- the household is no longer in it).
CREATE TABLE agg_changes (
  commune_id TEXT NOT NULL,
  team_code TEXT NOT NULL,
  change_date TEXT NOT NULL,
  change_type TEXT NOT NULL,
  events INTEGER NOT NULL,
  people INTEGER NOT NULL,
  PRIMARY KEY (commune_id, change_date, team_code, change_type)
);

-- Ad-hoc reports counted per commune × team × day × area × urgency × status.
CREATE TABLE agg_adhoc (
  commune_id TEXT NOT NULL,
  team_code TEXT NOT NULL,
  report_date TEXT NOT NULL,
  area TEXT NOT NULL,
  urgency TEXT NOT NULL,
  status TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (commune_id, report_date, team_code, area, urgency, status)
);

-- Ad-hoc reports not yet resolved (no free text: content stays in adhoc_reports).
CREATE TABLE agg_adhoc_open (
  commune_id TEXT NOT NULL,
  report_code TEXT NOT NULL,
  report_date TEXT NOT NULL,
  team_code TEXT NOT NULL,
  area TEXT NOT NULL,
  urgency TEXT NOT NULL,
  status TEXT NOT NULL,
  PRIMARY KEY (commune_id, report_code)
);

-- Meetings held per commune × team × day × kind.
CREATE TABLE agg_meetings (
  commune_id TEXT NOT NULL,
  team_code TEXT NOT NULL,
  meeting_date TEXT NOT NULL,
  kind TEXT NOT NULL,
  n INTEGER NOT NULL,
  members_present INTEGER NOT NULL,
  PRIMARY KEY (commune_id, meeting_date, team_code, kind)
);

-- Evaluations per commune × evaluation period × team, with the evaluation period's dates.
CREATE TABLE agg_evaluations (
  commune_id TEXT NOT NULL,
  period TEXT NOT NULL,                 -- '2022-Q1' or '2022'
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  team_code TEXT NOT NULL,
  rating TEXT NOT NULL,
  commendation INTEGER NOT NULL,        -- a commendation is proposed (0/1)
  PRIMARY KEY (commune_id, period, team_code)
);
CREATE INDEX agg_evaluations_dates ON agg_evaluations(commune_id, period_end);

-- Plan milestones as the commune reports them.
CREATE TABLE agg_milestones (
  commune_id TEXT NOT NULL,
  milestone_code TEXT NOT NULL,
  title TEXT NOT NULL,
  due_on TEXT NOT NULL,
  done_on TEXT,
  status TEXT NOT NULL,
  PRIMARY KEY (commune_id, milestone_code)
);

-- Per commune: when data last arrived, and the last week with a report (default period).
CREATE TABLE agg_communes (
  commune_id TEXT PRIMARY KEY,
  last_received_at TEXT,
  last_week TEXT
);

-- Per commune × calendar month summaries of the logs a rollup above a commune counts (issue 10): with
-- them and 0030's, a district, province or national rollup reads O(communes × months) rows for
-- population changes, ad-hoc reports and evaluations too, never a row per team and day. Built from
-- agg_changes, agg_adhoc and agg_evaluations at ingest, in the same batch, whenever those are rebuilt
-- (worker/src/aggregates/log-summaries.ts); read by worker/src/rollup/log-rows.ts. The commune's own
-- pages and drill-downs keep reading the per-team tables.

-- Population changes per month (of change_date): changes and people per type (shared/enums.ts CHANGE_TYPES,
-- a column pair each), and how many teams of the register had changes, and of them teams whose village has
-- the ethnic task (a team with changes is shown, and its village's ethnic task counts).
CREATE TABLE agg_commune_changes (
  commune_id TEXT NOT NULL,
  month TEXT NOT NULL,                  -- '2022-01'
  birth_events INTEGER NOT NULL,
  birth_people INTEGER NOT NULL,
  death_events INTEGER NOT NULL,
  death_people INTEGER NOT NULL,
  move_in_events INTEGER NOT NULL,
  move_in_people INTEGER NOT NULL,
  move_out_events INTEGER NOT NULL,
  move_out_people INTEGER NOT NULL,
  split_events INTEGER NOT NULL,
  split_people INTEGER NOT NULL,
  merge_events INTEGER NOT NULL,
  merge_people INTEGER NOT NULL,
  teams_changed INTEGER NOT NULL,
  ethnic_teams_changed INTEGER NOT NULL,
  PRIMARY KEY (commune_id, month)
);

-- Ad-hoc reports per month (of report_date): how many, and per area, urgency and status (shared/enums.ts,
-- a column each).
CREATE TABLE agg_commune_adhoc (
  commune_id TEXT NOT NULL,
  month TEXT NOT NULL,
  n INTEGER NOT NULL,
  area_covid INTEGER NOT NULL,
  area_antt INTEGER NOT NULL,
  area_env INTEGER NOT NULL,
  area_ethnic INTEGER NOT NULL,
  urgency_normal INTEGER NOT NULL,
  urgency_urgent INTEGER NOT NULL,
  urgency_critical INTEGER NOT NULL,
  status_open INTEGER NOT NULL,
  status_in_progress INTEGER NOT NULL,
  status_resolved INTEGER NOT NULL,
  PRIMARY KEY (commune_id, month)
);

-- Evaluations per period and rating: teams rated, and of them proposed for commendation.
CREATE TABLE agg_commune_evaluations (
  commune_id TEXT NOT NULL,
  period TEXT NOT NULL,
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  rating TEXT NOT NULL,
  n INTEGER NOT NULL,
  commendations INTEGER NOT NULL,
  PRIMARY KEY (commune_id, period, rating)
);

-- Fill them for the data already stored (the statements of worker/src/aggregates/log-summaries.ts for
-- every commune).
INSERT INTO agg_commune_changes (commune_id, month, birth_events, birth_people, death_events, death_people, move_in_events, move_in_people, move_out_events, move_out_people, split_events, split_people, merge_events, merge_people, teams_changed, ethnic_teams_changed)
  SELECT c.commune_id, substr(c.change_date, 1, 7), sum(CASE WHEN c.change_type = 'birth' THEN c.events ELSE 0 END), sum(CASE WHEN c.change_type = 'birth' THEN c.people ELSE 0 END), sum(CASE WHEN c.change_type = 'death' THEN c.events ELSE 0 END), sum(CASE WHEN c.change_type = 'death' THEN c.people ELSE 0 END), sum(CASE WHEN c.change_type = 'move_in' THEN c.events ELSE 0 END), sum(CASE WHEN c.change_type = 'move_in' THEN c.people ELSE 0 END), sum(CASE WHEN c.change_type = 'move_out' THEN c.events ELSE 0 END), sum(CASE WHEN c.change_type = 'move_out' THEN c.people ELSE 0 END), sum(CASE WHEN c.change_type = 'split' THEN c.events ELSE 0 END), sum(CASE WHEN c.change_type = 'split' THEN c.people ELSE 0 END), sum(CASE WHEN c.change_type = 'merge' THEN c.events ELSE 0 END), sum(CASE WHEN c.change_type = 'merge' THEN c.people ELSE 0 END),
  count(DISTINCT t.team_code), count(DISTINCT CASE WHEN t.ethnic_identity <> 0 THEN t.team_code END)
  FROM agg_changes c LEFT JOIN agg_teams t ON t.commune_id = c.commune_id AND t.team_code = c.team_code
  WHERE 1 = 1 GROUP BY c.commune_id, substr(c.change_date, 1, 7);

INSERT INTO agg_commune_adhoc (commune_id, month, n, area_covid, area_antt, area_env, area_ethnic, urgency_normal, urgency_urgent, urgency_critical, status_open, status_in_progress, status_resolved)
  SELECT commune_id, substr(report_date, 1, 7), sum(n), sum(CASE WHEN area = 'covid' THEN n ELSE 0 END), sum(CASE WHEN area = 'antt' THEN n ELSE 0 END), sum(CASE WHEN area = 'env' THEN n ELSE 0 END), sum(CASE WHEN area = 'ethnic' THEN n ELSE 0 END), sum(CASE WHEN urgency = 'normal' THEN n ELSE 0 END), sum(CASE WHEN urgency = 'urgent' THEN n ELSE 0 END), sum(CASE WHEN urgency = 'critical' THEN n ELSE 0 END), sum(CASE WHEN status = 'open' THEN n ELSE 0 END), sum(CASE WHEN status = 'in_progress' THEN n ELSE 0 END), sum(CASE WHEN status = 'resolved' THEN n ELSE 0 END)
  FROM agg_adhoc WHERE 1 = 1 GROUP BY commune_id, substr(report_date, 1, 7);

INSERT INTO agg_commune_evaluations (commune_id, period, period_start, period_end, rating, n, commendations)
  SELECT commune_id, period, period_start, period_end, rating, count(*), sum(commendation)
  FROM agg_evaluations WHERE 1 = 1 GROUP BY commune_id, period, period_start, period_end, rating;


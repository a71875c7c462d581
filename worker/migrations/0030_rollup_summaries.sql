-- Flat summaries for rollups above a commune (issue 10): per team × month, per commune × month and the
-- commune's teams grouped by founding and dissolution ("cohorts"), so a district, province or national
-- rollup reads O(communes × months) rows, never one row per team and week. Maintained at ingest in the
-- same batch as everything else (worker/src/aggregates/summaries.ts); agg_team_weeks stays for the
-- commune's drill-down. A month is the month of a week's Sunday (shared/periods.ts weeksInPeriod), so
-- months add up to quarters, halves and years exactly. The weekly counts' sums are columns per commune ×
-- month, as in agg_team_weeks (shared/weekly-counts.ts; a new count adds its column to both).

-- One row per team × month with reports: reports, those in the team's life (founded … dissolved:
-- `received`) and of them on time (the expected weeks follow from the team's dates: agg_team_cohorts).
CREATE TABLE agg_team_months (
  commune_id TEXT NOT NULL,
  team_code TEXT NOT NULL,
  month TEXT NOT NULL,                  -- '2022-01'
  reports INTEGER NOT NULL,
  received INTEGER NOT NULL,
  on_time INTEGER NOT NULL,
  PRIMARY KEY (commune_id, month, team_code)
);

-- The register's teams grouped by (founded_on, dissolved_on): the register figures and team codes of
-- each group. A rollup works out expected weeks once per group.
CREATE TABLE agg_team_cohorts (
  commune_id TEXT NOT NULL,
  founded_on TEXT NOT NULL,
  dissolved_on TEXT NOT NULL,           -- '' when not dissolved
  teams INTEGER NOT NULL,
  codes TEXT NOT NULL,                  -- JSON array of team codes, in order
  ethnic TEXT NOT NULL,                 -- per team in that order: '1' the village has the ethnic task
  members INTEGER NOT NULL,
  households INTEGER NOT NULL,
  people INTEGER NOT NULL,
  zalo_households INTEGER NOT NULL,
  zalo_known INTEGER NOT NULL,
  outside_range INTEGER NOT NULL,       -- teams with fewer than 30 or more than 50 households
  PRIMARY KEY (commune_id, founded_on, dissolved_on)
);

-- One row per commune × month with reports of teams in its register: the month's sums (the ethnic
-- counts of teams whose village has the ethnic task only; columns, since a rollup sums them), and `team_received`: one digit per team of
-- the register (cohorts in order, codes in order) — its reports in its life that month — so a rollup
-- counts the teams with a missing report without reading any team.
CREATE TABLE agg_commune_months (
  commune_id TEXT NOT NULL,
  month TEXT NOT NULL,
  reports INTEGER NOT NULL,
  received INTEGER NOT NULL,
  on_time INTEGER NOT NULL,
  ethnic_reports INTEGER NOT NULL,      -- reports of teams whose village has the ethnic task
  team_received TEXT NOT NULL,
  -- The weekly counts summed, a column each as in agg_team_weeks (a rollup sums them over months):
  broadcasts INTEGER NOT NULL DEFAULT 0,
  zalo_posts INTEGER NOT NULL DEFAULT 0,
  households_visited INTEGER NOT NULL DEFAULT 0,
  covid_new_cases INTEGER NOT NULL DEFAULT 0,
  covid_violations INTEGER NOT NULL DEFAULT 0,
  covid_vaccination INTEGER NOT NULL DEFAULT 0,
  antt_incidents INTEGER NOT NULL DEFAULT 0,
  antt_disputes_mediated INTEGER NOT NULL DEFAULT 0,
  antt_police_reports INTEGER NOT NULL DEFAULT 0,
  env_violations INTEGER NOT NULL DEFAULT 0,
  env_cleanups INTEGER NOT NULL DEFAULT 0,
  env_waste_sorting INTEGER NOT NULL DEFAULT 0,
  ethnic_activities INTEGER NOT NULL DEFAULT 0,
  ethnic_participants INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (commune_id, month)
);

-- Meetings per commune × calendar month × kind, and `team_held`: per team of the register (same
-- order) '1' when it held a meeting of that kind that month (the periodic-meeting check, rollup/meetings.ts).
CREATE TABLE agg_commune_meetings (
  commune_id TEXT NOT NULL,
  month TEXT NOT NULL,
  kind TEXT NOT NULL,
  n INTEGER NOT NULL,
  members_present INTEGER NOT NULL,
  team_held TEXT NOT NULL,
  PRIMARY KEY (commune_id, month, kind)
);

-- Fill the summaries for the data already stored (the same statements as worker/src/aggregates/summaries.ts
-- builds for one commune, over every commune; generated from it with the counts of today).
INSERT INTO agg_team_months (commune_id, team_code, month, reports, received, on_time)
  SELECT commune_id, team_code, month, count(*), sum(life), sum(life * on_time)
  FROM (SELECT w.commune_id, w.team_code, w.on_time, substr(date(date(substr(w.week, 1, 4) || '-01-04', '-' || ((CAST(strftime('%w', substr(w.week, 1, 4) || '-01-04') AS INTEGER) + 6) % 7) || ' days', '+' || (CAST(substr(w.week, 7) AS INTEGER) * 7) || ' days'), '-1 day'), 1, 7) AS month,
  CASE WHEN t.team_code IS NOT NULL AND date(date(substr(w.week, 1, 4) || '-01-04', '-' || ((CAST(strftime('%w', substr(w.week, 1, 4) || '-01-04') AS INTEGER) + 6) % 7) || ' days', '+' || (CAST(substr(w.week, 7) AS INTEGER) * 7) || ' days'), '-1 day') >= t.founded_on
  AND (coalesce(t.dissolved_on, '') = '' OR date(date(substr(w.week, 1, 4) || '-01-04', '-' || ((CAST(strftime('%w', substr(w.week, 1, 4) || '-01-04') AS INTEGER) + 6) % 7) || ' days', '+' || (CAST(substr(w.week, 7) AS INTEGER) * 7) || ' days'), '-7 days') < t.dissolved_on) THEN 1 ELSE 0 END AS life
  FROM agg_team_weeks w LEFT JOIN agg_teams t ON t.commune_id = w.commune_id AND t.team_code = w.team_code
  WHERE 1 = 1)
  GROUP BY commune_id, team_code, month;

INSERT INTO agg_team_cohorts (commune_id, founded_on, dissolved_on, teams, codes, ethnic, members, households, people,
  zalo_households, zalo_known, outside_range)
  SELECT commune_id, founded_on, coalesce(dissolved_on, ''), count(*), json_group_array(team_code ORDER BY team_code),
  group_concat(CASE WHEN ethnic_identity <> 0 THEN '1' ELSE '0' END, '' ORDER BY team_code),
  sum(members), sum(households), sum(people), sum(zalo_households), sum(zalo_known),
  sum(households < 30 OR households > 50)
  FROM agg_teams WHERE 1 = 1
  GROUP BY commune_id, founded_on, coalesce(dissolved_on, '');

INSERT INTO agg_commune_months (commune_id, month, reports, received, on_time, ethnic_reports, team_received, broadcasts, zalo_posts, households_visited, covid_new_cases, covid_violations, covid_vaccination, antt_incidents, antt_disputes_mediated, antt_police_reports, env_violations, env_cleanups, env_waste_sorting, ethnic_activities, ethnic_participants)
  SELECT g.commune_id, g.month, g.reports, g.received, g.on_time, g.ethnic_reports,
  coalesce((SELECT group_concat(coalesce(x.received, 0), '' ORDER BY t2.founded_on, coalesce(t2.dissolved_on, ''), t2.team_code) FROM agg_teams t2
  LEFT JOIN agg_team_months x ON x.commune_id = t2.commune_id AND x.team_code = t2.team_code AND x.month = g.month
  WHERE t2.commune_id = g.commune_id), ''), coalesce(s.broadcasts, 0), coalesce(s.zalo_posts, 0), coalesce(s.households_visited, 0), coalesce(s.covid_new_cases, 0), coalesce(s.covid_violations, 0), coalesce(s.covid_vaccination, 0), coalesce(s.antt_incidents, 0), coalesce(s.antt_disputes_mediated, 0), coalesce(s.antt_police_reports, 0), coalesce(s.env_violations, 0), coalesce(s.env_cleanups, 0), coalesce(s.env_waste_sorting, 0), coalesce(s.ethnic_activities, 0), coalesce(s.ethnic_participants, 0)
  FROM (SELECT m.commune_id, m.month, sum(m.reports) AS reports, sum(m.received) AS received, sum(m.on_time) AS on_time,
  sum(CASE WHEN t.ethnic_identity <> 0 THEN m.reports ELSE 0 END) AS ethnic_reports
  FROM agg_team_months m JOIN agg_teams t ON t.commune_id = m.commune_id AND t.team_code = m.team_code
  WHERE 1 = 1
  GROUP BY m.commune_id, m.month) g
  JOIN (SELECT w.commune_id, substr(date(date(substr(w.week, 1, 4) || '-01-04', '-' || ((CAST(strftime('%w', substr(w.week, 1, 4) || '-01-04') AS INTEGER) + 6) % 7) || ' days', '+' || (CAST(substr(w.week, 7) AS INTEGER) * 7) || ' days'), '-1 day'), 1, 7) AS month, sum(w.broadcasts) AS broadcasts, sum(w.zalo_posts) AS zalo_posts, sum(w.households_visited) AS households_visited, sum(w.covid_new_cases) AS covid_new_cases, sum(w.covid_violations) AS covid_violations, sum(w.covid_vaccination) AS covid_vaccination, sum(w.antt_incidents) AS antt_incidents, sum(w.antt_disputes_mediated) AS antt_disputes_mediated, sum(w.antt_police_reports) AS antt_police_reports, sum(w.env_violations) AS env_violations, sum(w.env_cleanups) AS env_cleanups, sum(w.env_waste_sorting) AS env_waste_sorting, sum(CASE WHEN t.ethnic_identity <> 0 THEN w.ethnic_activities ELSE 0 END) AS ethnic_activities, sum(CASE WHEN t.ethnic_identity <> 0 THEN w.ethnic_participants ELSE 0 END) AS ethnic_participants
  FROM agg_team_weeks w JOIN agg_teams t ON t.commune_id = w.commune_id AND t.team_code = w.team_code
  WHERE 1 = 1
  GROUP BY w.commune_id, substr(date(date(substr(w.week, 1, 4) || '-01-04', '-' || ((CAST(strftime('%w', substr(w.week, 1, 4) || '-01-04') AS INTEGER) + 6) % 7) || ' days', '+' || (CAST(substr(w.week, 7) AS INTEGER) * 7) || ' days'), '-1 day'), 1, 7)) s ON s.commune_id = g.commune_id AND s.month = g.month;

INSERT INTO agg_commune_meetings (commune_id, month, kind, n, members_present, team_held)
  SELECT g.commune_id, g.month, g.kind, g.n, g.members_present,
  coalesce((SELECT group_concat(CASE WHEN EXISTS (SELECT 1 FROM agg_meetings x WHERE x.commune_id = t2.commune_id
  AND x.team_code = t2.team_code AND x.kind = g.kind AND x.meeting_date BETWEEN g.month || '-01' AND g.month || '-31')
  THEN '1' ELSE '0' END, '' ORDER BY t2.founded_on, coalesce(t2.dissolved_on, ''), t2.team_code) FROM agg_teams t2 WHERE t2.commune_id = g.commune_id), '')
  FROM (SELECT commune_id, substr(meeting_date, 1, 7) AS month, kind, sum(n) AS n, sum(members_present) AS members_present
  FROM agg_meetings WHERE 1 = 1 GROUP BY commune_id, substr(meeting_date, 1, 7), kind) g;


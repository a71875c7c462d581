-- Per commune × calendar month summaries of the logs a rollup above a commune counts (issue 10): with
-- them and 0030's, a district, province or national rollup reads O(communes × months) rows for
-- population changes, ad-hoc reports and evaluations too, never a row per team and day. Built from
-- agg_changes, agg_adhoc and agg_evaluations at ingest, in the same batch, whenever those are rebuilt
-- (worker/src/aggregates/log-summaries.ts); read by worker/src/rollup/log-rows.ts. The commune's own
-- pages and drill-downs keep reading the per-team tables.

-- Population changes per month (of change_date), packed as 'type:events:people' joined by ';', and
-- `team_changed`: per team of the register (agg_commune_months' order) '1' when it had a change that month
-- (a team with changes is shown, and its village's ethnic task counts).
CREATE TABLE agg_commune_changes (
  commune_id TEXT NOT NULL,
  month TEXT NOT NULL,                  -- '2022-01'
  counts TEXT NOT NULL,
  team_changed TEXT NOT NULL,
  PRIMARY KEY (commune_id, month)
);

-- Ad-hoc reports per month (of report_date): how many, and packed in `counts` how many per area, urgency
-- and status ('a.antt:2;a.env:1;u.normal:3;s.open:1;s.resolved:2').
CREATE TABLE agg_commune_adhoc (
  commune_id TEXT NOT NULL,
  month TEXT NOT NULL,
  n INTEGER NOT NULL,
  counts TEXT NOT NULL,
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
INSERT INTO agg_commune_changes (commune_id, month, counts, team_changed)
  SELECT g.commune_id, g.month, g.counts,
  coalesce((SELECT group_concat(CASE WHEN EXISTS (SELECT 1 FROM agg_changes x WHERE x.commune_id = t2.commune_id
  AND x.team_code = t2.team_code AND x.change_date BETWEEN g.month || '-01' AND g.month || '-31')
  THEN '1' ELSE '0' END, '' ORDER BY t2.founded_on, coalesce(t2.dissolved_on, ''), t2.team_code) FROM agg_teams t2 WHERE t2.commune_id = g.commune_id), '')
  FROM (SELECT commune_id, month, group_concat(change_type || ':' || events || ':' || people, ';') AS counts
  FROM (SELECT commune_id, substr(change_date, 1, 7) AS month, change_type, sum(events) AS events, sum(people) AS people
  FROM agg_changes WHERE 1 = 1 GROUP BY commune_id, substr(change_date, 1, 7), change_type)
  GROUP BY commune_id, month) g;

INSERT INTO agg_commune_adhoc (commune_id, month, n, counts)
  SELECT commune_id, month, sum(CASE WHEN substr(k, 1, 2) = 'a.' THEN n ELSE 0 END), group_concat(k || ':' || n, ';')
  FROM (SELECT commune_id, substr(report_date, 1, 7) AS month, 'a.' || area AS k, sum(n) AS n
  FROM agg_adhoc WHERE 1 = 1 GROUP BY commune_id, substr(report_date, 1, 7), area UNION ALL SELECT commune_id, substr(report_date, 1, 7) AS month, 'u.' || urgency AS k, sum(n) AS n
  FROM agg_adhoc WHERE 1 = 1 GROUP BY commune_id, substr(report_date, 1, 7), urgency UNION ALL SELECT commune_id, substr(report_date, 1, 7) AS month, 's.' || status AS k, sum(n) AS n
  FROM agg_adhoc WHERE 1 = 1 GROUP BY commune_id, substr(report_date, 1, 7), status)
  GROUP BY commune_id, month;

INSERT INTO agg_commune_evaluations (commune_id, period, period_start, period_end, rating, n, commendations)
  SELECT commune_id, period, period_start, period_end, rating, count(*), sum(commendation)
  FROM agg_evaluations WHERE 1 = 1 GROUP BY commune_id, period, period_start, period_end, rating;


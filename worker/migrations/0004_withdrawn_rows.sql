-- Dân Vận D1 schema, part 4: a commune can take a log row back, and aggregates hold no commune text.
--
-- A log row (population change, weekly, ad-hoc report, meeting, evaluation, milestone) that the
-- commune removed from a sheet it sent is marked withdrawn (the instant of that submission): it leaves
-- every page and every count (the aggregates skip it), its versions stay in `revisions`, and it
-- comes back as an update if the commune sends it again (worker/src/ingest/plan.ts).
ALTER TABLE changes ADD COLUMN withdrawn_at TEXT;
ALTER TABLE weekly_reports ADD COLUMN withdrawn_at TEXT;
ALTER TABLE adhoc_reports ADD COLUMN withdrawn_at TEXT;
ALTER TABLE meetings ADD COLUMN withdrawn_at TEXT;
ALTER TABLE evaluations ADD COLUMN withdrawn_at TEXT;
ALTER TABLE milestones ADD COLUMN withdrawn_at TEXT;

-- District and province links show milestones by code with the plan's own titles
-- (shared/periods.ts PLAN_MILESTONES); the title a commune typed is read from `milestones` on its own
-- link only. The aggregate table keeps no free text.
ALTER TABLE agg_milestones DROP COLUMN title;

-- Dân Vận D1 schema, 0015: the plan's steering bodies and the evaluation drafts (issue 14).

-- The commune's Ban Chỉ đạo (sheet "Ban Chỉ đạo", shared/templates.ts steeringSheet): a roster,
-- replaced whole by a submission that carries the sheet, left as it is by one that does not (an
-- add-on set up before the sheet existed). Names and phones are shown on the commune's own (detail)
-- link only.
CREATE TABLE steering_members (
  commune_id TEXT NOT NULL REFERENCES units(id),
  member_no INTEGER NOT NULL,
  full_name TEXT NOT NULL,
  current_position TEXT,
  seat TEXT NOT NULL,                  -- shared/enums.ts STEERING_SEATS
  role TEXT NOT NULL CHECK (role IN ('head','deputy','member')),
  phone TEXT,
  note TEXT,
  PRIMARY KEY (commune_id, full_name)
);

-- Its composition without names, for district and province links: members per role × seat, rebuilt
-- from steering_members at the end of each ingest batch (worker/src/aggregates/steering.ts).
CREATE TABLE agg_steering (
  commune_id TEXT NOT NULL,
  role TEXT NOT NULL,
  seat TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (commune_id, role, seat)
);

-- The Tổ hướng dẫn và giám sát of the unit that supervises the communes (the district in the
-- pilot; after the 2025 reform, a province). No commune workbook holds it: the supervising office
-- sends it (POST /api/admin/guidance-teams, worker/src/admin/guidance.ts), replaced whole per unit.
CREATE TABLE guidance_members (
  unit_id TEXT NOT NULL REFERENCES units(id),
  member_no INTEGER NOT NULL,
  full_name TEXT NOT NULL,
  current_position TEXT,
  seat TEXT NOT NULL,                  -- shared/enums.ts GUIDANCE_SEATS
  role TEXT NOT NULL CHECK (role IN ('head','member')),
  phone TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (unit_id, member_no)
);

-- Evaluation drafts (add-on "Dự thảo đánh giá"): the suggested rating and its reasons in words.
-- The reasons are commune text: commune (detail) links only; agg_evaluations is unchanged.
ALTER TABLE evaluations ADD COLUMN suggested_rating TEXT;
ALTER TABLE evaluations ADD COLUMN suggestion_reasons TEXT;

-- Dân Vận D1 schema, 0010: whether a household is in its team's Zalo group may be unknown
-- ("Chưa rõ", shared/unknown.ts): the lists communes kept before never recorded it (issue 17).
-- households.in_zalo: 1 yes, 0 no, NULL unknown. SQLite cannot drop a NOT NULL in place, so a new
-- column takes the values, the old one is dropped and the new one takes its name: no table
-- rebuild, so columns other migrations add to households are kept.
ALTER TABLE households ADD COLUMN in_zalo_answer INTEGER;
UPDATE households SET in_zalo_answer = in_zalo;
ALTER TABLE households DROP COLUMN in_zalo;
ALTER TABLE households RENAME COLUMN in_zalo_answer TO in_zalo;

-- Zalo shares are over the households whose answer is known (until now, all of them).
ALTER TABLE agg_teams ADD COLUMN zalo_known INTEGER NOT NULL DEFAULT 0;
UPDATE agg_teams SET zalo_known = households;

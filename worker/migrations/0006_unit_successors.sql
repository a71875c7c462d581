-- Units of the whole country (shared/data/vn, loaded by `npm run units:load`): what the 2025
-- conversion table says beyond successor_ids, and an index from a unit to the units merged into it.
--   partial_successor_ids: JSON array, the successors that took in only part of the unit ("Nhập một
--     phần"); a village of such a commune is mapped to one of them.
--   successor_unknown: 1 when the unit ended and the sources do not say what it became.
ALTER TABLE units ADD COLUMN partial_successor_ids TEXT NOT NULL DEFAULT '[]';
ALTER TABLE units ADD COLUMN successor_unknown INTEGER NOT NULL DEFAULT 0;

-- One row per successor link, derived from units by the triggers below whoever writes units: a rollup
-- finds the units merged into another by index (unit_successors_successor) instead of reading the
-- successor_ids JSON of every unit (≈15,000 of the country's units have successors).
CREATE TABLE unit_successors (
  unit_id TEXT NOT NULL,
  successor_id TEXT NOT NULL,
  part INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (unit_id, successor_id)
) WITHOUT ROWID;
CREATE INDEX unit_successors_successor ON unit_successors(successor_id);

CREATE TRIGGER units_successors_insert AFTER INSERT ON units BEGIN
  INSERT OR IGNORE INTO unit_successors (unit_id, successor_id, part)
    SELECT NEW.id, s.value, EXISTS (SELECT 1 FROM json_each(NEW.partial_successor_ids) p WHERE p.value = s.value)
    FROM json_each(NEW.successor_ids) s;
END;

CREATE TRIGGER units_successors_update AFTER UPDATE OF successor_ids, partial_successor_ids ON units BEGIN
  DELETE FROM unit_successors WHERE unit_id = OLD.id;
  INSERT OR IGNORE INTO unit_successors (unit_id, successor_id, part)
    SELECT NEW.id, s.value, EXISTS (SELECT 1 FROM json_each(NEW.partial_successor_ids) p WHERE p.value = s.value)
    FROM json_each(NEW.successor_ids) s;
END;

CREATE TRIGGER units_successors_delete AFTER DELETE ON units BEGIN
  DELETE FROM unit_successors WHERE unit_id = OLD.id;
END;

INSERT OR IGNORE INTO unit_successors (unit_id, successor_id, part)
  SELECT units.id, s.value, 0 FROM units, json_each(units.successor_ids) s;

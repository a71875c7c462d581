-- Migration number: 0040 	 The unit data's version, so a worker isolate may keep a loaded unit tree
-- (worker/src/rollup/tree-cache.ts) until the units change. A random token, not a counter: a database
-- restored to an earlier state (tests' isolated storage) or another database never shows a version
-- it did not have with the same units. Triggers bump it on every write to the tables a unit tree reads
-- (units, unit_successors, village_successors), whoever writes; an upsert that changes nothing writes
-- no row (worker/src/db/units.ts) and so keeps the version.
CREATE TABLE unit_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version TEXT NOT NULL
);
INSERT INTO unit_version (id, version) VALUES (1, lower(hex(randomblob(16))));

CREATE TRIGGER unit_version_units_insert AFTER INSERT ON units BEGIN
  UPDATE unit_version SET version = lower(hex(randomblob(16)));
END;
CREATE TRIGGER unit_version_units_update AFTER UPDATE ON units BEGIN
  UPDATE unit_version SET version = lower(hex(randomblob(16)));
END;
CREATE TRIGGER unit_version_units_delete AFTER DELETE ON units BEGIN
  UPDATE unit_version SET version = lower(hex(randomblob(16)));
END;
CREATE TRIGGER unit_version_successors_insert AFTER INSERT ON unit_successors BEGIN
  UPDATE unit_version SET version = lower(hex(randomblob(16)));
END;
CREATE TRIGGER unit_version_successors_update AFTER UPDATE ON unit_successors BEGIN
  UPDATE unit_version SET version = lower(hex(randomblob(16)));
END;
CREATE TRIGGER unit_version_successors_delete AFTER DELETE ON unit_successors BEGIN
  UPDATE unit_version SET version = lower(hex(randomblob(16)));
END;
CREATE TRIGGER unit_version_villages_insert AFTER INSERT ON village_successors BEGIN
  UPDATE unit_version SET version = lower(hex(randomblob(16)));
END;
CREATE TRIGGER unit_version_villages_update AFTER UPDATE ON village_successors BEGIN
  UPDATE unit_version SET version = lower(hex(randomblob(16)));
END;
CREATE TRIGGER unit_version_villages_delete AFTER DELETE ON village_successors BEGIN
  UPDATE unit_version SET version = lower(hex(randomblob(16)));
END;

-- Village-level successors of the 2025 reform's partial merges (issue 9 item 3). The conversion table
-- says which new communes each took part of an old one ("Nhập một phần": unit_successors.part = 1),
-- not which villages went where; this table says it, village by village, once the commune's clerk
-- ("Chuyển đổi thôn" in the add-on) or an operator (admin API) has confirmed it.
--   commune_id    the unit that was split (the conversion's old unit, several successor_ids); the
--                 mapping also holds for the earlier versions of that commune (the same register)
--   village_code  the village's code in the commune's own register (villages.village_code)
--   successor_id  one of the commune's successor_ids: checked by the worker before writing
-- A village without a row is "not known yet": rollups in current mode show its data under
-- "Chưa xác định đơn vị mới", never under one of the successors. Like `units`, this is unit data:
-- it stays beside `units` when commune data is sharded by province.
CREATE TABLE village_successors (
  commune_id TEXT NOT NULL REFERENCES units(id),
  village_code TEXT NOT NULL,
  successor_id TEXT NOT NULL REFERENCES units(id),
  set_by TEXT NOT NULL,                -- 'commune' (the clerk's add-on) or 'admin'
  set_at TEXT NOT NULL,                -- ISO instant
  PRIMARY KEY (commune_id, village_code)
) WITHOUT ROWID;
CREATE INDEX village_successors_successor ON village_successors(successor_id);

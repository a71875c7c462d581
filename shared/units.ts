/**
 * Administrative units as data: province → (district) → commune → village, each version with its
 * validity interval and successors. GSO codes are reused by successor units (Bắc Ninh kept 24
 * when Bắc Giang merged into it on 1 July 2025), so a unit is identified by `id`, never by code.
 * A merge adds new unit versions and closes old ones; nothing is rewritten, so a report filed under
 * an old unit rolls up both "as it was" and under today's successor. Since 1 July 2025 the tree has
 * two levels (province → commune → village): the logic never assumes a district exists.
 *
 * Dates are "yyyy-MM-dd" strings (calendar days in Vietnam), compared as strings. The unit itself,
 * the lookups and the consistency check are in ./units/.
 */
export { UnitRegistry } from "./units/registry";
export {
  isValidOn,
  type RollupMode,
  UNIT_CODE_PATTERNS,
  UNIT_LEVELS,
  type Unit,
  type UnitLevel,
  unitId,
  unitLabel,
  unitSchema,
} from "./units/unit";
export { validateUnits } from "./units/validate";

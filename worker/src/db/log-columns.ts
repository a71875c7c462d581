/**
 * The vocabulary columns of agg_commune_changes and agg_commune_adhoc (0041_log_summaries.sql): a pair
 * per change type, a column per ad-hoc area, urgency and status (shared/enums.ts). Written by
 * ../aggregates/log-summaries.ts and read by ../rollup/log-rows.ts, so both take them from here; a new
 * vocabulary key needs a migration adding its column (tests/worker/log-rows.node.test.ts checks 0041).
 */
import { ADHOC_STATUSES, CHANGE_TYPES, TASK_AREAS, URGENCIES } from "../../../shared/enums";

export const LOG_COLUMNS = {
  changes: Object.keys(CHANGE_TYPES).flatMap((t) => [`${t}_events`, `${t}_people`]),
  adhoc: [
    ...Object.keys(TASK_AREAS).map((k) => `area_${k}`),
    ...Object.keys(URGENCIES).map((k) => `urgency_${k}`),
    ...Object.keys(ADHOC_STATUSES).map((k) => `status_${k}`),
  ],
};

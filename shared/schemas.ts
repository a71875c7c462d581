/**
 * Zod schemas of the domain — the one source of truth; types are inferred from them.
 * Row schemas come from the template specs (./templates); the submission envelope wraps them.
 */

import type { ColumnSpec } from "./cells";
import { deletionCountsSchema } from "./contract";
import { type Columns, SHEET_KEYS, SHEETS, type SheetKey, type SheetSpec } from "./templates";
import * as z from "./zod-vi";

/** Row schema of a sheet: its columns' schemas plus `_row`, the sheet row the values came from. */
export function rowSchemaOf<C extends Columns>(spec: Pick<SheetSpec<string, C>, "columns">) {
  const shape = Object.fromEntries(Object.entries(spec.columns).map(([k, c]) => [k, (c as ColumnSpec).schema])) as {
    [P in keyof C]: C[P]["schema"];
  };
  return z.strictObject({ ...shape, _row: z.number().int().min(1).optional() });
}

/** Every sheet's row schema, derived from SHEETS: a new sheet needs no line here. */
export const ROW_SCHEMAS = Object.fromEntries(SHEET_KEYS.map((k) => [k, rowSchemaOf<Columns>(SHEETS[k])])) as unknown as {
  [K in SheetKey]: ReturnType<typeof rowSchemaOf<(typeof SHEETS)[K]["columns"]>>;
};

export const villageSchema = ROW_SCHEMAS.villages;
export const teamSchema = ROW_SCHEMAS.teams;
export const memberSchema = ROW_SCHEMAS.members;
export const householdSchema = ROW_SCHEMAS.households;
export const changeSchema = ROW_SCHEMAS.changes;
export const weeklyReportSchema = ROW_SCHEMAS.weekly;
export const adhocReportSchema = ROW_SCHEMAS.adhoc;
export const meetingSchema = ROW_SCHEMAS.meetings;
export const evaluationSchema = ROW_SCHEMAS.evaluations;
export const milestoneSchema = ROW_SCHEMAS.milestones;
export const steeringMemberSchema = ROW_SCHEMAS.steering;

export type Village = z.output<typeof villageSchema>;
export type Team = z.output<typeof teamSchema>;
export type Member = z.output<typeof memberSchema>;
export type Household = z.output<typeof householdSchema>;
export type PopulationChange = z.output<typeof changeSchema>;
export type WeeklyReport = z.output<typeof weeklyReportSchema>;
export type AdhocReport = z.output<typeof adhocReportSchema>;
export type Meeting = z.output<typeof meetingSchema>;
export type Evaluation = z.output<typeof evaluationSchema>;
export type Milestone = z.output<typeof milestoneSchema>;
export type SteeringMember = z.output<typeof steeringMemberSchema>;

/** At most this many rows per sheet in one submission (a commune of ~50 teams × 50 households fits). */
export const MAX_ROWS_PER_SHEET = 20000;

/**
 * All sheets of a commune workbook. Missing sheets read as empty here; in an envelope a missing
 * register sheet is refused and a missing log sheet leaves that log as it is (../shared/envelope.ts).
 */
export const workbookSchema = z.strictObject(
  Object.fromEntries(Object.entries(ROW_SCHEMAS).map(([k, s]) => [k, z.array(s).max(MAX_ROWS_PER_SHEET).default([])])) as {
    [K in SheetKey]: z.ZodDefault<z.ZodArray<(typeof ROW_SCHEMAS)[K]>>;
  },
);
export type Workbook = z.output<typeof workbookSchema>;
/** A workbook as it may arrive: raw cells or already-normalised values. */
export type WorkbookInput = z.input<typeof workbookSchema>;

/**
 * Version of the envelope format. 2 adds `confirm_deletions`; 3 adds the steering committee sheet
 * (`steering`, a roster: left as it is when not sent) and the evaluation suggestion columns. Version-1
 * and -2 envelopes (older add-ons, which send every sheet they know) are still accepted. Older than MIN_SCHEMA_VERSION: 409
 * `stale_schema_version`; newer than SCHEMA_VERSION: 409 `schema_version_too_new`.
 */
export const SCHEMA_VERSION = 3;
export const MIN_SCHEMA_VERSION = 1;

/** A submission as the add-on sends it and the worker receives it. */
export const envelopeSchema = z.strictObject({
  schema_version: z.number().int(),
  commune_code: z.string().regex(/^\d{5}$/, { error: "Mã xã phải gồm 5 chữ số." }),
  commune_name: z.string().max(100).optional(),
  spreadsheet_id: z.string().min(1).max(200),
  submission_id: z.uuid({ error: "Mã lần gửi không hợp lệ." }),
  generated_at: z.iso.datetime({ offset: true, error: "Thời điểm tạo không hợp lệ." }),
  content_hash: z.string().regex(/^[0-9a-f]{64}$/, { error: "Mã băm nội dung không hợp lệ." }),
  sheets: workbookSchema,
  /**
   * The register deletions the clerk confirmed, exactly as the worker counted them in its
   * `confirm_deletions_required` refusal (shared/contract.ts). Not part of the content hash.
   */
  confirm_deletions: deletionCountsSchema.optional(),
});
export type Envelope = z.output<typeof envelopeSchema>;
export type EnvelopeInput = z.input<typeof envelopeSchema>;

/**
 * "Chốt số liệu kỳ": a commune closes a month or a quarter; the district accepts it (issue 13,
 * "Approval and locking", DHIS2's approve → accept kept simple:
 * https://docs.dhis2.org/en/use/user-guides/dhis-core-version-master/collecting-data/data-approval.html).
 * Here: which periods can be closed, how the clerk may write one, and the API's shapes, checked by
 * the add-on before sending and by the worker again (worker/src/closing/).
 */
import { type Period, parsePeriodKey } from "./periods";
import * as z from "./zod-vi";

/** Only months and quarters are closed; a half-year or a year is made of them. */
export const CLOSABLE_KINDS = ["month", "quarter"] as const;

/** A closing's state: closed by the commune, accepted by the district, or reopened (live figures again). */
export const CLOSING_STATES = { closed: "Đã chốt", accepted: "Đã chấp nhận", reopened: "Đã mở lại" } as const;
export type ClosingState = keyof typeof CLOSING_STATES;

/**
 * A month or a quarter from what a clerk types: the period keys ("2022-09", "2022-Q3") and the
 * Vietnamese ways of writing them ("09/2022", "tháng 9/2022", "quý III/2022", "Q3/2022").
 */
export function closablePeriod(input: string): Period | null {
  const s = input.normalize("NFC").trim().toLowerCase().replace(/\s+/g, " ");
  const roman: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
  let m = /^(?:tháng )?(\d{1,2})[/.-](\d{4})$/.exec(s);
  let key = m ? `${m[2]}-${m[1]!.padStart(2, "0")}` : s;
  m = /^(?:quý|q) ?(iv|iii|ii|i|[1-4])[/ -](\d{4})$/.exec(s);
  if (m) key = `${m[2]}-Q${roman[m[1]!] ?? m[1]}`;
  const p = parsePeriodKey(key);
  return p && (CLOSABLE_KINDS as readonly string[]).includes(p.kind) ? p : null;
}

export const PERIOD_NOT_CLOSABLE =
  'Kỳ chốt số liệu phải là một tháng hoặc một quý có thật, ví dụ "09/2022", "2022-09", "quý III/2022", "2022-Q3".';

/** Read with `closablePeriod` after the shape: a period that does not exist is a 400 `invalid_period`, not a 422. */
const periodField = z.string().trim().min(1).max(40);

/** `POST /api/closings` (commune token): close a period; `closed_by` is the clerk's name (else the token's label). */
export const closeRequestSchema = z.strictObject({
  period: periodField,
  closed_by: z.string().trim().min(1).max(120).optional(),
});
export type CloseRequest = z.output<typeof closeRequestSchema>;

/** `POST /api/closings/reopen` (commune token), and the district's accept / reopen. */
export const periodRequestSchema = z.strictObject({ period: periodField });

/** One period of a commune as the API answers it. */
export const closingSchema = z.strictObject({
  commune_id: z.string(),
  period: z.string(),
  label_vi: z.string(),
  state: z.enum(Object.keys(CLOSING_STATES) as [ClosingState, ...ClosingState[]]),
  closed_by: z.string(),
  closed_at: z.string(),
  accepted_by: z.string().nullable(),
  accepted_at: z.string().nullable(),
  /** The commune's latest accepted submission when it closed: the figures are those. */
  submission_id: z.string().nullable(),
});
export type Closing = z.output<typeof closingSchema>;

/** The answer of a close, reopen or accept: `changed` false when it was already so (nothing written). */
export const closingResultSchema = z.strictObject({ closing: closingSchema, changed: z.boolean() });
export type ClosingResult = z.output<typeof closingResultSchema>;

/** `GET /api/closings` (commune token): the commune's closed periods. */
export const closingListSchema = z.strictObject({ closings: z.array(closingSchema) });

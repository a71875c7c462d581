/** What the ingest (./ingest.ts) is asked to write; its own module so ./write.ts reads it without a cycle. */
import type { EnvelopeHead } from "../../../shared/envelope";
import type { Issue } from "../../../shared/issues";
import type { RuleOptions } from "../../../shared/rules/index";
import type { UnitValidity } from "../../../shared/rules/validity";
import type { PayloadRef } from "../db/payloads";
import type { CommuneState } from "./sheet-state";

export interface IngestRequest {
  /** The envelope, its head checked (shared/envelope.ts `checkEnvelopeHead`); its sheets are checked here. */
  head: EnvelopeHead;
  /** Today, for the rules. */
  rules: RuleOptions;
  /** The commune's validity: rows outside it are refused; with an end date the receipt says so (late corrections). */
  unit: UnitValidity;
  /** The request body exactly as received: put in `payloads` (R2) before the D1 batch (./ingest.ts). */
  payload: string;
  /** Where raw payloads go (wrangler.toml PAYLOADS; worker/src/db/payloads.ts). */
  payloads: R2Bucket;
  /** The put of `payload` into `payloads`, when already started (./accept.ts); else the ingest starts it. */
  put?: Promise<PayloadRef>;
  communeId: string;
  /** ISO instant; the import may set an earlier one. */
  receivedAt: string;
  /** audit_log actor: 'commune:<unit id>' or 'admin'. */
  actor: string;
  action: "submission" | "import";
  /** Extra facts for the audit_log row (e.g. that received_at was set by the admin). */
  audit?: Record<string, unknown>;
  /** The commune's version and states, already being read (./sheet-state.ts `readCommuneState`): the first plan starts from it. */
  state?: Promise<CommuneState>;
  /** Notices ahead of the check's warnings in the receipt (a late correction). */
  notices: Issue[];
}

/**
 * The ingest as route handlers call it: the domain returns a refusal (../ingest/refusal.ts), HTTP
 * throws it as an `ApiError`, which `handleError` (./errors.ts) answers with the contract's status and
 * error body.
 */
import { type AcceptRequest, accept } from "../ingest/accept";
import { type IngestRequest, type IngestResult, ingest } from "../ingest/ingest";
import type { Outcome, Refusal } from "../ingest/refusal";
import { ApiError } from "./errors";

export const refusalError = (r: Refusal) => new ApiError(r.code, r.message, r.details, r.extra);

/** The result of an outcome; its refusal thrown as an ApiError. */
export function orThrow<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw refusalError(outcome);
  const { ok: _, ...result } = outcome;
  return result as unknown as T;
}

/** `accept` (../ingest/accept.ts) for a route: a refusal thrown as an ApiError. */
export const acceptOrThrow = async (db: D1Database, req: AcceptRequest): Promise<IngestResult> => orThrow(await accept(db, req));

/** `ingest` (../ingest/ingest.ts) for a route: a refusal thrown as an ApiError. */
export const ingestOrThrow = async (db: D1Database, req: IngestRequest): Promise<IngestResult> => orThrow(await ingest(db, req));

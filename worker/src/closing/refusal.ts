/** A closing action's result: done, or refused with a contract code and a Vietnamese message (the HTTP side maps it). */
import type { ErrorCode } from "../../../shared/contract";
import type { Issue } from "../../../shared/issues";

export type Refused = { ok: false; code: ErrorCode; message: string; details: Issue[] };
export type Outcome<T> = ({ ok: true } & T) | Refused;

export const refuse = (code: ErrorCode, message: string, details: Issue[] = []): Refused => ({ ok: false, code, message, details });

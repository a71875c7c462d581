/**
 * Sending again to a busy worker, as its Retry-After says (pure; addon/src/gas/submission.ts waits):
 * a 503 (`busy`: another submission of the commune is being written) or
 * 429 with Retry-After is sent again after that many seconds, a few times, within a budget that keeps
 * a run well inside Apps Script's 6-minute limit (https://developers.google.com/apps-script/guides/services/quotas).
 */
export const BUSY_RETRY = {
  /** Requests in all, the first included. */
  attempts: 4,
  /** A Retry-After longer than this is not waited for: the clerk (or next week's trigger) sends again. */
  maxWaitSeconds: 60,
  /** Seconds of waiting in all, per submission. */
  budgetSeconds: 120,
} as const;

/** A response header by name, whatever its case (UrlFetchApp keeps the server's case). */
export function headerOf(headers: Record<string, unknown>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  const v = key === undefined ? undefined : headers[key];
  return Array.isArray(v) ? String(v[0]) : v === undefined ? undefined : String(v);
}

/**
 * Seconds to wait before sending again, or null when this answer is not one to wait for: only 503 and
 * 429 carrying Retry-After, as delta-seconds or an HTTP date (https://www.rfc-editor.org/rfc/rfc9110#field.retry-after),
 * at most `maxWaitSeconds` and within what is left of the budget.
 */
export function retryDelaySeconds(
  status: number,
  headers: Record<string, unknown>,
  waitedSeconds: number,
  now = new Date(),
): number | null {
  if (status !== 503 && status !== 429) return null;
  const value = headerOf(headers, "retry-after")?.trim();
  if (!value) return null;
  let seconds: number;
  if (/^\d+$/.test(value)) seconds = Number(value);
  else {
    const at = Date.parse(value);
    if (Number.isNaN(at)) return null;
    seconds = Math.max(0, Math.ceil((at - now.getTime()) / 1000));
  }
  if (seconds > BUSY_RETRY.maxWaitSeconds || waitedSeconds + seconds > BUSY_RETRY.budgetSeconds) return null;
  return seconds;
}

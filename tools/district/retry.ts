/**
 * Retries of Google and worker calls: exponential backoff with jitter (p-retry's `randomize`
 * multiplies each delay by a random 1–2) on what Google says to retry — 429, 5xx, Drive's 403
 * rate-limit reasons, network errors — and never on other answers, which are reported as they are.
 * https://developers.google.com/drive/api/guides/limits#exponential ·
 * https://developers.google.com/workspace/sheets/api/limits#exponential
 */
import pRetry from "p-retry";

export interface RetryPolicy {
  retries: number;
  minTimeoutMs: number;
  maxTimeoutMs: number;
}

/** Google's guidance: wait 1 s, 2 s, 4 s … with random milliseconds added, up to a minute. */
export const DEFAULT_RETRY: RetryPolicy = { retries: 8, minTimeoutMs: 1000, maxTimeoutMs: 64_000 };

const RATE_REASONS = new Set(["rateLimitExceeded", "userRateLimitExceeded", "sharingRateLimitExceeded", "backendError"]);

/** The HTTP status of a failed call (a GaxiosError or our worker error), or null for a network failure. */
export function statusOf(e: unknown): number | null {
  const x = e as { status?: unknown; response?: { status?: unknown }; code?: unknown };
  const s = x?.response?.status ?? x?.status;
  return typeof s === "number" ? s : null;
}

/** Drive's `errors[].reason` of a failed call, when it has one. */
export function reasonOf(e: unknown): string | null {
  const data = (e as { response?: { data?: { error?: { errors?: { reason?: string }[] } } } })?.response?.data;
  return data?.error?.errors?.[0]?.reason ?? null;
}

export function isRetryable(e: unknown): boolean {
  const s = statusOf(e);
  if (s === null) return true; // connection reset, timeout, DNS: the request may not have arrived
  if (s === 429 || s === 408 || s >= 500) return true;
  return s === 403 && RATE_REASONS.has(reasonOf(e) ?? "");
}

export interface RetryEvents {
  /** Called before each retry with what failed. */
  onRetry?: (info: { status: number | null; attempt: number; delayMs: number }) => void;
}

/** Run `fn`, retrying retryable failures. */
export function retrying<T>(fn: () => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY, events: RetryEvents = {}): Promise<T> {
  return pRetry(fn, {
    retries: policy.retries,
    factor: 2,
    minTimeout: policy.minTimeoutMs,
    maxTimeout: policy.maxTimeoutMs,
    randomize: true,
    shouldRetry: ({ error }) => isRetryable(error),
    onFailedAttempt: ({ error, attemptNumber, retriesLeft, retryDelay }) => {
      if (retriesLeft > 0 && isRetryable(error)) events.onRetry?.({ status: statusOf(error), attempt: attemptNumber, delayMs: retryDelay });
    },
  });
}

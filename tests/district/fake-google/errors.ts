/**
 * Error bodies as Google's APIs answer them. Sheets v4 uses the google.rpc.Status form
 * (`{error: {code, message, status, details?}}`); Drive v3 the older form with an `errors` list
 * (`{error: {code, message, errors: [{domain, reason, message, location?, locationType?}]}}`).
 * https://developers.google.com/drive/api/guides/handle-errors ·
 * https://cloud.google.com/apis/design/errors#http_mapping
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

/** A Sheets (google.rpc.Status) error. */
export function sheetsError(code: number, status: string, message: string, details?: unknown[]): HttpError {
  return new HttpError(code, { error: { code, message, status, ...(details ? { details } : {}) } });
}

/** A Drive v3 error. */
export function driveError(
  code: number,
  reason: string,
  message: string,
  where?: { location: string; locationType: "parameter" | "header" },
  domain = "global",
): HttpError {
  return new HttpError(code, { error: { code, message, errors: [{ message, domain, reason, ...(where ?? {}) }] } });
}

export const unauthenticated = () =>
  sheetsError(
    401,
    "UNAUTHENTICATED",
    "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
  );

export const insufficientScopes = (service: string) =>
  sheetsError(403, "PERMISSION_DENIED", "Request had insufficient authentication scopes.", [
    {
      "@type": "type.googleapis.com/google.rpc.ErrorInfo",
      reason: "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
      domain: "googleapis.com",
      metadata: { service },
    },
  ]);

/** Sheets' 429 when a per-minute quota is used up. */
export const sheetsQuota = (metric: "Read" | "Write") =>
  sheetsError(
    429,
    "RESOURCE_EXHAUSTED",
    `Quota exceeded for quota metric '${metric} requests' and limit '${metric} requests per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:123456789012'.`,
    [
      {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        reason: "RATE_LIMIT_EXCEEDED",
        domain: "googleapis.com",
        metadata: { service: "sheets.googleapis.com", quota_metric: `sheets.googleapis.com/${metric.toLowerCase()}_requests` },
      },
    ],
  );

/** Drive's rate limit answer (403 userRateLimitExceeded is the other form). */
export const driveRateLimit = () => driveError(429, "rateLimitExceeded", "Rate Limit Exceeded", undefined, "usageLimits");

export const sheetsInternal = () => sheetsError(500, "INTERNAL", "Internal error encountered.");
export const driveInternal = () => driveError(500, "internalError", "Internal Error");

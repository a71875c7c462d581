/**
 * Cloudflare Access in front of the console: every request Access lets through carries the
 * application token in `Cf-Access-Jwt-Assertion`, an RS256 JWT signed with the team's keys,
 * published at `https://<team>.cloudflareaccess.com/cdn-cgi/access/certs`. It is verified here with
 * jose against that remote JWKS — signature, `iss` (the team domain), `aud` (the application's
 * audience tag, a wrangler var), `exp`/`nbf` — and only then is its `email` trusted. Service tokens
 * carry no email and are refused. Never the `Cf-Access-Authenticated-User-Email` header alone.
 * https://developers.cloudflare.com/cloudflare-one/identity/authorization-cookie/validating-json/
 * https://developers.cloudflare.com/cloudflare-one/identity/authorization-cookie/application-token/
 */
import { createRemoteJWKSet, errors, jwtVerify } from "jose";
import { workerUrlSchema } from "../../../shared/contract";

export const ACCESS_HEADER = "cf-access-jwt-assertion";

export interface AccessConfig {
  /** The issuer Access writes in `iss`: https://<team>.cloudflareaccess.com. */
  issuer: string;
  /** Where the team's public keys are. */
  certsUrl: string;
  /** The Access application's audience (AUD) tag. */
  audience: string;
}

/**
 * The configuration from the worker's vars, or null when Access is not configured. The team domain
 * may be given with or without https:// ("dan-van.cloudflareaccess.com"); http:// only for this
 * machine (the tests serve their own keys on 127.0.0.1).
 */
export function accessConfig(env: { ACCESS_TEAM_DOMAIN?: string; ACCESS_AUD?: string }): AccessConfig | null {
  const domain = env.ACCESS_TEAM_DOMAIN?.trim();
  const audience = env.ACCESS_AUD?.trim();
  if (!domain || !audience) return null;
  const url = workerUrlSchema.safeParse(/^https?:\/\//i.test(domain) ? domain : `https://${domain}`);
  if (!url.success) return null;
  const issuer = new URL(url.data).origin;
  return { issuer, certsUrl: `${issuer}/cdn-cgi/access/certs`, audience };
}

/** One key set per certs URL and isolate: jose caches the keys (10 minutes) and refetches on an unknown key id. */
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
function keySet(url: string) {
  let jwks = keySets.get(url);
  if (!jwks) {
    jwks = createRemoteJWKSet(new URL(url), { timeoutDuration: 5000 });
    keySets.set(url, jwks);
  }
  return jwks;
}

/** Why a token was refused, for the access log (never shown in detail to the client). */
export type AccessRefusal = "missing" | "expired" | "claims" | "signature" | "malformed" | "no_email" | "keys_unavailable";

export type AccessResult = { ok: true; email: string } | { ok: false; reason: AccessRefusal };

/** Verify an Access application token; the e-mail it was issued to, lower-cased, when it holds. */
export async function verifyAccessJwt(token: string | undefined | null, cfg: AccessConfig): Promise<AccessResult> {
  if (!token) return { ok: false, reason: "missing" };
  try {
    const { payload } = await jwtVerify(token, keySet(cfg.certsUrl), {
      issuer: cfg.issuer,
      audience: cfg.audience,
      algorithms: ["RS256"],
      requiredClaims: ["exp", "iat"],
      clockTolerance: 30,
    });
    const email = payload.email;
    if (typeof email !== "string" || !/^[^\s@]+@[^\s@]+$/.test(email)) return { ok: false, reason: "no_email" };
    return { ok: true, email: email.trim().toLowerCase() };
  } catch (e) {
    if (e instanceof errors.JWTExpired) return { ok: false, reason: "expired" };
    if (e instanceof errors.JWTClaimValidationFailed) return { ok: false, reason: "claims" };
    if (e instanceof errors.JWSSignatureVerificationFailed || e instanceof errors.JWKSNoMatchingKey)
      return { ok: false, reason: "signature" };
    if (e instanceof errors.JWKSTimeout || e instanceof errors.JWKSInvalid) return { ok: false, reason: "keys_unavailable" };
    if (e instanceof errors.JOSEError) return { ok: false, reason: "malformed" };
    // The keys could not be fetched (network): refused, and said so in the log.
    console.error("Access JWT verification failed", e);
    return { ok: false, reason: "keys_unavailable" };
  }
}

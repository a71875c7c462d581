/**
 * Who is calling the fake: a service account's self-signed JWT (RS256, `scope` claim; what
 * google-auth-library sends with `useJWTAccessWithScope`, https://google.aip.dev/auth/4111) checked
 * against the public keys of the service accounts the test registered, or an access token the
 * fake's own OAuth token endpoint issued from a refresh token or an authorization code.
 */
import { createPublicKey, createVerify, randomBytes } from "node:crypto";

export const SCOPES = {
  driveFile: "https://www.googleapis.com/auth/drive.file",
  drive: "https://www.googleapis.com/auth/drive",
  spreadsheets: "https://www.googleapis.com/auth/spreadsheets",
  spreadsheetsReadonly: "https://www.googleapis.com/auth/spreadsheets.readonly",
} as const;

export interface Caller {
  /** The service account's email or the OAuth user's email. */
  user: string;
  scopes: Set<string>;
}

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  user: string;
}

const b64json = (s: string) => JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as Record<string, unknown>;

export class FakeAuth {
  private readonly keys = new Map<string, string>();
  private readonly clients = new Map<string, OAuthClient>();
  private readonly refreshTokens = new Map<string, { clientId: string; scopes: string[] }>();
  private readonly codes = new Map<string, { clientId: string; scopes: string[]; redirectUri: string }>();
  private readonly access = new Map<string, Caller & { exp: number }>();
  /** Token endpoint requests, for tests. */
  readonly tokenRequests: { grant_type: string }[] = [];

  /** Accept self-signed JWTs of this service account (public key in PEM). */
  addServiceAccount(email: string, publicKeyPem: string): void {
    this.keys.set(email, publicKeyPem);
  }

  addOAuthClient(c: OAuthClient): void {
    this.clients.set(c.clientId, c);
  }

  /** An authorization code, as Google's consent screen would give the loopback redirect. */
  issueCode(clientId: string, scopes: string[], redirectUri: string): string {
    const code = `4/${randomBytes(12).toString("base64url")}`;
    this.codes.set(code, { clientId, scopes, redirectUri });
    return code;
  }

  /** POST /token (application/x-www-form-urlencoded), as https://oauth2.googleapis.com/token answers. */
  token(form: URLSearchParams): { status: number; body: unknown } {
    const grant = form.get("grant_type") ?? "";
    this.tokenRequests.push({ grant_type: grant });
    const client = this.clients.get(form.get("client_id") ?? "");
    if (!client || client.clientSecret !== form.get("client_secret")) {
      return { status: 401, body: { error: "invalid_client", error_description: "The OAuth client was not found." } };
    }
    let scopes: string[];
    let refresh: string | undefined;
    if (grant === "authorization_code") {
      const c = this.codes.get(form.get("code") ?? "");
      if (!c || c.clientId !== client.clientId || c.redirectUri !== form.get("redirect_uri")) {
        return { status: 400, body: { error: "invalid_grant", error_description: "Malformed auth code." } };
      }
      this.codes.delete(form.get("code")!);
      scopes = c.scopes;
      refresh = `1//${randomBytes(16).toString("base64url")}`;
      this.refreshTokens.set(refresh, { clientId: client.clientId, scopes });
    } else if (grant === "refresh_token") {
      const r = this.refreshTokens.get(form.get("refresh_token") ?? "");
      if (!r || r.clientId !== client.clientId)
        return { status: 400, body: { error: "invalid_grant", error_description: "Token has been expired or revoked." } };
      scopes = r.scopes;
    } else {
      return { status: 400, body: { error: "unsupported_grant_type", error_description: `Invalid grant_type: ${grant}` } };
    }
    const token = `ya29.${randomBytes(24).toString("base64url")}`;
    this.access.set(token, { user: client.user, scopes: new Set(scopes), exp: Date.now() + 3600_000 });
    return {
      status: 200,
      body: {
        access_token: token,
        expires_in: 3599,
        scope: scopes.join(" "),
        token_type: "Bearer",
        ...(refresh ? { refresh_token: refresh } : {}),
      },
    };
  }

  /** The caller of an API request, or null when its credentials are missing or invalid. */
  caller(authorization: string | undefined): Caller | null {
    const m = /^Bearer (\S+)$/.exec(authorization ?? "");
    if (!m) return null;
    const token = m[1]!;
    const issued = this.access.get(token);
    if (issued) return issued.exp > Date.now() ? issued : null;
    const parts = token.split(".");
    if (parts.length !== 3) return null;
    try {
      const header = b64json(parts[0]!);
      const claims = b64json(parts[1]!);
      const email = String(claims.iss ?? "");
      const pem = this.keys.get(email);
      if (!pem || header.alg !== "RS256" || claims.sub !== email) return null;
      const ok = createVerify("RSA-SHA256")
        .update(`${parts[0]}.${parts[1]}`)
        .verify(createPublicKey(pem), Buffer.from(parts[2]!, "base64url"));
      const now = Date.now() / 1000;
      if (!ok || typeof claims.exp !== "number" || claims.exp < now || (typeof claims.iat === "number" && claims.iat > now + 60))
        return null;
      return {
        user: email,
        scopes: new Set(
          String(claims.scope ?? "")
            .split(/\s+/)
            .filter(Boolean),
        ),
      };
    } catch {
      return null;
    }
  }
}

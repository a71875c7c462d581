/**
 * Credentials for Google: a service account key (GOOGLE_APPLICATION_CREDENTIALS, working in a
 * Shared Drive: service accounts own no Drive storage) or an operator's own account through
 * OAuth (`district login` saves a refresh token). Scopes are as narrow as the work allows:
 * `drive.file` only — the tool reaches just the files it created (Drive and Sheets API both accept
 * it) — plus `spreadsheets.readonly` when `pull` must read spreadsheets the tool did not create.
 * https://developers.google.com/workspace/drive/api/guides/api-specific-auth
 */
import { readFileSync } from "node:fs";
import { JWT, OAuth2Client } from "google-auth-library";
import * as z from "../../shared/zod-vi";

export const SCOPES = {
  driveFile: "https://www.googleapis.com/auth/drive.file",
  spreadsheetsReadonly: "https://www.googleapis.com/auth/spreadsheets.readonly",
} as const;

export const GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";

const serviceAccountKey = z.object({
  type: z.literal("service_account"),
  client_email: z.email(),
  private_key: z.string().min(100),
  private_key_id: z.string().optional(),
});

export const userCredentials = z.object({
  type: z.literal("authorized_user"),
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
  refresh_token: z.string().min(1),
  /** The token endpoint used at login (kept so a test fake and Google are never mixed up). */
  token_uri: z.url().optional(),
});
export type UserCredentials = z.infer<typeof userCredentials>;

export interface AuthConfig {
  /** Path of a service account key (GOOGLE_APPLICATION_CREDENTIALS). */
  serviceAccountKeyFile?: string;
  /** Path of the file `district login` wrote (DISTRICT_OAUTH_CREDENTIALS). */
  userCredentialsFile?: string;
}

export class AuthError extends Error {}

/** The signed-in identity and a client googleapis can use. */
export function makeAuth(
  cfg: AuthConfig,
  scopes: readonly string[],
): { client: JWT | OAuth2Client; who: string; kind: "service_account" | "user" } {
  if (cfg.serviceAccountKeyFile) {
    let key: z.infer<typeof serviceAccountKey>;
    try {
      key = serviceAccountKey.parse(JSON.parse(readFileSync(cfg.serviceAccountKeyFile, "utf8")));
    } catch (e) {
      throw new AuthError(`Không đọc được khóa tài khoản dịch vụ ${cfg.serviceAccountKeyFile}: ${(e as Error).message.split("\n")[0]}`);
    }
    // A self-signed JWT with the scopes as its claim (https://google.aip.dev/auth/4111): no token
    // exchange round trip, and the scopes still limit what the key can do.
    const client = new JWT({
      email: key.client_email,
      key: key.private_key,
      ...(key.private_key_id ? { keyId: key.private_key_id } : {}),
      scopes: [...scopes],
    });
    client.useJWTAccessWithScope = true;
    return { client, who: key.client_email, kind: "service_account" };
  }
  if (cfg.userCredentialsFile) {
    let creds: UserCredentials;
    try {
      creds = userCredentials.parse(JSON.parse(readFileSync(cfg.userCredentialsFile, "utf8")));
    } catch (e) {
      throw new AuthError(
        `Không đọc được tệp đăng nhập ${cfg.userCredentialsFile}: ${(e as Error).message.split("\n")[0]}. Hãy chạy "npm run district -- login".`,
      );
    }
    const client = new OAuth2Client({
      clientId: creds.client_id,
      clientSecret: creds.client_secret,
      endpoints: { oauth2TokenUrl: creds.token_uri ?? GOOGLE_TOKEN_URL },
    });
    client.setCredentials({ refresh_token: creds.refresh_token, scope: scopes.join(" ") });
    return { client, who: `tài khoản đã đăng nhập (${creds.client_id.slice(0, 12)}…)`, kind: "user" };
  }
  throw new AuthError(
    'Chưa có thông tin đăng nhập Google: đặt GOOGLE_APPLICATION_CREDENTIALS (khóa tài khoản dịch vụ) hoặc chạy "npm run district -- login" rồi đặt DISTRICT_OAUTH_CREDENTIALS.',
  );
}

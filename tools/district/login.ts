/**
 * `login`: OAuth as an operator's own Google account, for offices without a service account.
 * The loopback flow for desktop apps with PKCE: a one-off server on 127.0.0.1 receives Google's
 * redirect with the code, which is exchanged for a refresh token, saved (mode 600) for the other
 * commands. The client id/secret come from a "Desktop app" OAuth client's JSON (Cloud Console).
 * https://developers.google.com/identity/protocols/oauth2/native-app#redirect-uri_loopback
 */
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { CodeChallengeMethod, OAuth2Client } from "google-auth-library";
import * as z from "../../shared/zod-vi";
import { GOOGLE_TOKEN_URL, type UserCredentials } from "./auth";

const clientFile = z.object({
  installed: z.object({
    client_id: z.string().min(1),
    client_secret: z.string().min(1),
    auth_uri: z.url().optional(),
    token_uri: z.url().optional(),
  }),
});

export interface LoginOptions {
  clientFile: string;
  out: string;
  scopes: string[];
  /** Shows the consent URL to the operator. */
  show: (url: string) => void;
  timeoutMs?: number;
}

export async function login(o: LoginOptions): Promise<UserCredentials> {
  const c = clientFile.parse(JSON.parse(readFileSync(o.clientFile, "utf8"))).installed;
  const tokenUri = c.token_uri ?? GOOGLE_TOKEN_URL;
  const state = randomBytes(16).toString("hex");
  let done: (v: { code: string } | { error: string }) => void = () => undefined;
  const answer = new Promise<{ code: string } | { error: string }>((r) => {
    done = r;
  });
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? "/", "http://127.0.0.1");
    const ok = u.searchParams.get("state") === state && u.searchParams.get("code");
    res.writeHead(ok ? 200 : 400, { "content-type": "text/html; charset=utf-8" });
    res.end(ok ? "<p>Đã đăng nhập. Có thể đóng trang này và quay lại cửa sổ lệnh.</p>" : "<p>Đăng nhập không thành công.</p>");
    if (ok) done({ code: u.searchParams.get("code")! });
    else if (u.searchParams.get("error")) done({ error: u.searchParams.get("error")! });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const client = new OAuth2Client({
      clientId: c.client_id,
      clientSecret: c.client_secret,
      redirectUri,
      endpoints: { oauth2TokenUrl: tokenUri, ...(c.auth_uri ? { oauth2AuthBaseUrl: c.auth_uri } : {}) },
    });
    const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
    o.show(
      client.generateAuthUrl({
        access_type: "offline",
        prompt: "consent",
        scope: o.scopes,
        state,
        code_challenge: codeChallenge!,
        code_challenge_method: CodeChallengeMethod.S256,
      }),
    );
    const timeout = new Promise<{ error: string }>((r) =>
      setTimeout(() => r({ error: "hết thời gian chờ" }), o.timeoutMs ?? 300_000).unref(),
    );
    const got = await Promise.race([answer, timeout]);
    if ("error" in got) throw new Error(`Đăng nhập Google không thành công: ${got.error}.`);
    const { tokens } = await client.getToken({ code: got.code, codeVerifier, redirect_uri: redirectUri });
    if (!tokens.refresh_token)
      throw new Error("Google không trả về refresh token; hãy thu hồi quyền của ứng dụng trong tài khoản Google rồi đăng nhập lại.");
    const creds: UserCredentials = {
      type: "authorized_user",
      client_id: c.client_id,
      client_secret: c.client_secret,
      refresh_token: tokens.refresh_token,
      ...(tokenUri !== GOOGLE_TOKEN_URL ? { token_uri: tokenUri } : {}),
    };
    writeFileSync(o.out, `${JSON.stringify(creds, null, 2)}\n`, { mode: 0o600 });
    return creds;
  } finally {
    server.close();
  }
}

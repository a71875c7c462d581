/**
 * Signing in: an operator's own Google account through `district login` (loopback redirect with
 * PKCE, the code exchanged at the token endpoint, the refresh token saved with mode 600), then
 * used by provision; and the service account's self-signed JWT carrying only the drive.file scope.
 */
import { statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../tools/district/cli";
import { type Env, FAST_RETRY, googleEnv, runCli, SERVICE_ACCOUNT, sampleCommunes, writeCommunesCsv } from "./helpers";

const DRIVE_FILE = "https://www.googleapis.com/auth/drive.file";
const CLIENT = {
  clientId: "123456789012-abcdefghijklmnop.apps.googleusercontent.com",
  clientSecret: "GOCSPX-test-secret",
  user: "canbo.danvan@example.vn",
};

let g: Env;
beforeAll(async () => {
  g = await googleEnv();
  g.fake.auth.addOAuthClient(CLIENT);
});
afterAll(() => g?.close());

describe("district login (OAuth as an operator)", () => {
  it("the consent URL asks for drive.file only, with PKCE; the loopback gets the code; the refresh token is saved for the other commands", async () => {
    const clientFile = path.join(g.dir, "client_secret.json");
    writeFileSync(
      clientFile,
      JSON.stringify({ installed: { client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, token_uri: `${g.fake.url}/token` } }),
    );
    const out = path.join(g.dir, "district-oauth.json");
    const lines: string[] = [];
    let browser: Promise<Response> | null = null;
    let asked: URL | null = null;
    const code = await main(["login", "--client", clientFile, "--out", out], {
      env: {},
      retry: FAST_RETRY,
      err: (l) => lines.push(l),
      out: (l) => {
        lines.push(l);
        const m = /https?:\/\/\S+/.exec(l);
        if (!m) return;
        // The operator's browser: consent, then Google redirects to the loopback address.
        asked = new URL(m[0]);
        const redirect = asked.searchParams.get("redirect_uri")!;
        const grant = g.fake.auth.issueCode(CLIENT.clientId, asked.searchParams.get("scope")!.split(" "), redirect);
        browser = fetch(
          `${redirect}?state=${asked.searchParams.get("state")}&code=${encodeURIComponent(grant)}&scope=${encodeURIComponent(DRIVE_FILE)}`,
        );
      },
    });
    expect(code, lines.join("\n")).toBe(0);
    const u = asked! as URL;
    expect(u.searchParams.get("scope")).toBe(DRIVE_FILE);
    expect(u.searchParams.get("access_type")).toBe("offline");
    expect(u.searchParams.get("code_challenge_method")).toBe("S256");
    expect(u.searchParams.get("redirect_uri")).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await browser!).text()).toContain("Đã đăng nhập");
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(lines.join("\n")).toContain(`Đặt DISTRICT_OAUTH_CREDENTIALS=${out}`);

    const csv = writeCommunesCsv(g.dir, sampleCommunes(1));
    const r = await runCli(["provision", "--communes", csv, "--folder", g.folderId], {
      DISTRICT_OAUTH_CREDENTIALS: out,
      DISTRICT_GOOGLE_ROOT_URL: g.fake.url,
      DISTRICT_STATE: path.join(g.dir, "oauth-state.json"),
    });
    expect(r.code, r.out.join("\n")).toBe(0);
    const api = g.fake.log.filter((l) => l.op !== "oauth.token");
    expect(new Set(api.map((l) => l.user))).toEqual(new Set([CLIENT.user]));
    expect(new Set(api.map((l) => l.scopes!.join(" ")))).toEqual(new Set([DRIVE_FILE]));
    expect(g.fake.auth.tokenRequests.map((t) => t.grant_type)).toEqual(["authorization_code", "refresh_token"]);
  }, 60_000);

  it("a wrong state (another site's redirect) is refused and nothing is saved", async () => {
    const clientFile = path.join(g.dir, "client_secret.json");
    const out = path.join(g.dir, "never.json");
    const errors: string[] = [];
    const code = await main(["login", "--client", clientFile, "--out", out], {
      env: {},
      err: (l) => errors.push(l),
      out: (l) => {
        const m = /https?:\/\/\S+/.exec(l);
        if (!m) return;
        const redirect = new URL(m[0]).searchParams.get("redirect_uri")!;
        void fetch(`${redirect}?state=forged&code=x`).then(() => fetch(`${redirect}?error=access_denied&state=x`));
      },
    });
    expect(code).toBe(1);
    expect(errors.join("\n")).toContain("Đăng nhập Google không thành công: access_denied.");
    expect(() => statSync(out)).toThrow();
  });
});

describe("service account", () => {
  it("signs its own JWT with only the drive.file scope (no token exchange)", async () => {
    const csv = writeCommunesCsv(g.dir, sampleCommunes(2).slice(1));
    const tokens = g.fake.auth.tokenRequests.length;
    const r = await runCli(["provision", "--communes", csv, "--folder", g.folderId], g.env);
    expect(r.code).toBe(0);
    const mine = g.fake.log.filter((l) => l.user === SERVICE_ACCOUNT);
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((l) => l.scopes!.join(" ")))).toEqual(new Set([DRIVE_FILE]));
    expect(g.fake.auth.tokenRequests.length).toBe(tokens);
  });
});

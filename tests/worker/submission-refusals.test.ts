/**
 * Every refused `POST /api/submissions` is logged after the answer for the console's week page: the
 * token's commune when the token is known, the error code, why a token was refused, and the issue
 * codes — never a cell's text or the token.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../worker/src/auth/tokens";
import { communeToken, copy, envelope, PILOT, pilot, post, seed, submit } from "./helpers";

async function refusals(n: number) {
  for (let i = 0; i < 50; i++) {
    const r = await env.DB.prepare("SELECT * FROM submission_refusals ORDER BY id").all<Record<string, unknown>>();
    if (r.results.length >= n) return r.results;
    await new Promise((x) => setTimeout(x, 40));
  }
  throw new Error("refusals not logged");
}

describe("refused submissions are logged with their codes", () => {
  beforeAll(seed);

  it("no token, an unknown one, a rule violation: who, which code, which issue codes", async () => {
    const { quySon } = pilot();
    const token = await communeToken(PILOT.quySon);
    expect((await post("/api/submissions", {})).status).toBe(401);
    const unknown = "dvc_ffffffffffffffffffffffffffffffff";
    expect((await submit(envelope(quySon, quySon.workbook), unknown)).status).toBe(401);
    const wb = copy(quySon.workbook);
    wb.households[0]!.head_name = "Bí mật 123";
    wb.households[1]!.birth_year = 1800;
    const bad = await submit(envelope(quySon, wb), token);
    expect(bad.status).toBe(422);
    const rows = await refusals(3);
    expect(rows.map(({ commune_id, code, reason, status }) => ({ commune_id, code, reason, status }))).toEqual([
      { commune_id: null, code: "unauthorized", reason: "missing", status: 401 },
      { commune_id: null, code: "unauthorized", reason: "unknown", status: 401 },
      { commune_id: PILOT.quySon, code: (await bad.json<{ error: { code: string } }>()).error.code, reason: null, status: 422 },
    ]);
    expect(rows[1]!.token_prefix).toBe((await hashToken(unknown)).slice(0, 12));
    expect(rows[2]!.issues).toBeGreaterThanOrEqual(2);
    const codes = JSON.parse(String(rows[2]!.issue_codes)) as Record<string, number>;
    expect(Object.keys(codes).length).toBeGreaterThan(0);
    // Codes only: nothing the clerk typed, never the token.
    const all = JSON.stringify(rows);
    expect(all).not.toContain("Bí mật");
    expect(all).not.toContain(token);
  });
});

/**
 * Refused submissions: the right status and code, a Vietnamese message, issue details where they
 * help — and nothing written (every table compared before and after).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { MIN_SCHEMA_VERSION, SCHEMA_VERSION } from "../../shared/schemas";
import { adminPost, call, communeToken, copy, type ErrorJson, envelope, pilot, post, seed, snapshot, submit } from "./helpers";

describe("refused submissions write nothing", () => {
  const { quySon, hongGiang } = pilot();
  let token: string;
  let before: Awaited<ReturnType<typeof snapshot>>;

  beforeAll(async () => {
    await seed();
    token = await communeToken(quySon.unit_id);
    // Some data already there, so "nothing written" also means "nothing changed".
    expect((await submit(envelope(quySon, quySon.workbook), token)).status).toBe(201);
  });

  async function refused(res: Response, status: number, code: string): Promise<ErrorJson> {
    const body = (await res.json()) as ErrorJson;
    expect({ status: res.status, code: body.error.code }).toEqual({ status, code });
    expect(body.error.message).toMatch(/\p{L}/u);
    expect(Array.isArray(body.error.details)).toBe(true);
    expect(await snapshot()).toEqual(before);
    return body;
  }

  const changed = (mutate: (e: Record<string, any>) => void) => {
    const e = JSON.parse(JSON.stringify(envelope(quySon, quySon.workbook)));
    mutate(e);
    return e;
  };

  it("malformed JSON → 400 malformed_json", async () => {
    before = await snapshot();
    await refused(await submit('{"schema_version": 1, "sheets": ', token), 400, "malformed_json");
  });

  it("wrong content type → 415 unsupported_media_type", async () => {
    before = await snapshot();
    const res = await post("/api/submissions", JSON.stringify(envelope(quySon, quySon.workbook)), token, { "content-type": "text/plain" });
    await refused(res, 415, "unsupported_media_type");
  });

  it("a body over 8 MB → 413 payload_too_large", async () => {
    before = await snapshot();
    const big = JSON.stringify({ ...envelope(quySon, quySon.workbook), padding: "x".repeat(8 * 1024 * 1024) });
    await refused(await submit(big, token), 413, "payload_too_large");
  });

  it("a streamed (chunked, no Content-Length) body over 8 MB → 413 payload_too_large, read to the end", async () => {
    before = await snapshot();
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        pulls++;
        if (sent >= 9 * 1024 * 1024) return c.close();
        c.enqueue(chunk);
        sent += chunk.length;
      },
    });
    const res = await call("/api/submissions", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body,
    });
    await refused(res, 413, "payload_too_large");
    // The rest of the body was read (and dropped) before answering: an answer in the middle of an
    // upload is what killed wrangler dev (tests/e2e/defects.test.ts).
    expect(sent).toBe(9 * 1024 * 1024);
    expect(pulls).toBeGreaterThan(144);
  });

  it("wrong cell types → 422 invalid_envelope with sheet, row and column", async () => {
    before = await snapshot();
    const wb = copy(quySon.workbook) as any;
    wb.households[4].birth_year = "năm mươi";
    wb.weekly[0].broadcasts = -3;
    const body = await refused(await submit(envelope(quySon, wb), token), 422, "invalid_envelope");
    expect(body.error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sheet: "households", row: wb.households[4]._row, column: "birth_year", severity: "error" }),
        expect.objectContaining({ sheet: "weekly", row: wb.weekly[0]._row, column: "broadcasts", severity: "error" }),
      ]),
    );
  });

  it("unknown fields (envelope and row) → 422 invalid_envelope", async () => {
    before = await snapshot();
    const wb = copy(quySon.workbook) as any;
    wb.members[0].password = "x";
    const e: any = envelope(quySon, wb);
    e.extra = true;
    const body = await refused(await submit(e, token), 422, "invalid_envelope");
    expect(body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ sheet: "members", column: "password", code: "unknown_field" })]),
    );
  });

  it("a stale schema version → 409 stale_schema_version", async () => {
    before = await snapshot();
    await refused(
      await submit(
        changed((e) => (e.schema_version = MIN_SCHEMA_VERSION - 1)),
        token,
      ),
      409,
      "stale_schema_version",
    );
  });

  it("a schema version newer than the server → 409 schema_version_too_new, saying so", async () => {
    before = await snapshot();
    const body = await refused(
      await submit(
        changed((e) => (e.schema_version = SCHEMA_VERSION + 1)),
        token,
      ),
      409,
      "schema_version_too_new",
    );
    expect(body.error.message).toContain("mới hơn máy chủ");
    expect(body.error.message).not.toContain("đã cũ");
  });

  it("a content hash that does not match → 422 hash_mismatch", async () => {
    before = await snapshot();
    await refused(
      await submit(
        changed((e) => (e.sheets.households[0].members_count = 9)),
        token,
      ),
      422,
      "hash_mismatch",
    );
  });

  it("a cross-row rule broken → 422 rule_violation", async () => {
    before = await snapshot();
    const wb = copy(quySon.workbook);
    wb.households.push({ ...wb.households[0]!, _row: wb.households.length + 2 });
    const body = await refused(await submit(envelope(quySon, wb), token), 422, "rule_violation");
    expect(body.error.details.some((d) => d.sheet === "households" && d.severity === "error")).toBe(true);
  });

  it("a token of commune A sending commune B's envelope → 403 commune_mismatch", async () => {
    before = await snapshot();
    await refused(await submit(envelope(hongGiang, hongGiang.workbook), token), 403, "commune_mismatch");
  });

  it("no token, an unknown token, a malformed header → 401 unauthorized", async () => {
    before = await snapshot();
    const e = envelope(quySon, quySon.workbook);
    await refused(await submit(e, ""), 401, "unauthorized");
    await refused(await submit(e, `dvc_${"0".repeat(32)}`), 401, "unauthorized");
    await refused(await post("/api/submissions", e, undefined, { authorization: "Basic abc" }), 401, "unauthorized");
    await refused(await submit(e, "test-admin-secret"), 401, "unauthorized");
  });

  it("a revoked token → 401 unauthorized", async () => {
    const t = await communeToken(quySon.unit_id);
    expect((await adminPost("/revoke", { token: t })).status).toBe(200);
    before = await snapshot();
    await refused(await submit(envelope(quySon, quySon.workbook), t), 401, "unauthorized");
  });

  it("the same submission id with other content → 409 submission_id_conflict", async () => {
    const first = envelope(quySon, quySon.workbook);
    expect((await submit(first, token)).status).toBe(201);
    before = await snapshot();
    const wb = copy(quySon.workbook);
    wb.households[0]!.note = "khác";
    await refused(await submit(envelope(quySon, wb, first.submission_id), token), 409, "submission_id_conflict");
  });

  it("unknown paths answer 404 in the same format", async () => {
    const res = await call("/api/nothing");
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorJson).error.code).toBe("not_found");
  });
});

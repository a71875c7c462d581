/** Commune records (tools/district): upsert field by field, query with the last accepted submission. */
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN, adminPost, communeToken, count, type ErrorJson, envelope, PILOT, pilot, post, seed, snapshot, submit } from "./helpers";

interface RecordJson {
  unit_id: string;
  spreadsheet_id: string | null;
  clerk_email: string | null;
  provisioned_at: string | null;
  last_pulled_at: string | null;
  last_submission_at: string | null;
  last_submission_id: string | null;
}
const query = async (body: unknown = {}) =>
  ((await (await adminPost("/commune-records/query", body)).json()) as { records: RecordJson[] }).records;

describe("commune records", () => {
  const { quySon, hongGiang } = pilot();
  beforeAll(seed);

  it("upserts: provision sets the spreadsheet, a later pull sets only its own field and keeps the rest", async () => {
    const first = await adminPost("/commune-records", {
      records: [
        {
          unit_id: quySon.unit_id,
          spreadsheet_id: "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
          spreadsheet_url: "https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789/edit",
          clerk_email: "vanthu.quyson@example.vn",
          provisioned_at: "2026-11-30T08:00:00+07:00",
        },
      ],
    });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ upserted: 1 });
    expect(
      await adminPost("/commune-records", { records: [{ unit_id: quySon.unit_id, last_pulled_at: "2026-12-01T01:02:03Z" }] }),
    ).toHaveProperty("status", 200);
    const [rec] = await query({ unit_ids: [quySon.unit_id] });
    expect(rec).toMatchObject({
      unit_id: quySon.unit_id,
      spreadsheet_id: "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
      clerk_email: "vanthu.quyson@example.vn",
      provisioned_at: "2026-11-30T01:00:00.000Z",
      last_pulled_at: "2026-12-01T01:02:03.000Z",
      last_submission_at: null,
    });
  });

  it("the query carries the commune's last accepted submission, whatever path it came by", async () => {
    const token = await communeToken(hongGiang.unit_id);
    await adminPost("/commune-records", {
      records: [{ unit_id: hongGiang.unit_id, spreadsheet_id: "1ZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210" }],
    });
    const env1 = envelope(hongGiang, hongGiang.workbook);
    expect((await submit(env1, token)).status).toBe(201);
    const all = await query();
    expect(all.map((r) => r.unit_id)).toEqual([hongGiang.unit_id, quySon.unit_id].sort());
    expect(all.find((r) => r.unit_id === hongGiang.unit_id)).toMatchObject({ last_submission_id: env1.submission_id });
    expect(typeof all.find((r) => r.unit_id === hongGiang.unit_id)!.last_submission_at).toBe("string");
  });

  it.each([
    [
      "an unknown unit",
      { records: [{ unit_id: "C:99999@2020-01-01", spreadsheet_id: "1AbCdEfGhIjKlMnOpQrStUvWxYz" }] },
      404,
      "unit_not_found",
    ],
    [
      "a district, not a commune",
      { records: [{ unit_id: PILOT.lucNgan, spreadsheet_id: "1AbCdEfGhIjKlMnOpQrStUvWxYz" }] },
      404,
      "unit_not_found",
    ],
    ["a bad email", { records: [{ unit_id: PILOT.quySon, clerk_email: "không phải email" }] }, 422, "invalid_request"],
    ["a field the table does not have", { records: [{ unit_id: PILOT.quySon, token: "dvc_x" }] }, 422, "invalid_request"],
    ["the same commune twice", { records: [{ unit_id: PILOT.quySon }, { unit_id: PILOT.quySon }] }, 422, "invalid_request"],
    ["no records", { records: [] }, 422, "invalid_request"],
  ])("refuses %s and writes nothing", async (_what, body, status, code) => {
    const before = await snapshot();
    const records = await count("commune_records");
    const res = await adminPost("/commune-records", body);
    expect(res.status).toBe(status);
    expect(((await res.json()) as ErrorJson).error.code).toBe(code);
    expect(await snapshot()).toEqual(before);
    expect(await count("commune_records")).toBe(records);
  });

  it("needs the admin secret", async () => {
    for (const path of ["/api/admin/commune-records", "/api/admin/commune-records/query"]) {
      const res = await post(path, { records: [{ unit_id: PILOT.quySon }] }, `${ADMIN}-wrong`);
      expect(res.status).toBe(401);
    }
  });
});

/**
 * "Chuyển đổi thôn" through the worker's HTTP interface: a split commune's clerk (its write token) or
 * an operator (admin) reads the villages and the conversion's successors, and sends the mapping once.
 * A successor outside the conversion table's, an unknown or repeated village, a commune that was not
 * split: refused with the cell named, nothing written. Real units: Phường Cống Vị (00007) went in part
 * to Phường Ngọc Hà (00008) and Phường Giảng Võ (00025) (conversion-2025-07-01.csv lines 15, 22).
 */
import { beforeAll, describe, expect, it } from "vitest";
import VN from "../../shared/data/vn/units.json";
import { generateCommune } from "../../shared/sample/generate";
import type { Unit } from "../../shared/units";
import { type VillageMovesView, villageMovesResultSchema, villageMovesViewSchema } from "../../shared/village-moves";
import { adminPost, call, communeToken, db, type ErrorJson, envelope, snapshot } from "./helpers";

const U = {
  haNoi: "P:01@2021-02-03",
  baDinh: "D:001@2021-02-03",
  vinhPhuc: "C:00006@2021-02-03",
  congVi: "C:00007@2021-02-03",
  ngocHa: "C:00008@2025-07-01",
  giangVo: "C:00025@2025-07-01",
} as const;
const UNITS = (VN as Unit[]).filter((u) => (Object.values(U) as string[]).includes(u.id));

const workbook = generateCommune({
  seed: 3,
  commune_code: "00007",
  commune_name: "Phường Cống Vị",
  villages: [
    { village_code: "TDP1", village_name: "Tổ dân phố số 1", ethnic_identity: false, teams: 1 },
    { village_code: "TDP2", village_name: "Tổ dân phố số 2", ethnic_identity: false, teams: 1 },
  ],
  founded_on: "2022-01-01",
  until: "2022-03-31",
  registerOnly: true,
});

const api = (method: string, token: string, body?: unknown) =>
  call("/api/village-successors", {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

let token: string;
beforeAll(async () => {
  expect((await adminPost("/units", { units: UNITS })).status).toBe(200);
  const res = await adminPost("/import", {
    commune_id: U.congVi,
    received_at: "2022-04-01T10:00:00+07:00",
    envelope: envelope({ commune_code: "00007", commune_name: "Phường Cống Vị" }, workbook),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  token = await communeToken(U.congVi);
});

describe("reading a split commune's villages and choices", () => {
  it("with the commune's token and as an operator: the same answer, in the contract's shape", async () => {
    const mine = villageMovesViewSchema.parse(await (await api("GET", token)).json());
    const admin = villageMovesViewSchema.parse(await (await adminPost("/village-successors/query", { commune_id: U.congVi })).json());
    expect(admin).toEqual(mine);
    expect(mine.commune).toEqual({ id: U.congVi, code: "00007", label: "Phường Cống Vị", valid_to: "2025-07-01" });
    expect(mine.successors).toEqual([
      { id: U.ngocHa, code: "00008", label: "Phường Ngọc Hà" },
      { id: U.giangVo, code: "00025", label: "Phường Giảng Võ" },
    ]);
    expect(mine.villages).toEqual([
      { village_code: "TDP1", village_name: "Tổ dân phố số 1", successor_id: null, set_by: null, set_at: null },
      { village_code: "TDP2", village_name: "Tổ dân phố số 2", successor_id: null, set_by: null, set_at: null },
    ]);
  });

  it("a commune merged whole needs no mapping (422 not_split); an unknown unit is 404; no token is 401", async () => {
    const res = await adminPost("/village-successors/query", { commune_id: U.vinhPhuc });
    expect(res.status).toBe(422);
    const e = ((await res.json()) as ErrorJson).error;
    expect(e.code).toBe("not_split");
    expect(e.message).toContain("Phường Vĩnh Phúc không bị chia tách");
    expect((await adminPost("/village-successors/query", { commune_id: "C:99999@2021-02-03" })).status).toBe(404);
    expect((await api("GET", `dvc_${"0".repeat(32)}`)).status).toBe(401);
  });
});

describe("sending the mapping", () => {
  it("stores it whole (a village left out is not known yet), audited, and answers the counts", async () => {
    const res = await api("PUT", token, { villages: [{ village_code: "tdp1", successor: "Phường Ngọc Hà (00008)", row: 2 }] });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(villageMovesResultSchema.parse(await res.json())).toEqual({ commune_id: U.congVi, mapped: 1, unknown: 1 });
    const view = (await (await api("GET", token)).json()) as VillageMovesView;
    expect(view.villages.map((v) => [v.village_code, v.successor_id, v.set_by])).toEqual([
      ["TDP1", U.ngocHa, "commune"],
      ["TDP2", null, null],
    ]);
    const audit = await db()
      .prepare("SELECT actor, action, unit_id, detail FROM audit_log WHERE action = 'village_successors.replace' ORDER BY id DESC LIMIT 1")
      .first<{ actor: string; unit_id: string; detail: string }>();
    expect(audit).toMatchObject({ actor: `commune:${U.congVi}`, unit_id: U.congVi });
    expect(JSON.parse(audit!.detail)).toEqual({ villages: [["TDP1", U.ngocHa]] });

    // An operator replaces it: by unit id and by code; null says "not known yet".
    const admin = await adminPost("/village-successors", {
      commune_id: U.congVi,
      villages: [
        { village_code: "TDP1", successor: null },
        { village_code: "TDP2", successor: "00025" },
      ],
    });
    expect(await admin.json()).toEqual({ commune_id: U.congVi, mapped: 1, unknown: 1 });
    const after = (await (await api("GET", token)).json()) as VillageMovesView;
    expect(after.villages.map((v) => [v.village_code, v.successor_id, v.set_by])).toEqual([
      ["TDP1", null, null],
      ["TDP2", U.giangVo, "admin"],
    ]);
  });

  it.each([
    [
      "a unit outside the conversion's successors",
      { village_code: "TDP1", successor: "Phường Ba Đình (00004)", row: 3 },
      "successor",
      "not_a_successor",
      'Trang "Chuyển đổi thôn", dòng 3, cột "Đơn vị mới": "Phường Ba Đình (00004)" không phải đơn vị nhận một phần Phường Cống Vị theo bảng chuyển đổi ngày 01/07/2025. Chọn một trong: Phường Ngọc Hà (00008); Phường Giảng Võ (00025); Chưa rõ.',
    ],
    [
      "a commune merged beside it (not a successor)",
      { village_code: "TDP1", successor: U.vinhPhuc, row: 3 },
      "successor",
      "not_a_successor",
      `"${U.vinhPhuc}" không phải đơn vị nhận một phần Phường Cống Vị`,
    ],
    [
      "a village the commune's registers do not have",
      { village_code: "TDP9", successor: U.ngocHa, row: 3 },
      "village_code",
      "unknown_village",
      'Thôn "TDP9" không có trong danh sách thôn của Phường Cống Vị.',
    ],
  ])("refuses %s on its cell, with the commune's token and as an operator, writing nothing", async (_what, bad, column, code, message) => {
    const before = await snapshot();
    const villages = [{ village_code: "TDP2", successor: U.giangVo, row: 2 }, bad];
    for (const res of [await api("PUT", token, { villages }), await adminPost("/village-successors", { commune_id: U.congVi, villages })]) {
      expect(res.status).toBe(422);
      const e = ((await res.json()) as ErrorJson).error;
      expect(e.code).toBe("invalid_village_moves");
      expect(e.details).toHaveLength(1);
      expect(e.details[0]).toMatchObject({ sheet: null, row: 3, column, code, severity: "error" });
      expect(e.details[0]!.message_vi).toContain(message);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a village twice and a malformed body, writing nothing", async () => {
    const before = await snapshot();
    const twice = await api("PUT", token, {
      villages: [
        { village_code: "TDP1", successor: U.ngocHa, row: 2 },
        { village_code: "TDP1", successor: U.giangVo, row: 4 },
      ],
    });
    expect(((await twice.json()) as ErrorJson).error.details[0]).toMatchObject({ row: 4, column: "village_code", code: "duplicate" });
    const malformed = await api("PUT", token, { villages: [{ village_code: "TDP1" }] });
    expect(malformed.status).toBe(422);
    expect(((await malformed.json()) as ErrorJson).error.code).toBe("invalid_request");
    expect(await snapshot()).toEqual(before);
  });
});

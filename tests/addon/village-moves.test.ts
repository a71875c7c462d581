/**
 * Menu "Chuyển đổi thôn", through the BUILT bundle on the Sheets double: the split commune's villages
 * come from the worker into a sheet with a dropdown of the conversion's successors; the clerk's
 * choices go back in one PUT; a bad cell is marked in Vietnamese and nothing is sent. The fake worker
 * answers with the API contract's shapes and runs the worker's own check (shared/village-moves.ts).
 * Real units: Phường Cống Vị (00007) → Phường Ngọc Hà (00008) / Phường Giảng Võ (00025).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { MARK_COLORS } from "../../addon/src/config";
import { errorBodySchema } from "../../shared/contract";
import {
  checkVillageMoves,
  VILLAGE_MOVES_SHEET,
  type VillageMovesView,
  villageMovesBodySchema,
  villageMovesResultSchema,
  villageMovesViewSchema,
} from "../../shared/village-moves";
import type { FakeDataValidation } from "./double/data-validation";
import type { FetchRequest } from "./double/url-fetch";
import { setConnection } from "./fixtures";
import type { GasDouble } from "./gas-double";
import { type Bundle, buildBundle, plain, setupEnv } from "./harness";

let bundle: Bundle;
beforeAll(async () => {
  bundle = await buildBundle();
}, 60_000);

const URL = "https://dan-van.example.workers.dev";
const TOKEN = "dvc_0123456789abcdef0123456789abcdef";
const NGOC_HA = { id: "C:00008@2025-07-01", code: "00008", label: "Phường Ngọc Hà" };
const GIANG_VO = { id: "C:00025@2025-07-01", code: "00025", label: "Phường Giảng Võ" };

/** A worker holding Cống Vị's villages and mapping; `villages` is what its registers know. */
function fakeWorker(gas: GasDouble, villages: [string, string][], stored: Record<string, string> = {}) {
  const state = { villages, stored: { ...stored }, puts: [] as unknown[] };
  const view = (): VillageMovesView =>
    villageMovesViewSchema.parse({
      commune: { id: "C:00007@2021-02-03", code: "00007", label: "Phường Cống Vị", valid_to: "2025-07-01" },
      successors: [NGOC_HA, GIANG_VO],
      villages: state.villages.map(([code, name]) => ({
        village_code: code,
        village_name: name,
        successor_id: state.stored[code] ?? null,
        set_by: state.stored[code] ? "commune" : null,
        set_at: state.stored[code] ? "2026-12-01T00:00:00.000Z" : null,
      })),
    });
  gas.fetchHandler = (req: FetchRequest) => {
    expect(req.url).toBe(`${URL}/api/village-successors`);
    expect(req.headers.Authorization).toBe(`Bearer ${TOKEN}`);
    if (req.method === "get") return { status: 200, body: JSON.stringify(view()) };
    expect(req.method).toBe("put");
    const body = villageMovesBodySchema.parse(JSON.parse(req.payload));
    state.puts.push(JSON.parse(req.payload));
    const check = checkVillageMoves(
      body.villages.map((v) => ({ row: v.row ?? null, village_code: v.village_code, successor: v.successor })),
      { commune: "Phường Cống Vị", successors: [NGOC_HA, GIANG_VO], villages: new Set(state.villages.map(([c]) => c)) },
    );
    if (check.issues.length) {
      const error = { code: "invalid_village_moves", message: "Bảng chuyển đổi thôn có lỗi; chưa lưu gì.", details: check.issues };
      return { status: 422, body: JSON.stringify(errorBodySchema.parse({ error })) };
    }
    state.stored = Object.fromEntries(check.moves.flatMap((m) => (m.successor_id ? [[m.village_code, m.successor_id]] : [])));
    const mapped = Object.keys(state.stored).length;
    const result = { commune_id: "C:00007@2021-02-03", mapped, unknown: state.villages.length - mapped };
    return { status: 200, body: JSON.stringify(villageMovesResultSchema.parse(result)) };
  };
  return state;
}

const VILLAGES: [string, string][] = [
  ["TDP1", "Tổ dân phố số 1"],
  ["TDP2", "Tổ dân phố số 2"],
  ["TDP3", "Tổ dân phố số 3"],
];

function env() {
  const e = setupEnv(bundle);
  setConnection(e.ss, URL, TOKEN);
  return e;
}

describe("Chuyển đổi thôn", () => {
  it("first run: a sheet of the commune's villages, what the worker holds, a dropdown of the successors only", () => {
    const { gas, ss, addon } = env();
    fakeWorker(gas, VILLAGES, { TDP2: GIANG_VO.id });
    expect(plain(addon.menuVillageMoves())).toEqual({ status: "created", villages: 3 });
    const sheet = ss._find(VILLAGE_MOVES_SHEET.title)!;
    expect(sheet._dump()).toEqual([
      ["Mã thôn", "Tên thôn", "Đơn vị mới"],
      ["TDP1", "Tổ dân phố số 1", "Chưa rõ"],
      ["TDP2", "Tổ dân phố số 2", "Phường Giảng Võ (00025)"],
      ["TDP3", "Tổ dân phố số 3", "Chưa rõ"],
    ]);
    const rule = sheet.getRange(2, 3).getDataValidation() as unknown as FakeDataValidation;
    expect(rule.args[0]).toEqual(["Phường Ngọc Hà (00008)", "Phường Giảng Võ (00025)", "Chưa rõ"]);
    expect(rule.allowInvalid).toBe(false);
    expect(gas.requests.map((r) => r.method)).toEqual(["get"]);
    expect(gas.ui.alerts.at(-1)!.message).toContain("Phường Cống Vị được sắp xếp về: Phường Ngọc Hà, Phường Giảng Võ.");
  });

  it("second run: sends the whole mapping in one PUT, with the rows, and says what was saved", () => {
    const { gas, ss, addon } = env();
    const worker = fakeWorker(gas, VILLAGES);
    addon.menuVillageMoves();
    const sheet = ss._find(VILLAGE_MOVES_SHEET.title)!;
    sheet._put([["Phường Ngọc Hà (00008)"], ["Phường Giảng Võ (00025)"]], 2, 3);
    expect(plain(addon.menuVillageMoves())).toEqual({ status: "saved", mapped: 2, unknown: 1, added: 0 });
    expect(worker.puts).toEqual([
      {
        villages: [
          { village_code: "TDP1", successor: "Phường Ngọc Hà (00008)", row: 2 },
          { village_code: "TDP2", successor: "Phường Giảng Võ (00025)", row: 3 },
          { village_code: "TDP3", successor: "Chưa rõ", row: 4 },
        ],
      },
    ]);
    expect(worker.stored).toEqual({ TDP1: NGOC_HA.id, TDP2: GIANG_VO.id });
    const msg = gas.ui.alerts.at(-1)!.message;
    expect(msg).toContain("Máy chủ đã lưu: 2 thôn đã xác định đơn vị mới.");
    expect(msg).toContain('1 thôn còn "Chưa rõ"');
  });

  it("a unit outside the conversion's successors: the cell is marked in Vietnamese and nothing is sent; fixed, it goes", () => {
    const { gas, ss, addon } = env();
    const worker = fakeWorker(gas, VILLAGES);
    addon.menuVillageMoves();
    const sheet = ss._find(VILLAGE_MOVES_SHEET.title)!;
    sheet._put([["Phường Ba Đình (00004)"]], 3, 3);
    expect(plain(addon.menuVillageMoves())).toEqual({ status: "cell_errors", errors: 1 });
    expect(worker.puts).toEqual([]);
    expect(sheet.getRange(3, 3).getBackground()).toBe(MARK_COLORS.error);
    expect(sheet.getRange(3, 3).getNote()).toContain(
      '"Phường Ba Đình (00004)" không phải đơn vị nhận một phần Phường Cống Vị theo bảng chuyển đổi ngày 01/07/2025.',
    );
    expect(gas.ui.alerts.at(-1)!.message).toContain('Trang "Chuyển đổi thôn", dòng 3, cột "Đơn vị mới"');

    sheet._put([["Phường Giảng Võ (00025)"]], 3, 3);
    expect(plain(addon.menuVillageMoves())).toMatchObject({ status: "saved", mapped: 1 });
    expect(sheet.getRange(3, 3).getBackground()).not.toBe(MARK_COLORS.error);
    expect(sheet.getRange(3, 3).getNote()).toBe("");
  });

  it("the worker's refusal marks its cells too (a village gone from the register since the sheet was made)", () => {
    const { gas, ss, addon } = env();
    const worker = fakeWorker(gas, VILLAGES);
    addon.menuVillageMoves();
    // The worker's view still lists TDP3 for the add-on's check, but its registers no longer hold it.
    const handler = gas.fetchHandler;
    gas.fetchHandler = (req) => {
      if (req.method === "put") worker.villages = VILLAGES.slice(0, 2);
      const res = handler(req);
      worker.villages = VILLAGES;
      return res;
    };
    ss._find(VILLAGE_MOVES_SHEET.title)!._put([["Phường Ngọc Hà (00008)"]], 4, 3);
    expect(plain(addon.menuVillageMoves())).toEqual({ status: "cell_errors", errors: 1 });
    const sheet = ss._find(VILLAGE_MOVES_SHEET.title)!;
    expect(sheet.getRange(4, 1).getBackground()).toBe(MARK_COLORS.error);
    expect(sheet.getRange(4, 1).getNote()).toContain('Thôn "TDP3" không có trong danh sách thôn của Phường Cống Vị.');
    expect(worker.stored).toEqual({});
  });

  it("appends villages the register gained since, as «Chưa rõ»", () => {
    const { gas, ss, addon } = env();
    const worker = fakeWorker(gas, VILLAGES.slice(0, 2));
    addon.menuVillageMoves();
    worker.villages = VILLAGES;
    expect(plain(addon.menuVillageMoves())).toEqual({ status: "saved", mapped: 0, unknown: 3, added: 1 });
    expect(ss._find(VILLAGE_MOVES_SHEET.title)!._dump().at(-1)).toEqual(["TDP3", "Tổ dân phố số 3", "Chưa rõ"]);
    expect(gas.ui.alerts.at(-1)!.message).toContain("Đã thêm 1 thôn mới");
  });

  it.each([
    [
      "a commune merged whole",
      422,
      { error: { code: "not_split", message: "Phường Vĩnh Phúc không bị chia tách khi sắp xếp đơn vị hành chính.", details: [] } },
      "Không cần chuyển đổi thôn",
      "Phường Vĩnh Phúc không bị chia tách",
    ],
    [
      "a revoked token",
      401,
      { error: { code: "unauthorized", message: "Không có quyền.", details: [] } },
      "Chưa kết nối được",
      "Cài đặt kết nối",
    ],
  ])("%s: the worker's refusal in Vietnamese, no sheet made", (_what, status, body, title, message) => {
    const { gas, ss, addon } = env();
    gas.fetchHandler = () => ({ status, body: JSON.stringify(errorBodySchema.parse(body)) });
    expect(plain(addon.menuVillageMoves())).toEqual({ status: "refused" });
    expect(gas.ui.alerts.at(-1)).toMatchObject({ title });
    expect(gas.ui.alerts.at(-1)!.message).toContain(message);
    expect(ss._find(VILLAGE_MOVES_SHEET.title)).toBeUndefined();
  });

  it("without a connection: says what is missing, asks nothing of the worker", () => {
    const { gas, addon } = setupEnv(bundle);
    expect(plain(addon.menuVillageMoves())).toEqual({ status: "no_settings" });
    expect(gas.requests).toEqual([]);
    expect(gas.ui.alerts.at(-1)!.message).toContain("Cài đặt kết nối");
  });
});

/**
 * Menu "Chốt số liệu kỳ" through the BUILT bundle on the Sheets double: the clerk names a month or a
 * quarter in the Vietnamese way and who closes it; a period that is not a month or a quarter, or a
 * workbook with errors, sends nothing; the request passes the shared schema; the worker's answers
 * (closed, already closed, refused with its errors listed) read in Vietnamese. The fake worker answers
 * with the contract's shapes (shared/closing.ts, shared/contract.ts).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { closeRequestSchema, closingResultSchema } from "../../shared/closing";
import { errorBodySchema } from "../../shared/contract";
import { SHEETS } from "../../shared/templates";
import { putWorkbook, register, setCommune, setConnection } from "./fixtures";
import { type Bundle, buildBundle, plain, setupEnv } from "./harness";

let bundle: Bundle;
beforeAll(async () => {
  bundle = await buildBundle();
}, 60_000);

const URL = "https://dan-van.example.workers.dev";
const TOKEN = "dvc_0123456789abcdef0123456789abcdef";

function readyEnv() {
  const env = setupEnv(bundle);
  putWorkbook(env.ss, register());
  setCommune(env.ss);
  setConnection(env.ss, URL, TOKEN);
  return env;
}

const closed = (period: string, changed: boolean) =>
  closingResultSchema.parse({
    changed,
    closing: {
      commune_id: "C:07576@2021-02-03",
      period,
      label_vi: period,
      state: "closed",
      closed_by: "Nguyễn Thị Lan",
      closed_at: "2022-10-05T02:00:00.000Z",
      accepted_by: null,
      accepted_at: null,
      submission_id: "s-1",
    },
  });

describe("Chốt số liệu kỳ", () => {
  it.each([
    ["quý III/2022", "2022-Q3"],
    ["09/2022", "2022-09"],
    ["tháng 9/2022", "2022-09"],
    ["2022-q1", "2022-Q1"],
  ])("%j → closes %s, with the clerk's name, after the check", (typed, key) => {
    const { gas, addon } = readyEnv();
    gas.fetchHandler = (req) => {
      expect(req.url).toBe(`${URL}/api/closings`);
      expect(req.headers).toEqual({ Authorization: `Bearer ${TOKEN}` });
      const body = closeRequestSchema.parse(JSON.parse(req.payload));
      return { status: 201, body: JSON.stringify(closed(body.period, true)) };
    };
    gas.ui.answers.push({ text: typed }, { text: " Nguyễn Thị Lan " }, { button: "YES" });
    expect(plain(addon.menuClosePeriod())).toEqual({ status: "closed", period: key });
    expect(JSON.parse(gas.requests[0]!.payload)).toEqual({ period: key, closed_by: "Nguyễn Thị Lan" });
    expect(gas.ui.alerts.at(-1)!.title).toBe("Đã chốt số liệu");
    expect(gas.ui.alerts.at(-1)!.message).toContain("05/10/2022");
  });

  it.each(["13/2022", "2022", "P1", "2022-W03", "tuần trước"])("%j is not a month or a quarter: nothing is sent", (typed) => {
    const { gas, addon } = readyEnv();
    gas.ui.answers.push({ text: typed }, { text: "" });
    expect(plain(addon.menuClosePeriod())).toEqual({ status: "bad_period" });
    expect(gas.requests).toHaveLength(0);
    expect(gas.ui.alerts.at(-1)!.message).toContain("một tháng hoặc một quý");
  });

  it("a workbook with errors: marked, listed, nothing sent", () => {
    const { gas, ss, addon } = readyEnv();
    ss._find(SHEETS.households.title)!._put([[75]], 3, 6);
    gas.ui.answers.push({ text: "09/2022" }, { text: "" });
    expect(plain(addon.menuClosePeriod())).toMatchObject({ status: "blocked_errors", period: "2022-09" });
    expect(gas.requests).toHaveLength(0);
    expect(gas.ui.sidebars).toHaveLength(1);
  });

  it("already closed with the same figures; refused by the worker with its errors listed", () => {
    const { gas, addon } = readyEnv();
    gas.fetchHandler = () => ({ status: 200, body: JSON.stringify(closed("2022-09", false)) });
    gas.ui.answers.push({ text: "09/2022" }, { text: "" }, { button: "YES" });
    expect(plain(addon.menuClosePeriod())).toEqual({ status: "unchanged", period: "2022-09" });
    expect(JSON.parse(gas.requests[0]!.payload)).toEqual({ period: "2022-09" });

    const error = {
      code: "period_has_errors",
      message: "Chưa chốt được Tháng 09/2022: dữ liệu gửi gần nhất của xã còn lỗi (1 loại lỗi, xem chi tiết).",
      details: [
        {
          sheet: null,
          row: null,
          column: null,
          code: "birth_year",
          severity: "error",
          message_vi: 'Lần gửi lúc … bị từ chối: 1 lỗi loại "birth_year".',
        },
      ],
    };
    gas.fetchHandler = () => ({ status: 422, body: JSON.stringify(errorBodySchema.parse({ error })) });
    gas.ui.answers.push({ text: "09/2022" }, { text: "" }, { button: "YES" });
    expect(plain(addon.menuClosePeriod())).toEqual({ status: "refused", period: "2022-09", errors: 1 });
    expect(gas.ui.alerts.at(-1)!.message).toContain('1 lỗi loại "birth_year"');
  });

  it("the menu has the item, and a clerk who says No sends nothing", () => {
    const { gas, addon } = readyEnv();
    addon.onOpen();
    gas.ui.answers.push({ text: "09/2022" }, { text: "" }, { button: "NO" });
    expect(plain(addon.menuClosePeriod())).toEqual({ status: "cancelled", period: "2022-09" });
    expect(gas.requests).toHaveLength(0);
  });
});

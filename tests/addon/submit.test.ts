/**
 * "Gửi báo cáo": nothing is sent while there are errors; otherwise a valid envelope; a retry
 * after a failure reuses the submission id; Sheets calls do not grow with the data. Also the
 * connection settings dialog, the weekly trigger and the founding decision.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { PROP } from "../../addon/src/config";
import { errorBodySchema, receiptBodySchema } from "../../shared/contract";
import { checkEnvelope } from "../../shared/envelope";
import { todayVi } from "../../shared/periods";
import { SHEETS } from "../../shared/templates";
import { SHEETS_CLASSES } from "./double/counting";
import type { FetchRequest } from "./double/url-fetch";
import { putWorkbook, register, setCommune, setConnection } from "./fixtures";
import type { GasDouble } from "./gas-double";
import { type Bundle, buildBundle, plain, setupEnv } from "./harness";

let bundle: Bundle;
beforeAll(async () => {
  bundle = await buildBundle();
}, 60_000);

const URL = "https://dan-van.example.workers.dev";
const TOKEN = "dvc_0123456789abcdef0123456789abcdef";

/** A worker's answer as the API contract defines it (shared/contract.ts): the fakes are checked against it. */
const answer = (status: number, body: unknown, headers?: Record<string, string>) => ({
  status,
  body: JSON.stringify(status < 300 ? receiptBodySchema.parse(body) : errorBodySchema.parse(body)),
  ...(headers ? { headers } : {}),
});

function receiptFor(req: FetchRequest, duplicate = false) {
  const env = JSON.parse(req.payload) as { submission_id: string; sheets: Record<string, unknown[]> };
  const counts = Object.fromEntries(
    Object.entries(env.sheets).map(([k, rows]) => [k, { inserted: rows.length, updated: 0, unchanged: 0, deleted: 0, withdrawn: 0 }]),
  );
  return answer(duplicate ? 200 : 201, {
    receipt: {
      submission_id: env.submission_id,
      commune_id: "C:07576@2021-02-03",
      received_at: "2022-03-31T02:00:00.000Z",
      duplicate,
      counts,
      warnings: [
        {
          sheet: "teams",
          row: 2,
          column: "team_code",
          code: "households_per_team",
          severity: "warning",
          message_vi: 'Tổ "Tổ số 1" phụ trách 29 hộ.',
        },
      ],
      warnings_total: 1,
    },
  });
}

const busy = (retryAfter?: string) =>
  answer(
    503,
    { error: { code: "busy", message: "Xã đang nhận nhiều lần gửi cùng lúc; chưa ghi gì. Hãy gửi lại sau ít phút.", details: [] } },
    retryAfter === undefined ? undefined : { "Retry-After": retryAfter },
  );

const CONFIRM = { villages: 0, teams: 1, members: 4, households: 40 };
const STORED = { villages: 2, teams: 2, members: 8, households: 110 };
const confirmRequired = () =>
  answer(422, {
    error: {
      code: "confirm_deletions_required",
      message: "Lần gửi này xóa nhiều dòng khỏi danh sách của xã. Chưa ghi gì.",
      details: [
        {
          sheet: "households",
          row: null,
          column: null,
          code: "deletes_rows",
          severity: "error",
          message_vi: 'Lần gửi này xóa 40 trong số 110 dòng của trang "Hộ gia đình (mẫu 02)".',
        },
      ],
      confirm_deletions: CONFIRM,
      stored: STORED,
    },
  });

function readyEnv(wb = register()) {
  const env = setupEnv(bundle);
  putWorkbook(env.ss, wb);
  setCommune(env.ss);
  setConnection(env.ss, URL, TOKEN);
  return env;
}

function lastAlert(gas: GasDouble) {
  return gas.ui.alerts.at(-1)!;
}

describe("Gửi báo cáo", () => {
  it("sends nothing while the workbook has errors", () => {
    const { gas, ss, addon } = readyEnv();
    ss._find(SHEETS.households.title)!._put([[75]], 3, 6);
    gas.fetchHandler = () => {
      throw new Error("must not be called");
    };
    const r = plain(addon.menuSubmit());
    expect(r.status).toBe("blocked_errors");
    expect(gas.requests).toHaveLength(0);
    expect(lastAlert(gas).title).toBe("Chưa gửi báo cáo");
    expect(lastAlert(gas).message).toContain("chưa gửi gì lên máy chủ");
    expect(gas.ui.sidebars).toHaveLength(1);
    expect(ss.documentProperties.getProperty(PROP.pending)).toBeNull();
  });

  it("asks for the connection settings before sending", () => {
    const { gas, ss, addon } = setupEnv(bundle);
    putWorkbook(ss, register());
    setCommune(ss);
    const r = plain(addon.menuSubmit());
    expect(r.status).toBe("blocked_settings");
    expect(gas.requests).toHaveLength(0);
    expect(lastAlert(gas).message).toContain("Cài đặt kết nối");
  });

  it("sends a valid envelope and shows the receipt in Vietnamese", () => {
    const { gas, ss, addon } = readyEnv();
    gas.fetchHandler = (req) => receiptFor(req);
    const r = plain(addon.menuSubmit());
    expect(r.status).toBe("sent");
    expect(gas.requests).toHaveLength(1);
    const req = gas.requests[0]!;
    expect(req.url).toBe(`${URL}/api/submissions`);
    expect(req.method).toBe("post");
    expect(req.contentType).toBe("application/json");
    expect(req.headers).toEqual({ Authorization: `Bearer ${TOKEN}` });
    expect(req.muteHttpExceptions).toBe(true);

    const envelope = JSON.parse(req.payload);
    expect(envelope.commune_code).toBe("07576");
    expect(envelope.commune_name).toBe("Xã Quý Sơn");
    expect(envelope.spreadsheet_id).toBe(ss.id);
    expect(envelope.submission_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(envelope.sheets.households).toHaveLength(70);
    expect(envelope.sheets.households[0]).toMatchObject({ household_code: "V01-0001", team_code: "V01-T1", in_zalo: true, _row: 2 });
    expect(envelope.sheets.teams[0].founded_on).toBe("2021-10-15");
    // The worker's own check accepts it (schema, content hash computed in the bundle, rules).
    const check = checkEnvelope(envelope, { today: todayVi() });
    expect(check.ok, JSON.stringify(check.issues.slice(0, 3))).toBe(true);

    const a = lastAlert(gas);
    expect(a.title).toBe("Đã gửi báo cáo");
    expect(a.message).toContain("Máy chủ đã nhận báo cáo.");
    expect(a.message).toContain("• Hộ gia đình (mẫu 02): thêm 70, sửa 0, giữ nguyên 0, xóa 0");
    expect(a.message).toContain("Cảnh báo (1):");
    expect(ss.documentProperties.getProperty(PROP.pending)).toBeNull();
    expect(ss._find("Cài đặt")).toBeUndefined(); // not set up through the menu: nothing recorded, nothing fails
  });

  it("a retry after a failed fetch reuses the same submission id; a receipt clears it", () => {
    const { gas, ss, addon } = readyEnv();
    const ids: string[] = [];
    let mode: "network" | "500" | "ok" = "network";
    gas.fetchHandler = (req) => {
      ids.push(JSON.parse(req.payload).submission_id);
      if (mode === "network") throw new Error("DNS error: dan-van.example.workers.dev");
      if (mode === "500") return answer(500, { error: { code: "internal_error", message: "Máy chủ gặp lỗi", details: [] } });
      return receiptFor(req);
    };
    addon.menuSubmit();
    expect(lastAlert(gas).title).toBe("Không gửi được: lỗi kết nối mạng");
    expect(lastAlert(gas).message).toContain("chỉ tính một lần");
    const pending = JSON.parse(ss.documentProperties.getProperty(PROP.pending)!);
    expect(pending.submission_id).toBe(ids[0]);

    mode = "500";
    addon.menuSubmit();
    expect(lastAlert(gas).title).toBe("Không gửi được: máy chủ đang bận hoặc gặp lỗi");
    expect(lastAlert(gas).message).toContain("Máy chủ trả lời mã 500");

    mode = "ok";
    const r = plain(addon.menuSubmit());
    expect(r.retry).toBe(true);
    expect(lastAlert(gas).message).toContain("lần gửi lại của lần trước");
    expect(new Set(ids).size).toBe(1);
    expect(ss.documentProperties.getProperty(PROP.pending)).toBeNull();
    // Same content payloads are byte-identical (same id, same generated_at, same hash).
    expect(new Set(gas.requests.map((q) => q.payload)).size).toBe(1);

    // The next submission (after a receipt) is a new one.
    addon.menuSubmit();
    expect(ids[3]).not.toBe(ids[0]);
  });

  it("data changed after a failed attempt gets a new submission id", () => {
    const { gas, ss, addon } = readyEnv();
    const ids: string[] = [];
    let fail = true;
    gas.fetchHandler = (req) => {
      ids.push(JSON.parse(req.payload).submission_id);
      if (fail) throw new Error("Timeout");
      return receiptFor(req);
    };
    addon.menuSubmit();
    ss._find(SHEETS.households.title)!._put([[6]], 2, 7);
    fail = false;
    addon.menuSubmit();
    expect(ids[1]).not.toBe(ids[0]);
  });

  it("shows the worker's refusal and a revoked token in Vietnamese", () => {
    const { gas, addon } = readyEnv();
    gas.fetchHandler = () =>
      answer(422, {
        error: {
          code: "rule_violation",
          message: "Dữ liệu không hợp lệ.",
          details: [
            {
              sheet: "households",
              row: 5,
              column: "birth_year",
              code: "out_of_range",
              severity: "error",
              message_vi: '"Năm sinh" phải từ 1900 đến 2022.',
            },
          ],
        },
      });
    addon.menuSubmit();
    expect(lastAlert(gas).title).toBe("Máy chủ không nhận báo cáo");
    expect(lastAlert(gas).message).toContain('Trang "Hộ gia đình (mẫu 02)", dòng 5, cột "Năm sinh"');
    gas.fetchHandler = () => answer(401, { error: { code: "unauthorized", message: "Mã truy cập không hợp lệ.", details: [] } });
    addon.menuSubmit();
    expect(lastAlert(gas).title).toBe("Không gửi được: mã truy cập không hợp lệ");
  });

  it("asks the clerk before deleting many register rows, and resends the same submission with the counts only on yes", () => {
    const { gas, ss, addon } = readyEnv();
    gas.fetchHandler = (req) => (JSON.parse(req.payload).confirm_deletions ? receiptFor(req) : confirmRequired());
    gas.ui.answers.push({ button: "YES" });
    const r = plain(addon.menuSubmit());
    expect(gas.requests).toHaveLength(2);
    const [first, second] = gas.requests.map((q) => JSON.parse(q.payload));
    expect(first.confirm_deletions).toBeUndefined();
    expect(second.confirm_deletions).toEqual(CONFIRM);
    expect(second.submission_id).toBe(first.submission_id);
    expect(second.content_hash).toBe(first.content_hash);
    // The question, in Vietnamese, with the counts the worker gave.
    const question = gas.ui.alerts.at(-2)!;
    expect(question.title).toBe("Xác nhận xóa dữ liệu");
    expect(question.message).toContain("Hộ gia đình (mẫu 02): xóa 40 trong số 110 dòng");
    expect(question.message).toContain("Tổ: xóa 1 trong số 2 dòng");
    expect(question.message).toContain("chọn Có");
    expect(r.outcome).toBe("accepted");
    expect(lastAlert(gas).title).toBe("Đã gửi báo cáo");
    expect(ss.documentProperties.getProperty(PROP.pending)).toBeNull();
  });

  it("sends nothing more when the clerk says no to the deletions", () => {
    const { gas, ss, addon } = readyEnv();
    gas.fetchHandler = (req) => (JSON.parse(req.payload).confirm_deletions ? receiptFor(req) : confirmRequired());
    gas.ui.answers.push({ button: "NO" });
    const r = plain(addon.menuSubmit());
    expect(gas.requests).toHaveLength(1);
    expect(r.outcome).toBe("confirm");
    expect(lastAlert(gas).title).toBe("Chưa gửi báo cáo");
    expect(lastAlert(gas).message).toContain("chưa gửi gì");
    // The same content sent later is the same submission (nothing was written).
    expect(JSON.parse(ss.documentProperties.getProperty(PROP.pending)!).submission_id).toBe(
      JSON.parse(gas.requests[0]!.payload).submission_id,
    );
  });

  it("waits as the worker's Retry-After says when it is busy, and sends the same bytes again", () => {
    const { gas, addon } = readyEnv();
    let n = 0;
    gas.fetchHandler = (req) => (++n <= 2 ? busy("5") : receiptFor(req));
    const r = plain(addon.menuSubmit());
    expect(r.outcome).toBe("accepted");
    expect(gas.requests).toHaveLength(3);
    expect(new Set(gas.requests.map((q) => q.payload)).size).toBe(1);
    expect(gas.sleeps).toEqual([5000, 5000]);
  });

  it.each([
    ["no Retry-After", undefined, 1, []],
    ["a Retry-After longer than a minute", "3600", 1, []],
    ["busy every time: a bounded number of attempts", "20", 4, [20_000, 20_000, 20_000]],
  ])("gives up on a busy worker with %s", (_what, retryAfter, requests, sleeps) => {
    const { gas, ss, addon } = readyEnv();
    gas.fetchHandler = () => busy(retryAfter);
    const r = plain(addon.menuSubmit());
    expect(r.outcome).toBe("retry");
    expect(gas.requests).toHaveLength(requests);
    expect(gas.sleeps).toEqual(sleeps);
    expect(gas.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(120_000);
    expect(lastAlert(gas).title).toBe("Không gửi được: máy chủ đang bận hoặc gặp lỗi");
    expect(ss.documentProperties.getProperty(PROP.pending)).not.toBeNull(); // the next try is the same submission
  });

  it("reads an HTTP-date Retry-After", () => {
    const { gas, addon } = readyEnv();
    let n = 0;
    gas.fetchHandler = (req) => (++n === 1 ? busy(new Date(Date.now() + 10_000).toUTCString()) : receiptFor(req));
    expect(plain(addon.menuSubmit()).outcome).toBe("accepted");
    expect(gas.sleeps).toHaveLength(1);
    expect(gas.sleeps[0]).toBeGreaterThanOrEqual(8_000);
    expect(gas.sleeps[0]).toBeLessThanOrEqual(11_000);
  });

  it("says a newer add-on than the server is not the clerk's fault", () => {
    const { gas, addon } = readyEnv();
    gas.fetchHandler = () =>
      answer(409, {
        error: { code: "schema_version_too_new", message: "Phiên bản mẫu 3 mới hơn máy chủ này.", details: [] },
      });
    addon.menuSubmit();
    expect(lastAlert(gas).title).toBe("Không gửi được: máy chủ chưa cập nhật");
    expect(lastAlert(gas).message).not.toContain("đã cũ");
  });

  it("uses the same number of Sheets calls for 50 and for 5,000 households", () => {
    const measure = (wb: ReturnType<typeof register>) => {
      const { gas, addon } = readyEnv(wb);
      gas.fetchHandler = (req) => receiptFor(req);
      gas.counter.reset();
      const s = plain(addon.runCheckNow());
      expect(s.errors + s.warnings, JSON.stringify(s.sheets.flatMap((x: { items: unknown[] }) => x.items).slice(0, 3))).toBe(0);
      const check = gas.counter.snapshot(SHEETS_CLASSES);
      gas.counter.reset();
      const r = plain(addon.menuSubmit());
      expect(r.status).toBe("sent");
      const submit = gas.counter.snapshot(SHEETS_CLASSES);
      const households = JSON.parse(gas.requests[0]!.payload).sheets.households.length;
      return { check, submit, households };
    };
    const small = measure(register({ villages: 1, teamsPerVillage: 1, householdsPerTeam: 50 }));
    const large = measure(register({ villages: 4, teamsPerVillage: 25, householdsPerTeam: 50 }));
    expect(small.households).toBe(50);
    expect(large.households).toBe(5000);
    expect(large.check).toEqual(small.check);
    expect(large.submit).toEqual(small.submit);
    const total = (x: Record<string, number>) => Object.values(x).reduce((a, b) => a + b, 0);
    console.info(
      `Sheets calls — check: ${total(small.check)} (50) vs ${total(large.check)} (5,000); submit: ${total(small.submit)} vs ${total(large.submit)}`,
    );
    // One read per template sheet.
    expect(small.check["Range.getValues"]).toBe(Object.keys(SHEETS).length);
  }, 120_000);
});

describe("Cài đặt kết nối", () => {
  it("keeps the URL and token in document properties, never in a cell or the page", () => {
    const { gas, ss, addon } = setupEnv(bundle);
    setCommune(ss);
    addon.menuConnection();
    const page = gas.ui.dialogs.at(-1)!;
    expect(page.title).toBe("Cài đặt kết nối");
    expect(page.html._data()).toMatchObject({ url: "", hasToken: false, communeCode: "07576" });

    expect(plain(addon.saveConnectionSettings({ url: "dan-van.workers.dev", token: TOKEN })).ok).toBe(false);
    expect(plain(addon.saveConnectionSettings({ url: URL, token: "dvl_0123456789abcdef0123456789abcdef" })).message).toContain("dvc_");
    const ok = plain(addon.saveConnectionSettings({ url: `${URL}/`, token: TOKEN }));
    expect(ok.ok).toBe(true);
    expect(ss.documentProperties.getProperty(PROP.workerUrl)).toBe(URL);
    expect(ss.documentProperties.getProperty(PROP.token)).toBe(TOKEN);
    // An empty token keeps the saved one.
    expect(plain(addon.saveConnectionSettings({ url: URL, token: "" })).ok).toBe(true);
    expect(ss.documentProperties.getProperty(PROP.token)).toBe(TOKEN);

    addon.menuConnection();
    const view = gas.ui.dialogs.at(-1)!.html;
    expect(view.getContent()).not.toContain(TOKEN);
    expect(view._data()).toMatchObject({ url: URL, hasToken: true, tokenHint: "…cdef", endpoint: `${URL}/api/submissions` });

    gas.ui.answers.push({ text: "07576" }, { text: "Xã Quý Sơn" });
    addon.menuSetup();
    for (const s of ss.sheets) for (const row of s._dump()) for (const v of row) expect(String(v)).not.toContain(TOKEN.slice(4));
  });
});

describe("Gửi tự động hằng tuần", () => {
  it("installs one Monday trigger that submits without an open document, and removes it", () => {
    const { gas, ss, addon } = readyEnv();
    gas.ui.answers.push({ text: "07576" }, { text: "Xã Quý Sơn" });
    addon.menuSetup();
    addon.menuAutoOn();
    addon.menuAutoOn();
    expect(gas.triggers).toHaveLength(1);
    expect(gas.triggers[0]!.handler).toBe("autoSubmitWeekly");
    expect(gas.triggers[0]!.spec).toEqual({ kind: "clock", weekDay: "MONDAY", hour: 7 });
    expect(lastAlert(gas).title).toBe("Đã bật gửi tự động");

    // The trigger runs with no active document (no document properties, no UI).
    gas.active = null;
    gas.fetchHandler = (req) => receiptFor(req);
    const alerts = gas.ui.alerts.length;
    addon.autoSubmitWeekly();
    expect(gas.requests).toHaveLength(1);
    expect(gas.requests[0]!.headers.Authorization).toBe(`Bearer ${TOKEN}`);
    expect(gas.ui.alerts.length).toBe(alerts);
    const settings = ss._find("Cài đặt")!._dump();
    expect(String(settings[5]![1])).toContain("Đã gửi (mã lần gửi");
    expect(JSON.parse(gas.userProperties.getProperty("DV_AUTO_SUBMIT")!)[0].last.ok).toBe(true);

    // With errors it sends nothing and says why on the settings sheet.
    ss._find(SHEETS.households.title)!._put([[75]], 3, 6);
    addon.autoSubmitWeekly();
    expect(gas.requests).toHaveLength(1);
    expect(String(ss._find("Cài đặt")!._dump()[5]![1])).toContain("còn 1 lỗi");

    // A busy worker (503 + Retry-After) is waited for: that week is still sent.
    ss._find(SHEETS.households.title)!._put([[1975]], 3, 6);
    let n = 0;
    gas.fetchHandler = (req) => (++n === 1 ? busy("7") : receiptFor(req));
    addon.autoSubmitWeekly();
    expect(gas.requests).toHaveLength(3);
    expect(gas.requests[1]!.payload).toBe(gas.requests[2]!.payload);
    expect(gas.sleeps).toEqual([7000]);
    expect(JSON.parse(gas.userProperties.getProperty("DV_AUTO_SUBMIT")!)[0].last.ok).toBe(true);

    // Deletions to confirm: nobody to ask, nothing more sent, and the settings sheet says what to do.
    ss._find(SHEETS.households.title)!._put([[1976]], 3, 6);
    gas.fetchHandler = () => confirmRequired();
    addon.autoSubmitWeekly();
    expect(gas.requests).toHaveLength(4);
    expect(gas.ui.alerts.length).toBe(alerts);
    expect(String(ss._find("Cài đặt")!._dump()[5]![1])).toContain("cần xác nhận xóa dữ liệu");
    expect(JSON.parse(gas.userProperties.getProperty("DV_AUTO_SUBMIT")!)[0].last).toMatchObject({ ok: false });

    gas.active = ss;
    addon.menuAutoOff();
    expect(gas.triggers).toHaveLength(0);
    expect(gas.userProperties.getProperty("DV_AUTO_SUBMIT")).toBeNull();
  });
});

describe("Tạo Quyết định", () => {
  it("creates a Google Doc with the decision and the member list (mẫu 01)", () => {
    const { gas, ss, addon } = readyEnv();
    const r = plain(addon.menuDecision());
    expect(r.url).toMatch(/^https:\/\/docs\.google\.com\/document\/d\//);
    const doc = gas.documents[0]!;
    expect(doc.name).toBe("Quyết định thành lập Tổ Dân vận cộng đồng - Xã Quý Sơn");
    expect(doc.paragraphs.map((p) => p.text)).toContain("QUYẾT ĐỊNH");
    expect(doc.paragraphs.some((p) => p.text.startsWith("Điều 1. Thành lập Tổ Dân vận cộng đồng tại Thôn Quý Thịnh; Thôn Ngọt"))).toBe(
      true,
    );
    const [header, ...rows] = doc.tables[0]!;
    expect(header).toEqual(["TT", "Tổ Dân vận cộng đồng", "Tổ", "STT", "Họ và tên", "Chức vụ hiện tại", "Chức vụ tham gia Tổ DVCĐ"]);
    expect(rows).toHaveLength(8);
    expect(rows[0]!.slice(0, 4)).toEqual(["1", "Thôn Quý Thịnh", "Tổ số 1", "1"]);
    expect(rows[0]![6]).toBe("Tổ trưởng");
    expect(rows[1]![6]).toBe("Tổ phó");
    expect(rows[4]!.slice(0, 3)).toEqual(["2", "Thôn Ngọt", "Tổ số 1"]);
    expect(doc.saved).toBe(true);
    expect(gas.ui.dialogs.at(-1)!.html.getContent()).toContain(r.url);
    void ss;
  });
});

describe("Menu", () => {
  it("onOpen builds the Dân vận menu without touching the spreadsheet", () => {
    const { gas, addon } = setupEnv(bundle);
    gas.counter.reset();
    addon.onOpen({});
    expect(gas.counter.total(SHEETS_CLASSES)).toBe(1); // SpreadsheetApp.getUi only
    expect(gas.ui.menus[0]!.items.filter((i) => i.fn).map((i) => [i.caption, i.fn])).toEqual([
      ["Thiết lập mẫu", "menuSetup"],
      ["Nhập danh sách có sẵn", "menuImport"],
      ["Kiểm tra dữ liệu", "menuCheck"],
      ["Gửi báo cáo", "menuSubmit"],
      ["Chốt số liệu kỳ", "menuClosePeriod"],
      ["Mẫu tin nhắn Zalo cho các tổ", "menuZaloForms"],
      ["Dán báo cáo Zalo", "menuZaloPaste"],
      ["Tạo báo cáo tuần mới", "menuNewWeek"],
      ["Dự thảo đánh giá, xếp loại tổ", "menuEvaluationDraft"],
      ["Tạo Quyết định thành lập tổ", "menuDecision"],
      ["Chuyển đổi thôn (xã bị chia tách)", "menuVillageMoves"],
      ["Cài đặt kết nối", "menuConnection"],
      ["Bật gửi tự động hằng tuần", "menuAutoOn"],
      ["Tắt gửi tự động hằng tuần", "menuAutoOff"],
    ]);
  });
});

/** The add-on's pure modules, straight from source: marks, codes, header matching, import plans, answers. */
import { describe, expect, it } from "vitest";
import { adhocCodes, CodeAllocator, householdCodes } from "../../addon/src/codes";
import { detectLayout, matchMau01, matchMau02 } from "../../addon/src/import-layout";
import { teamNumber, villageCodeFor, villageCore } from "../../addon/src/import-plan";
import { applyMarks, userPartOfNote } from "../../addon/src/marks";
import { columnLetter, mapHeaders, rowsToObjects } from "../../addon/src/sheet-model";
import { chooseSubmission, interpretResponse, networkFailure, submissionsUrl } from "../../addon/src/submit";
import { planHeaders } from "../../addon/src/template-plan";
import { receiptSchema } from "../../shared/contract";
import { PILOT } from "../../shared/data/units";
import { SHEET_KEYS } from "../../shared/templates";

describe("marks", () => {
  it("adds a mark, keeps the clerk's note and colour, and removes stale marks", () => {
    const r = applyMarks(
      {
        startRow: 2,
        backgrounds: [["#ffffff", "#f4cccc", "#c9daf8"]],
        notes: [["Hộ nghèo", "[Kiểm tra] Lỗi: cũ", "riêng\n[Kiểm tra] Cảnh báo: cũ"]],
      },
      [{ row: 2, col: 0, severity: "warning", message: "Có thể trùng\nhộ khác" }],
    );
    expect(r.backgrounds).toEqual([["#fff2cc", null, "#c9daf8"]]);
    expect(r.notes).toEqual([["Hộ nghèo\n[Kiểm tra] Cảnh báo: Có thể trùng hộ khác", "", "riêng"]]);
    expect(r.changed).toBe(true);
    expect(r.cleared).toBe(1);
  });

  it("reports no change when marks are already as they should be", () => {
    const r = applyMarks({ startRow: 2, backgrounds: [["#f4cccc", "#ffffff"]], notes: [["[Kiểm tra] Lỗi: x", ""]] }, [
      { row: 2, col: 0, severity: "error", message: "x" },
    ]);
    expect(r.changed).toBe(false);
    expect(userPartOfNote("[Kiểm tra] Lỗi: x")).toBe("");
  });
});

describe("codes", () => {
  it("continues after the highest number in use and never reuses a code", () => {
    const a = new CodeAllocator(["QT-0007", "qt-0002", "NG-0001", "x y"], 4);
    expect([a.allocate("QT"), a.allocate("QT"), a.allocate("NG"), a.allocate("HO")]).toEqual(["QT-0008", "QT-0009", "NG-0002", "HO-0001"]);
  });

  it("gives household and ad-hoc codes only to rows with data and no code", () => {
    const villages = new Map([["QT-T1", "QT"]]);
    const hh = householdCodes(
      [
        { code: "QT-0001", team: "QT-T1", hasData: true },
        { code: "", team: "qt-t1", hasData: true },
        { code: "", team: "", hasData: false },
        { code: " ", team: "XX-T9", hasData: true },
      ],
      villages,
    );
    expect([...hh]).toEqual([
      [1, "QT-0002"],
      [3, "HO-0001"],
    ]);
    expect([
      ...adhocCodes([
        { code: "DX-QT-T1-004", team: "QT-T1", hasData: true },
        { code: "", team: "QT-T1", hasData: true },
      ]),
    ]).toEqual([[1, "DX-QT-T1-005"]]);
  });
});

describe("header matching", () => {
  it("finds mẫu 02 and mẫu 01 headers whatever the case and diacritics", () => {
    expect(
      [
        "Tên nhóm",
        "HỌ VÀ TÊN NGƯỜI PHỤ TRÁCH CÁC HỘ GIA ĐÌNH",
        "Số TT",
        "Ho va ten chu ho",
        "Năm sinh",
        "Số nhân khẩu trong gia đình",
        "Ghi chú",
      ].map(matchMau02),
    ).toEqual(["group", "responsible", "no", "head", "birth", "count", "note"]);
    expect(
      [
        "TT",
        "Tổ Dân vận cộng đồng",
        "Tổ",
        "Người tham gia Tổ Dân vận cộng đồng",
        "STT",
        "Họ và tên",
        "Chức vụ hiện tại",
        "Chức vụ tham gia Tổ DVCD",
      ].map(matchMau01),
    ).toEqual(["tt", "village", "team", null, "no", "name", "position", "role"]);
    expect(detectLayout([["x"], ["Tên nhóm", "Người phụ trách", "STT", "Chủ hộ", "Năm sinh"]])).toMatchObject({
      kind: "mau02",
      layout: { headerRow: 1 },
    });
    expect(detectLayout([["Ghi chép"]])).toBeNull();
  });

  it("maps template headers folded and leaves unknown columns out", () => {
    const m = mapHeaders(["  MÃ THÔN ", "Ten thon", "Trưởng thôn"], "villages");
    expect(m.colOf).toEqual({ village_code: 0, village_name: 1 });
    expect(m.missing.map((c) => c.key)).toEqual(["ethnic_identity"]);
    const rows = rowsToObjects(
      [
        ["Mã thôn", "Tên thôn"],
        ["QT", "Thôn Quý Thịnh"],
        ["", " "],
        ["NG", new Date("2021-10-15T00:00:00+07:00")],
      ],
      m,
      { dateToIso: () => "2021-10-15" },
    );
    expect(rows).toEqual([
      { _row: 2, village_code: "QT", village_name: "Thôn Quý Thịnh" },
      { _row: 4, village_code: "NG", village_name: "2021-10-15" },
    ]);
    expect(columnLetter(0) + columnLetter(25) + columnLetter(26) + columnLetter(27)).toBe("AZAAAB");
  });

  it("plans missing columns to the right without moving existing ones", () => {
    const p = planHeaders("villages", ["Tên thôn", "", "Ghi chép riêng"]);
    expect(p.headers).toEqual(["Tên thôn", "", "Ghi chép riêng", "Mã thôn", "Nhiệm vụ giữ gìn bản sắc dân tộc"]);
    expect(p.added).toEqual([
      { key: "village_code", col: 3 },
      { key: "ethnic_identity", col: 4 },
    ]);
    expect(planHeaders("villages", ["Danh sách thôn 2021"]).recognized).toBe(false);
    expect(planHeaders("villages", []).headers).toEqual(["Mã thôn", "Tên thôn", "Nhiệm vụ giữ gìn bản sắc dân tộc"]);
  });

  it("names villages and teams the way the plan writes them", () => {
    expect(villageCore("Thôn Quý Thịnh (thôn Ngọt)")).toBe("quy thinh");
    expect(villageCodeFor("Thôn Quý Thịnh")).toBe("QT");
    expect(villageCodeFor("Tổ dân phố Đồng Mương 2")).toBe("DM2");
    expect([teamNumber("Tổ số 1"), teamNumber("TỔ 03"), teamNumber("Tổ Đông")]).toEqual([1, 3, null]);
  });
});

describe("submission answers", () => {
  it("reuses the pending id only for the same content", () => {
    let n = 0;
    const id = () => `id-${++n}`;
    const now = () => "2022-03-31T01:00:00.000Z";
    const first = chooseSubmission(null, "h1", id, now);
    expect(first).toEqual({ pending: { submission_id: "id-1", content_hash: "h1", generated_at: now() }, retry: false });
    expect(chooseSubmission(first.pending, "h1", id, now)).toEqual({ pending: first.pending, retry: true });
    expect(chooseSubmission(first.pending, "h2", id, now).pending.submission_id).toBe("id-2");
  });

  it("explains the worker's answers in Vietnamese", () => {
    expect(submissionsUrl("https://x.workers.dev/")).toBe("https://x.workers.dev/api/submissions");
    expect(submissionsUrl("https://x.workers.dev/api/submissions")).toBe("https://x.workers.dev/api/submissions");
    const zero = { inserted: 0, updated: 0, unchanged: 0, deleted: 0, withdrawn: 0 };
    const receipt = receiptSchema.parse({
      submission_id: "a",
      commune_id: PILOT.quySon,
      received_at: "2022-03-31T02:00:00.000Z",
      duplicate: true,
      counts: Object.fromEntries(SHEET_KEYS.map((k) => [k, zero])),
      warnings: [],
      warnings_total: 0,
    });
    expect(interpretResponse(200, JSON.stringify({ receipt })).message).toContain("không tính hai lần");
    // A 200 whose body is not a receipt of the contract is not taken for one.
    expect(interpretResponse(200, JSON.stringify({ receipt: { submission_id: "a", duplicate: true, counts: {} } })).kind).not.toBe(
      "accepted",
    );
    expect(interpretResponse(409, JSON.stringify({ error: { code: "submission_id_conflict", message: "…", details: [] } }))).toMatchObject({
      kind: "rejected",
      code: "submission_id_conflict",
    });
    expect(interpretResponse(403, JSON.stringify({ error: { code: "commune_mismatch", message: "Mã xã …", details: [] } })).title).toBe(
      "Không gửi được: mã xã không khớp",
    );
    expect(
      interpretResponse(409, JSON.stringify({ error: { code: "stale_schema_version", message: "Phiên bản mẫu 0 đã cũ", details: [] } }))
        .kind,
    ).toBe("outdated");
    expect(interpretResponse(502, "<html>Bad gateway</html>").kind).toBe("retry");
    expect(interpretResponse(413, JSON.stringify({ error: { code: "payload_too_large", message: "Quá lớn", details: [] } })).kind).toBe(
      "rejected",
    );
    expect(networkFailure({ message: "DNS error" }).message).toContain("DNS error");
  });
});

/**
 * Adding communes from a CSV in the console: every bad input gets a precise Vietnamese message on its
 * line (or the whole file is refused, saying why) and nothing is written by the dry run; the one
 * click writes the good lines in one batch, once; a file or an apply that is refused writes nothing.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { readRosterFile } from "../../worker/src/rollout/roster-file";
import { consoleSnapshot, current, form, loadNational, NATIONAL, signIn, text, upload } from "./console-helpers";
import { adminPost } from "./helpers";

const BAC_NINH = "P:24@2025-07-01";
const HEADER = "Mã xã,Tên xã,Họ tên cán bộ,Điện thoại,Email";
const enc = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...enc(p)] : p)));

describe("reading the file", () => {
  it("takes a UTF-8 BOM, Vietnamese headers in any case and accents, and ';' (Excel with Vietnamese settings)", () => {
    const r = readRosterFile(bytes([0xef, 0xbb, 0xbf], "MA XA;ten xa;Số điện thoại;Ghi chú\n07525;Phường Chũ;0912 345 678;x\n"));
    expect(r).toEqual({
      ok: true,
      columns: ["code", "commune_name", "clerk_phone"],
      ignored: ["Ghi chú"],
      lines: [{ line: 2, cells: { code: "07525", commune_name: "Phường Chũ", clerk_phone: "0912 345 678" } }],
    });
  });

  it.each([
    ["UTF-16 with a BOM (Excel's “Unicode Text”)", bytes([0xff, 0xfe], [0x4d, 0, 0x61, 0]), "bảng mã UTF-16"],
    ["UTF-16 without a BOM", bytes([0x4d, 0, 0x61, 0, 0x0a, 0]), "bảng mã UTF-16"],
    ["an Excel workbook", bytes([0x50, 0x4b, 0x03, 0x04], "rest"), "là tệp Excel (.xlsx), không phải CSV"],
    ["a 5 MB file", new Uint8Array(5 * 1024 * 1024).fill(0x41), "nặng 5 MB, quá giới hạn 1 MB"],
    ["an empty file", new Uint8Array(0), "trống"],
    ["no Mã xã column", bytes("Tên xã,Email\nPhường Chũ,a@b.vn\n"), 'không có cột "Mã xã". Các cột đọc được: "Tên xã", "Email"'],
    ["a quote never closed", bytes(`${HEADER}\n07525,"Phường Chũ\n`), 'dấu ngoặc kép (") mở mà không đóng'],
  ])("refuses %s, saying why", (_what, file, message) => {
    const r = readRosterFile(file, "Tệp");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.join(" ")).toContain(message);
  });

  it("names each line that is not UTF-8 (a Windows-1258 file)", () => {
    // "Phường" and "Chũ" as Windows-1258 writes them: ư = 0xFD, ơ = 0xF5, ũ = u + combining tilde 0xDE.
    const r = readRosterFile(
      bytes(`${HEADER}\n`, "07525,Ph", [0xfd, 0xf5], "ng Ch", [0x75, 0xde], ",,,\n07612,Phuong Son,,,\n07210,B", [0xe9], "c,,,\n"),
      "Tệp",
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]).toContain("không ở bảng mã UTF-8: 2 dòng");
    expect(r.problems[0]).toContain("CSV UTF-8 (Comma delimited)");
    expect(r.lineProblems.map((p) => p.line)).toEqual([2, 4]);
    expect(r.lineProblems[0]!.message).toMatch(
      /^Dòng 2: có ký tự không đọc được theo UTF-8 \(".*"\) — tệp đang ở bảng mã khác \(thường là Windows-1258, TCVN3 hoặc VNI\)\.$/,
    );
  });
});

/** The preview table's rows: line, status and the text of the details cell. */
function previewRows(html: string) {
  return [...html.matchAll(/<tr class="(new|existing|refused)" data-line="(\d+)" data-status="\w+">([\s\S]*?)<\/tr>/g)].map((m) => ({
    line: Number(m[2]),
    status: m[1],
    detail: text(/<td class="reasons"[^>]*>([\s\S]*?)<\/td>/.exec(m[3]!)![1]!).trim(),
  }));
}

describe("the dry run and the one click", () => {
  let session: string;
  const bn = NATIONAL.filter((u) => u.level === "commune" && u.parent_id === BAC_NINH);

  beforeAll(async () => {
    await loadNational();
    await adminPost("/operators", { email: "trien.khai@bacninh.gov.vn", role: "operator", unit_id: BAC_NINH });
    session = await signIn("trien.khai@bacninh.gov.vn");
    // One commune registered already, with a clerk.
    await adminPost("/commune-records", { records: [{ unit_id: bn[0]!.id, clerk_email: "cu@bacninh.gov.vn" }] });
  });

  it("judges every line, stages only what applies, and writes nothing", async () => {
    const baDinh = current("00004");
    const csv = [
      HEADER,
      `${bn[0]!.code},${bn[0]!.name},Nguyễn Văn An,0912345678,moi@bacninh.gov.vn`, // 2 already there, 2 fields change
      `${bn[1]!.code},${bn[1]!.name},Trần Thị Bình,+84 912 345 679,binh@bacninh.gov.vn`, // 3 new
      `${bn[2]!.code},,,,`, // 4 new, no clerk yet
      `${bn[3]!.code},,Lê Văn Cường,,`, // 5 duplicate of 6
      `${bn[3]!.code},,Lê Văn Cường,,`, // 6
      "99999,Xã Không Có,,,", // 7 unknown
      `${Number(bn[4]!.code)},,,,`, // 8 leading zero lost
      "07576,Xã Quý Sơn,,,", // 9 merged in 2025
      `${baDinh.code},${baDinh.name},,,`, // 10 another province
      `${bn[5]!.code},Xã Tên Khác,,,`, // 11 name does not match the code
      `${bn[6]!.code},,"=HYPERLINK(""http://x"",""bấm"")",,`, // 12 formula
      `${bn[7]!.code},,Phạm Văn Dũng,12345,dung@`, // 13 bad phone and e-mail
      `${bn[8]!.code},,,,@SUM(A1)`, // 14 formula in e-mail
    ].join("\r\n");
    const before = await consoleSnapshot();
    const res = await upload(csv, session, BAC_NINH, "xa-bac-ninh.csv");
    expect(res.status).toBe(200);
    const html = await res.text();
    const rows = previewRows(html);
    expect(rows.map((r) => [r.line, r.status])).toEqual([
      [2, "existing"],
      [3, "new"],
      [4, "new"],
      [5, "refused"],
      [6, "refused"],
      [7, "refused"],
      [8, "refused"],
      [9, "refused"],
      [10, "refused"],
      [11, "refused"],
      [12, "refused"],
      [13, "refused"],
      [14, "refused"],
    ]);
    const detail = (line: number) => rows.find((r) => r.line === line)!.detail;
    expect(detail(2)).toBe("Sẽ cập nhật: Họ tên cán bộ, Điện thoại, Email");
    expect(detail(5)).toBe(`Mã xã ${bn[3]!.code} có ở 2 dòng (5, 6): mỗi xã chỉ ghi một dòng. Hãy giữ một dòng rồi tải lại.`);
    expect(detail(7)).toBe("Không có xã, phường nào mã 99999 trong danh mục đơn vị hành chính.");
    expect(detail(8)).toContain(
      `Mã xã "${Number(bn[4]!.code)}" chỉ có 4 chữ số: có thể Excel đã bỏ số 0 ở đầu — nếu là ${bn[4]!.code} (${bn[4]!.name}, Tỉnh Bắc Ninh)`,
    );
    expect(detail(9)).toBe(
      "Mã 07576 là Xã Quý Sơn, Tỉnh Bắc Giang đã kết thúc từ 01/07/2025, nay thuộc Phường Phượng Sơn, Tỉnh Bắc Ninh (mã 07612). Hãy dùng mã xã hiện nay.",
    );
    expect(detail(10)).toBe(
      "Phường Ba Đình, Thành phố Hà Nội không thuộc Tỉnh Bắc Ninh: bạn chỉ thêm được xã thuộc đơn vị mình phụ trách.",
    );
    expect(detail(11)).toBe(`Mã ${bn[5]!.code} là ${bn[5]!.name}, nhưng tên xã trong tệp là "Xã Tên Khác": hãy kiểm tra lại mã hoặc tên.`);
    expect(detail(12)).toContain('Ô "Họ tên cán bộ" bắt đầu bằng "=" như một công thức bảng tính');
    expect(detail(13)).toContain('"Điện thoại" phải có 10 chữ số, bắt đầu bằng 0. (đã ghi "12345")');
    expect(detail(13)).toContain('"Email" không phải địa chỉ email hợp lệ. (đã ghi "dung@")');
    expect(detail(14)).toContain('Ô "Email" bắt đầu bằng "@"');
    expect(text(html)).toContain("13 dòng — 2 xã mới, 1 đã có (1 có thay đổi), 10 dòng không nhận.");
    // The dry run wrote nothing but the staged list.
    const after = await consoleSnapshot();
    expect({ ...after, console_uploads: [] }).toEqual({ ...before, console_uploads: [] });
    expect(after.console_uploads).toHaveLength(1);

    // One click: the three applicable lines, in one batch, each with its audit row.
    const id = /name="lan" value="([0-9a-f]{32})"/.exec(html)![1]!;
    const applied = await form("/admin/xa/ap-dung", { lan: id, "don-vi": BAC_NINH }, session);
    expect(applied.status).toBe(303);
    expect(applied.headers.get("location")).toBe(`/admin/xa?don-vi=${encodeURIComponent(BAC_NINH)}&them=2&cap-nhat=1`);
    const records = await env.DB.prepare(
      "SELECT unit_id, clerk_name, clerk_phone, clerk_email FROM commune_records ORDER BY unit_id",
    ).all();
    expect(records.results).toEqual(
      [
        { unit_id: bn[0]!.id, clerk_name: "Nguyễn Văn An", clerk_phone: "0912345678", clerk_email: "moi@bacninh.gov.vn" },
        { unit_id: bn[1]!.id, clerk_name: "Trần Thị Bình", clerk_phone: "0912345679", clerk_email: "binh@bacninh.gov.vn" },
        { unit_id: bn[2]!.id, clerk_name: null, clerk_phone: null, clerk_email: null },
      ].sort((a, b) => (a.unit_id < b.unit_id ? -1 : 1)),
    );
    const audit = await env.DB.prepare("SELECT actor, action, unit_id FROM audit_log WHERE action LIKE 'commune.%' ORDER BY unit_id").all();
    expect(audit.results).toHaveLength(3);
    for (const a of audit.results) expect(a.actor).toBe("trien.khai@bacninh.gov.vn");

    // A second click (another tab, a double click) writes nothing.
    const snap = await consoleSnapshot();
    const again = await form("/admin/xa/ap-dung", { lan: id }, session);
    expect(again.status).toBe(409);
    expect(text(await again.text())).toContain("Danh sách này đã được áp dụng rồi; không ghi lần nữa.");
    expect(await consoleSnapshot()).toEqual(snap);
  });

  it("a file refused whole stages nothing and writes nothing", async () => {
    const before = await consoleSnapshot();
    const res = await upload(bytes([0xff, 0xfe], [0x4d, 0, 0x61, 0]), session, BAC_NINH, "xa.txt");
    expect(res.status).toBe(422);
    expect(text(await res.text())).toContain('Tệp "xa.txt" được lưu ở bảng mã UTF-16');
    expect(await consoleSnapshot()).toEqual(before);
  });

  it("only the operator who checked a list applies it, and only while its communes are still theirs: else nothing is written", async () => {
    const res = await upload(`${HEADER}\n${bn[10]!.code},,,,\n${bn[11]!.code},,,,\n`, session, BAC_NINH);
    const id = /name="lan" value="([0-9a-f]{32})"/.exec(await res.text())![1]!;
    const before = await consoleSnapshot();
    const other = await signIn();
    expect((await form("/admin/xa/ap-dung", { lan: id }, other)).status).toBe(404);
    // The operator is moved to Hà Nội before clicking.
    await adminPost("/operators", { email: "trien.khai@bacninh.gov.vn", role: "operator", unit_id: "P:01@2021-02-03" });
    const moved = await form("/admin/xa/ap-dung", { lan: id }, session);
    expect(moved.status).toBe(403);
    expect(text(await moved.text())).toContain("2 xã trong danh sách không còn thuộc đơn vị bạn phụ trách; không ghi gì.");
    const after = await consoleSnapshot();
    expect({ ...after, operators: [], audit_log: [] }).toEqual({ ...before, operators: [], audit_log: [] });
    await adminPost("/operators", { email: "trien.khai@bacninh.gov.vn", role: "operator", unit_id: BAC_NINH });
  });
});

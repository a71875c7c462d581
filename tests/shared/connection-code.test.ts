/**
 * The connection code (shared/contract.ts): what the console prints on a setup sheet and the add-on's
 * "Cài đặt kết nối" reads back — round trip, lenient about white space and a copied label, precise
 * about what is wrong.
 */
import { describe, expect, it } from "vitest";
import { CONNECTION_CODE_VERSION, connectionCode, parseConnectionCode } from "../../shared/contract";

const TOKEN = "dvc_0123456789abcdef0123456789abcdef";
const URL = "https://dan-van.example.workers.dev";

describe("connection code", () => {
  it("formats the parts and reads them back", () => {
    const code = connectionCode({ commune_code: "07525", worker_url: `${URL}/`, token: TOKEN });
    expect(code).toBe(`${CONNECTION_CODE_VERSION} 07525 ${URL} ${TOKEN}`);
    expect(parseConnectionCode(code)).toEqual({ ok: true, connection: { commune_code: "07525", worker_url: URL, token: TOKEN } });
  });

  it.each([
    ["line breaks from a PDF", `DV1 07525\n${URL}\r\n  ${TOKEN}\n`],
    ["a label copied with it", `Mã kết nối: DV1 07525 ${URL} ${TOKEN}`],
    ["tabs and double spaces", `\tDV1  07525\t${URL}   ${TOKEN}`],
  ])("reads a code pasted with %s", (_what, text) => {
    const r = parseConnectionCode(text);
    expect(r.ok && r.connection).toEqual({ commune_code: "07525", worker_url: URL, token: TOKEN });
  });

  it("accepts http:// only for this machine", () => {
    expect(parseConnectionCode(`DV1 07525 http://127.0.0.1:8787 ${TOKEN}`).ok).toBe(true);
    const r = parseConnectionCode(`DV1 07525 http://dan-van.example.workers.dev ${TOKEN}`);
    expect(r).toEqual({ ok: false, message: "Địa chỉ máy chủ trong mã kết nối không đúng (phải bắt đầu bằng https://)." });
  });

  it.each([
    ["", "Chưa dán mã kết nối."],
    [TOKEN, "Đây là mã truy cập, chưa phải mã kết nối"],
    ["xin chào", 'mã kết nối bắt đầu bằng "DV1"'],
    [`DV1 07525 ${URL}`, "Mã kết nối bị thiếu"],
    [`DV1 07525 ${URL} ${TOKEN} thừa`, "Mã kết nối bị thừa"],
    [`DV1 7525 ${URL} ${TOKEN}`, "Mã xã trong mã kết nối phải gồm đúng 5 chữ số."],
    [`DV1 07525 ${URL} ${TOKEN.slice(0, -1)}`, "Mã truy cập trong mã kết nối không đúng"],
    [`DV1 07525 ${URL} dvl_0123456789abcdef0123456789abcdef`, "Mã truy cập trong mã kết nối không đúng"],
  ])("refuses %j: %s", (text, message) => {
    const r = parseConnectionCode(text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(message);
  });

  it("refuses to format a code from parts that would not read back", () => {
    expect(() => connectionCode({ commune_code: "07525", worker_url: URL, token: "secret" })).toThrow();
  });
});

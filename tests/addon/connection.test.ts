/**
 * "Cài đặt kết nối" takes the connection code of a setup sheet in one paste (the built bundle, over
 * the Sheets double): saved when it is this spreadsheet's commune, refused with the reason otherwise,
 * and the dialog offers the paste first.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { PROP } from "../../addon/src/config";
import { connectionCode } from "../../shared/contract";
import { setCommune } from "./fixtures";
import { type Bundle, buildBundle, plain, setupEnv } from "./harness";

const URL = "https://dan-van.example.workers.dev";
const TOKEN = "dvc_00112233445566778899aabbccddeeff";

let bundle: Bundle;
beforeAll(async () => {
  bundle = await buildBundle();
}, 120_000);

describe("Cài đặt kết nối: one connection code", () => {
  it("saves address and token from one paste, and keeps the token out of the sheets and the dialog", () => {
    const { gas, ss, addon } = setupEnv(bundle);
    setCommune(ss, "07525", "Phường Chũ");
    addon.menuConnection();
    const dialog = gas.ui.dialogs.at(-1)!.html.getContent();
    expect(dialog).toContain('id="code"');
    expect(dialog).toContain("Mã kết nối");

    const code = connectionCode({ commune_code: "07525", worker_url: URL, token: TOKEN });
    const r = plain(addon.saveConnectionSettings({ code: `Mã kết nối:\n${code}\n`, url: "", token: "" }));
    expect(r).toEqual({ ok: true, message: `Đã lưu kết nối của xã mã 07525 với máy chủ ${URL}. Mã truy cập được giữ kín.` });
    expect(ss.documentProperties.getProperty(PROP.workerUrl)).toBe(URL);
    expect(ss.documentProperties.getProperty(PROP.token)).toBe(TOKEN);
    addon.menuConnection();
    expect(gas.ui.dialogs.at(-1)!.html.getContent()).not.toContain(TOKEN);
    for (const s of ss.sheets) for (const row of s._dump()) for (const v of row) expect(String(v)).not.toContain(TOKEN.slice(4));
  });

  it("refuses the code of another commune and saves nothing", () => {
    const { ss, addon } = setupEnv(bundle);
    setCommune(ss, "07576", "Xã Quý Sơn");
    const r = plain(addon.saveConnectionSettings({ code: connectionCode({ commune_code: "07525", worker_url: URL, token: TOKEN }) }));
    expect(r.ok).toBe(false);
    expect(r.message).toBe(
      "Mã kết nối này của xã mã 07525, nhưng bảng tính được thiết lập cho Xã Quý Sơn (mã 07576). Hãy dán mã kết nối trên phiếu của xã mình; chưa lưu gì.",
    );
    expect(ss.documentProperties.getProperty(PROP.token)).toBeNull();
    expect(ss.documentProperties.getProperty(PROP.workerUrl)).toBeNull();
  });

  it("before Thiết lập mẫu: saves and says which commune code to set up", () => {
    const { ss, addon } = setupEnv(bundle);
    const r = plain(addon.saveConnectionSettings({ code: connectionCode({ commune_code: "07525", worker_url: URL, token: TOKEN }) }));
    expect(r.ok).toBe(true);
    expect(r.message).toContain("Tiếp theo: Dân vận → Thiết lập mẫu, nhập mã xã 07525.");
    expect(ss.documentProperties.getProperty(PROP.token)).toBe(TOKEN);
  });

  it.each([
    [TOKEN, "Đây là mã truy cập, chưa phải mã kết nối"],
    [`DV1 07525 ${URL}`, "Mã kết nối bị thiếu"],
    [`DV1 07525 http://dan-van.example.workers.dev ${TOKEN}`, "phải bắt đầu bằng https://"],
  ])("refuses %j with a precise message, nothing saved", (code, message) => {
    const { ss, addon } = setupEnv(bundle);
    setCommune(ss, "07525", "Phường Chũ");
    const r = plain(addon.saveConnectionSettings({ code }));
    expect(r.ok).toBe(false);
    expect(r.message).toContain(message);
    expect(ss.documentProperties.getProperty(PROP.token)).toBeNull();
  });
});

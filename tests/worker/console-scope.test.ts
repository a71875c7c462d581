/**
 * An operator sees and changes only units under their own. Two districts of the old Bắc Giang
 * (before the 2025 reform): an operator of Huyện Lục Ngạn (A) cannot touch Huyện B's commune, token,
 * link, list, week or audit — 403 and nothing written — and their lists show A only; a viewer
 * changes nothing; an admin gives no unit outside theirs.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../worker/src/auth/tokens";
import { consoleSnapshot, form, loadNational, NATIONAL, page, signIn, text, upload } from "./console-helpers";
import { adminPost, PILOT } from "./helpers";

const A = PILOT.lucNgan;
const B = NATIONAL.find((u) => u.level === "district" && u.parent_id === "P:24@2021-02-03" && u.id !== A)!;
const communeB = NATIONAL.find((u) => u.level === "commune" && u.parent_id === B.id && u.valid_from === "2021-02-03")!;
const communeA = PILOT.quySon;

let linkB: string;
let opA: string;

beforeAll(async () => {
  await loadNational();
  await adminPost("/commune-records", { records: [{ unit_id: communeA }, { unit_id: communeB.id, clerk_email: "van.thu@xa-b.gov.vn" }] });
  await adminPost("/tokens", { unit_id: communeB.id, label: "B", late_corrections: true });
  await adminPost("/tokens", { unit_id: communeA, label: "A", late_corrections: true });
  linkB = (
    (await (await adminPost("/links", { unit_id: B.id, scope: "aggregate", label: "Link of district B" })).json()) as { token: string }
  ).token;
  await adminPost("/operators", { email: "a@lucngan.gov.vn", role: "operator", unit_id: A });
  await adminPost("/operators", { email: "xem@lucngan.gov.vn", role: "viewer", unit_id: A });
  await adminPost("/operators", { email: "qt@lucngan.gov.vn", role: "admin", unit_id: A });
  await adminPost("/operators", { email: "b@huyen-b.gov.vn", role: "operator", unit_id: B.id });
  opA = await signIn("a@lucngan.gov.vn");
});

describe(`an operator of district A cannot touch district B`, () => {
  it("lists A's communes and links only", async () => {
    const xa = text(await (await page("/admin/xa", opA)).text());
    expect(xa).toContain("Xã Quý Sơn");
    expect(xa).not.toContain(communeB.name);
    expect(xa).not.toContain("van.thu@xa-b.gov.vn");
    const links = text(await (await page("/admin/duong-dan", opA)).text());
    expect(links).not.toContain("Link of district B");
  });

  it.each([
    ["issue or rotate B's commune token", "/admin/phieu", () => ({ xa: communeB.id, viec: "rotate" })],
    ["revoke B's commune token", "/admin/xa/thu-hoi", () => ({ xa: communeB.id })],
    ["create a link for B", "/admin/duong-dan", () => ({ "don-vi": B.id, loai: "aggregate", nhan: "mine now" })],
    ["revoke B's link", "/admin/duong-dan/thu-hoi", () => ({ ma: hash(linkB) })],
    ["change the end of B's link", "/admin/duong-dan/han", () => ({ ma: hash(linkB), "het-han": "2030-01-01" })],
  ])("%s: 403, nothing written", async (_what, path, fields) => {
    const before = await consoleSnapshot();
    const res = await form(path, await resolve(fields()), opA);
    expect(res.status).toBe(403);
    expect(text(await res.text())).toMatch(/không thuộc|không cấp mã nào/);
    expect(await consoleSnapshot()).toEqual(before);
  });

  it.each([
    `/admin/xa?don-vi=${B.id}`,
    `/admin/phieu?don-vi=${B.id}`,
    `/admin/tuan?don-vi=${B.id}`,
    `/admin/duong-dan?don-vi=${B.id}`,
    `/admin/nhat-ky?don-vi=${B.id}`,
    `/admin/tong-hop?don-vi=${B.id}`,
  ])("GET %s: 403", async (path) => {
    const res = await page(path, opA);
    expect(res.status).toBe(403);
  });

  it("an upload aimed at B: 403, nothing staged", async () => {
    const before = await consoleSnapshot();
    const res = await upload(`Mã xã\n${communeB.code}\n`, opA, B.id);
    expect(res.status).toBe(403);
    expect(await consoleSnapshot()).toEqual(before);
  });

  it("the audit log shows A's units only", async () => {
    const raw = new Uint8Array(await (await page("/admin/nhat-ky.csv?loai=viec", opA)).arrayBuffer());
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM (Response.text() would drop it)
    const csv = new TextDecoder().decode(raw);
    expect(csv).toContain(communeA);
    expect(csv).not.toContain(communeB.id);
    expect(csv).not.toContain(B.id);
  });
});

describe("roles", () => {
  it("a viewer sees the pages but changes nothing (403, nothing written)", async () => {
    const viewer = await signIn("xem@lucngan.gov.vn");
    const xa = await page("/admin/xa", viewer);
    expect(xa.status).toBe(200);
    expect(await xa.text()).not.toContain("/admin/xa/thu-hoi");
    const before = await consoleSnapshot();
    for (const [path, fields] of [
      ["/admin/phieu", { xa: communeA, viec: "rotate" }],
      ["/admin/xa/thu-hoi", { xa: communeA }],
      ["/admin/duong-dan", { "don-vi": A, loai: "aggregate", nhan: "x" }],
    ] as const) {
      const res = await form(path, fields, viewer);
      expect(res.status, path).toBe(403);
      expect(text(await res.text())).toContain("chỉ được xem");
    }
    expect(await consoleSnapshot()).toEqual(before);
    expect((await page("/admin/can-bo", viewer)).status).toBe(403);
    expect((await page("/admin/can-bo", opA)).status).toBe(403);
  });

  it("an admin of A manages A's operators only, and never beyond their own role or unit", async () => {
    const admin = await signIn("qt@lucngan.gov.vn");
    const before = await consoleSnapshot();
    expect((await form("/admin/can-bo", { email: "moi@x.vn", "vai-tro": "operator", "don-vi": B.id }, admin)).status).toBe(403);
    expect((await form("/admin/can-bo", { email: "moi@x.vn", "vai-tro": "admin", "don-vi": "" }, admin)).status).toBe(403);
    expect((await form("/admin/can-bo", { email: "b@huyen-b.gov.vn", "vai-tro": "viewer", "don-vi": A }, admin)).status).toBe(403);
    expect((await form("/admin/can-bo/khoa", { email: "b@huyen-b.gov.vn" }, admin)).status).toBe(403);
    expect(await consoleSnapshot()).toEqual(before);
    const ok = await form(
      "/admin/can-bo",
      { email: "Moi@LucNgan.gov.vn", "vai-tro": "viewer", "don-vi": communeA, ten: "Hà Thị Mới" },
      admin,
    );
    expect(ok.status).toBe(303);
    const list = text(await (await page("/admin/can-bo", admin)).text());
    expect(list).toContain("moi@lucngan.gov.vn");
    expect(list).toContain("thêm bởi qt@lucngan.gov.vn");
    expect(list).not.toContain("b@huyen-b.gov.vn");
  });
});

const hash = (t: string) => hashToken(t);
async function resolve(fields: Record<string, string | Promise<string>>): Promise<Record<string, string>> {
  return Object.fromEntries(await Promise.all(Object.entries(fields).map(async ([k, v]) => [k, await v])));
}

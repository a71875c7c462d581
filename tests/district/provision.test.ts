/**
 * `district provision` against the fake Google: 30 communes, the run (a real child process) killed
 * at a random point, run again — every commune ends with exactly one spreadsheet, built once and
 * shared once, with 429s now and then and one 500 that came after the file was created. Then a
 * third run sends nothing; --dry-run sends nothing; credentials and scopes are checked.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CRITERIA_SHEET } from "../../shared/evaluation/criteria";
import { SETTINGS_SHEET } from "../../shared/template-plan";
import { SHEET_KEYS, SHEETS } from "../../shared/templates";
import { COMMUNE_PROPERTY } from "../../tools/district/google";
import { SPREADSHEET_MIME } from "./fake-google/drive";
import { type Env, googleEnv, runCli, sampleCommunes, writeCommunesCsv } from "./helpers";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DRIVE_FILE = "https://www.googleapis.com/auth/drive.file";
const TEMPLATE_TITLES = [...SHEET_KEYS.map((k) => SHEETS[k].title), SETTINGS_SHEET, CRITERIA_SHEET];

function communeFiles(g: Env) {
  const byUnit = new Map<string, string[]>();
  for (const f of g.fake.drive.files.values()) {
    if (f.mimeType !== SPREADSHEET_MIME) continue;
    const unit = f.appProperties?.[COMMUNE_PROPERTY] ?? "(none)";
    byUnit.set(unit, [...(byUnit.get(unit) ?? []), f.id]);
  }
  return byUnit;
}

/** The CLI as an operator runs it (npm run district → tools/district/bin.mjs), in its own process. */
function spawnCli(
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; output: () => string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } {
  const child = spawn(process.execPath, [path.join(ROOT, "tools/district/bin.mjs"), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, DISTRICT_BACKOFF_MS: "20" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once("exit", (code, signal) => r({ code, signal })),
  );
  return { child, output: () => out, exited };
}

describe("provision 30 communes, killed half-way, run again", () => {
  let g: Env;
  let csv: string;
  const communes = sampleCommunes(30);
  beforeAll(async () => {
    // A 429 every 13th request, and one 500 on the 6th file creation, answered after the file was made.
    g = await googleEnv({ rateLimitEvery: 13, failOnce: { at: 6, applied: true, op: "drive.files.create" } });
    csv = writeCommunesCsv(g.dir, communes);
  });
  afterAll(() => g?.close());

  it("every commune gets one spreadsheet, built and shared once; none twice", async () => {
    const killAt = Number(process.env.DISTRICT_KILL_AT ?? 6 + Math.floor(Math.random() * 18));
    console.log(`kill after ${killAt} layouts built (DISTRICT_KILL_AT=${killAt} repeats this run)`);
    const run = spawnCli(["provision", "--communes", csv, "--folder", g.folderId, "--concurrency", "3"], g.env);
    const built = () => g.fake.requests("sheets.batchUpdate").filter((r) => r.status === 200).length;
    await new Promise<void>((resolve, reject) => {
      const t = setInterval(() => {
        if (built() >= killAt) {
          clearInterval(t);
          run.child.kill("SIGKILL");
          resolve();
        }
      }, 2);
      void run.exited.then(() => {
        clearInterval(t);
        reject(new Error(`the run ended before it was killed:\n${run.output()}`));
      });
    });
    const end = await run.exited;
    expect(end.signal).toBe("SIGKILL");
    const stateFile = g.env.DISTRICT_STATE!;
    const before = existsSync(stateFile)
      ? (JSON.parse(readFileSync(stateFile, "utf8")) as { communes: Record<string, { provisioned_at?: string }> })
      : { communes: {} };
    const doneBefore = Object.values(before.communes).filter((c) => c.provisioned_at).length;
    expect(doneBefore).toBeLessThan(30);

    const again = await runCli(["provision", "--communes", csv, "--folder", g.folderId, "--concurrency", "3"], g.env);
    expect(again.code, again.out.join("\n")).toBe(0);
    expect(again.out.filter((l) => l.startsWith("✓"))).toHaveLength(30);
    expect(again.out.at(-1)).toMatch(/^\s*Xong 30\/30 xã/);

    // Exactly one spreadsheet per commune, and no other.
    const files = communeFiles(g);
    expect([...files.keys()].sort()).toEqual(communes.map((c) => c.unit.id).sort());
    for (const [unit, ids] of files) expect(ids, unit).toHaveLength(1);
    // The faults happened: 429s were retried, the 500 came after a file was created.
    expect(g.fake.log.some((l) => l.status === 429)).toBe(true);
    expect(g.fake.requests("drive.files.create").filter((l) => l.status === 500)).toHaveLength(1);

    const state = JSON.parse(readFileSync(stateFile, "utf8")) as {
      communes: Record<string, { spreadsheet_id: string; provisioned_at?: string; shared_with?: string }>;
    };
    for (const c of communes) {
      const id = files.get(c.unit.id)![0]!;
      const s = state.communes[c.unit.id]!;
      expect(s.spreadsheet_id).toBe(id);
      expect(s.provisioned_at).toBeTruthy();
      expect(s.shared_with).toBe(`vanthu.xa${c.unit.code}@example.vn`);
      // Built once: every template sheet once, one header protection each, no default sheet left.
      const ss = g.fake.spreadsheets.get(id)!;
      expect(ss.sheets.map((x) => x.properties.title)).toEqual(TEMPLATE_TITLES);
      for (const sheet of ss.sheets) expect(sheet.protectedRanges, sheet.properties.title).toHaveLength(1);
      const settings = ss.sheets.find((x) => x.properties.title === SETTINGS_SHEET)!;
      expect(settings.cells.get("1,1")?.userEnteredValue).toEqual({ stringValue: c.unit.code });
      // Shared once, as writer, with the clerk; no email sent (no --notify).
      const perms = g.fake.drive.files.get(id)!.permissions;
      expect(perms.map((p) => [p.emailAddress, p.role])).toEqual([[`vanthu.xa${c.unit.code}@example.vn`, "writer"]]);
    }
    expect(g.fake.drive.emails).toEqual([]);
    // One batchUpdate per spreadsheet went through: after the kill, a layout already applied is read back as complete, not sent again.
    const applied = g.fake.requests("sheets.batchUpdate").filter((r) => r.status === 200);
    expect(applied.length).toBe(30);
    // Only the narrow scope was ever used.
    expect(new Set(g.fake.log.filter((l) => l.scopes).map((l) => l.scopes!.join(" ")))).toEqual(new Set([DRIVE_FILE]));
  }, 180_000);

  it("a third run skips every commune and sends no write", async () => {
    const before = g.fake.log.length;
    const r = await runCli(["provision", "--communes", csv, "--folder", g.folderId], g.env);
    expect(r.code).toBe(0);
    expect(r.out.filter((l) => l.includes("đã xong từ trước"))).toHaveLength(30);
    const sent = g.fake.log.slice(before);
    expect(sent.every((l) => l.op === "drive.files.list")).toBe(true);
  });
});

describe("provision: dry run, credentials", () => {
  let g: Env;
  beforeAll(async () => {
    g = await googleEnv();
  });
  afterAll(() => g?.close());

  it("--dry-run prints the requests it would send and sends no write", async () => {
    const csv = writeCommunesCsv(g.dir, sampleCommunes(2));
    const r = await runCli(["provision", "--communes", csv, "--folder", g.folderId, "--dry-run"], g.env);
    expect(r.code).toBe(0);
    expect(g.fake.log.filter((l) => l.method === "POST")).toEqual([]);
    const printed = JSON.parse(r.out[0]!) as {
      commune: { code: string };
      requests: { method: string; requests?: Record<string, unknown>[] }[];
    };
    expect(printed.commune.code).toBe(sampleCommunes(1)[0]!.unit.code);
    expect(printed.requests.map((x) => x.method)).toEqual([
      "drive.files.create",
      "sheets.spreadsheets.batchUpdate",
      "drive.permissions.create",
    ]);
    const kinds = new Set(printed.requests[1]!.requests!.map((x) => Object.keys(x)[0]));
    expect(kinds).toEqual(
      new Set([
        "addSheet",
        "updateCells",
        "repeatCell",
        "updateDimensionProperties",
        "updateSheetProperties",
        "addProtectedRange",
        "setDataValidation",
        "deleteSheet",
      ]),
    );
    expect(existsSync(g.env.DISTRICT_STATE!)).toBe(false);
  });

  it("--template copies a spreadsheet the tool made, then sets it up for the new commune; --notify sends one email with a Vietnamese message", async () => {
    const [a, b] = sampleCommunes(4).slice(2) as [ReturnType<typeof sampleCommunes>[number], ReturnType<typeof sampleCommunes>[number]];
    expect((await runCli(["provision", "--communes", writeCommunesCsv(g.dir, [a]), "--folder", g.folderId], g.env)).code).toBe(0);
    const templateId = communeFiles(g).get(a.unit.id)![0]!;
    const r = await runCli(
      ["provision", "--communes", writeCommunesCsv(g.dir, [b]), "--folder", g.folderId, "--template", templateId, "--notify"],
      g.env,
    );
    expect(r.code, r.out.join("\n")).toBe(0);
    const copyId = communeFiles(g).get(b.unit.id)![0]!;
    expect(g.fake.requests("drive.files.copy").map((l) => l.path)).toEqual([`/drive/v3/files/${templateId}/copy`]);
    const ss = g.fake.spreadsheets.get(copyId)!;
    expect(ss.sheets.map((x) => x.properties.title)).toEqual(TEMPLATE_TITLES);
    const settings = ss.sheets.find((x) => x.properties.title === SETTINGS_SHEET)!;
    expect(settings.cells.get("1,1")?.userEnteredValue).toEqual({ stringValue: b.unit.code });
    expect(settings.cells.get("2,1")?.userEnteredValue).toEqual({ stringValue: b.unit.name });
    for (const sheet of ss.sheets) expect(sheet.protectedRanges, sheet.properties.title).toHaveLength(1);
    expect(g.fake.drive.emails).toEqual([{ to: `vanthu.xa${b.unit.code}@example.vn`, message: expect.stringContaining(b.unit.name) }]);
  });

  it("a key Google does not know: a Vietnamese reason, nothing is created, exit code 1", async () => {
    const { generateKeyPairSync } = await import("node:crypto");
    const { writeFileSync } = await import("node:fs");
    const keyFile = path.join(g.dir, "unknown-key.json");
    writeFileSync(
      keyFile,
      JSON.stringify({
        type: "service_account",
        client_email: "someone-else@other-project.iam.gserviceaccount.com",
        private_key: generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      }),
    );
    const csv = writeCommunesCsv(g.dir, sampleCommunes(5).slice(4));
    const files = g.fake.drive.files.size;
    const r = await runCli(["provision", "--communes", csv], { ...g.env, GOOGLE_APPLICATION_CREDENTIALS: keyFile });
    expect(r.code).toBe(1);
    expect(r.err.join("\n")).toContain("Google không chấp nhận thông tin đăng nhập (khóa tài khoản dịch vụ hoặc tệp đăng nhập) (mã 401)");
    expect(g.fake.log.at(-1)).toMatchObject({ op: "drive.files.list", status: 401 });
    expect(g.fake.drive.files.size).toBe(files);
  });

  it("without credentials: a Vietnamese message and exit code 2", async () => {
    const csv = writeCommunesCsv(g.dir, sampleCommunes(1));
    const r = await runCli(["provision", "--communes", csv], {
      DISTRICT_GOOGLE_ROOT_URL: g.fake.url,
      DISTRICT_STATE: g.env.DISTRICT_STATE!,
    });
    expect(r.code).toBe(2);
    expect(r.err.join("\n")).toContain("Chưa có thông tin đăng nhập Google");
  });

  it("a communes file with mistakes is refused whole, line by line", async () => {
    const { writeFileSync } = await import("node:fs");
    const file = path.join(g.dir, "bad.csv");
    writeFileSync(file, "Mã xã,Tên xã,Email\n9001,Xã A,a@example.vn\n90002,,b@example.vn\n90003,Xã C,không-phải-email\n");
    const r = await runCli(["provision", "--communes", file], g.env);
    expect(r.code).toBe(2);
    const msg = r.err.join("\n");
    expect(msg).toContain("Dòng 2: Mã xã phải gồm đúng 5 chữ số.");
    expect(msg).toContain("Dòng 3: Thiếu tên xã.");
    expect(msg).toContain("Dòng 4: Email văn thư không hợp lệ.");
  });
});

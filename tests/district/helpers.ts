/**
 * Fixtures of the district tool's tests: the fake Google (./fake-google) with a service account
 * whose key the tests make, communes from the generated sample units (bench/data.ts: a province,
 * districts of 30 communes), a communes CSV, and the CLI run in-process with a short backoff.
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type BenchCommune, benchUnits } from "../../bench/data";
import { main } from "../../tools/district/cli";
import type { RetryPolicy } from "../../tools/district/retry";
import { type FakeGoogle, type Faults, startFakeGoogle } from "./fake-google/server";

/** Retries without the minutes of real backoff (the policy is the same, only shorter). */
export const FAST_RETRY: RetryPolicy = { retries: 8, minTimeoutMs: 5, maxTimeoutMs: 40 };

export const SERVICE_ACCOUNT = "dan-van-district@dan-van-tinh.iam.gserviceaccount.com";

export interface Env {
  fake: FakeGoogle;
  dir: string;
  keyFile: string;
  folderId: string;
  env: Record<string, string>;
  close(): Promise<void>;
}

/** The fake with a service account key on disk and a Shared Drive folder for the files. */
export async function googleEnv(faults: Faults = {}): Promise<Env> {
  const fake = await startFakeGoogle(faults);
  const dir = mkdtempSync(path.join(os.tmpdir(), "dan-van-district-"));
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const keyFile = path.join(dir, "service-account.json");
  writeFileSync(
    keyFile,
    JSON.stringify({
      type: "service_account",
      project_id: "dan-van-tinh",
      private_key_id: "0123456789abcdef",
      private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      client_email: SERVICE_ACCOUNT,
      client_id: "100000000000000000001",
    }),
  );
  fake.auth.addServiceAccount(SERVICE_ACCOUNT, publicKey.export({ type: "spki", format: "pem" }).toString());
  const folderId = fake.drive.addFolder("Dân vận — Tỉnh Thử Nghiệm");
  return {
    fake,
    dir,
    keyFile,
    folderId,
    env: {
      GOOGLE_APPLICATION_CREDENTIALS: keyFile,
      DISTRICT_GOOGLE_ROOT_URL: fake.url,
      DISTRICT_STATE: path.join(dir, "state.json"),
    },
    async close() {
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The first `n` communes of the generated sample units (the first district holds 30). */
export function sampleCommunes(n: number): BenchCommune[] {
  return benchUnits().communes.slice(0, n);
}

export function writeCommunesCsv(
  dir: string,
  communes: readonly BenchCommune[],
  extra: (c: BenchCommune, i: number) => Record<string, string> = () => ({}),
): string {
  const rows = communes.map((c, i) => ({
    "Mã xã": c.unit.code,
    "Tên xã": c.unit.name,
    unit_id: c.unit.id,
    Email: `vanthu.xa${c.unit.code}@example.vn`,
    ...extra(c, i),
  }));
  const head = Object.keys(rows[0]!);
  const q = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const file = path.join(dir, "communes.csv");
  writeFileSync(
    file,
    `\uFEFF${[head.map(q).join(","), ...rows.map((r) => head.map((h) => q((r as Record<string, string>)[h] ?? "")).join(","))].join("\r\n")}\r\n`,
  );
  return file;
}

/** Run the CLI in this process; its output lines and exit code. */
export async function runCli(argv: string[], env: Record<string, string>): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env, retry: FAST_RETRY });
  return { code, out, err };
}

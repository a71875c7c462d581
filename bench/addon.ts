/**
 * The add-on's Sheets service calls for "Kiểm tra" (check) and "Gửi báo cáo" (submit) at 50 and
 * at 5,000 households: the BUILT add-on bundle over the add-on engineer's Apps Script double
 * (tests/addon), which counts every service call. The two must be equal — work is batched per
 * sheet, never per row. Built and loaded separately by bench/main.ts, so a change in tests/addon
 * only skips this measure.
 */
import { rmSync } from "node:fs";
import { SHEETS_CLASSES } from "../tests/addon/double/counting";
import type { FetchRequest } from "../tests/addon/double/url-fetch";
import { putWorkbook, register, setCommune, setConnection } from "../tests/addon/fixtures";
import { buildBundle, plain, setupEnv } from "../tests/addon/harness";

function receiptFor(req: FetchRequest) {
  const env = JSON.parse(req.payload) as { submission_id: string; commune_code: string; sheets: Record<string, unknown[]> };
  const counts = Object.fromEntries(
    Object.entries(env.sheets).map(([k, rows]) => [k, { inserted: rows.length, updated: 0, unchanged: 0, deleted: 0 }]),
  );
  return {
    status: 201,
    body: JSON.stringify({
      receipt: {
        submission_id: env.submission_id,
        commune_id: `C:${env.commune_code}@bench`,
        received_at: new Date().toISOString(),
        duplicate: false,
        counts,
        warnings: [],
        warnings_total: 0,
      },
    }),
  };
}

const total = (x: Record<string, number>) => Object.values(x).reduce((a, b) => a + b, 0);

export interface AddonCalls {
  households: number;
  check_calls: number;
  submit_calls: number;
  check_ms: number;
  submit_ms: number;
  check_by_method: Record<string, number>;
  submit_by_method: Record<string, number>;
  outcome: string;
}

export async function measureAddonCalls(): Promise<{ small: AddonCalls; large: AddonCalls }> {
  const bundle = await buildBundle();
  const measure = (wb: ReturnType<typeof register>): AddonCalls => {
    const { gas, ss, addon } = setupEnv(bundle);
    putWorkbook(ss, wb);
    setCommune(ss);
    setConnection(ss, "https://dan-van.example.workers.dev", "dvc_0123456789abcdef0123456789abcdef");
    gas.fetchHandler = (req: FetchRequest) => receiptFor(req);
    gas.counter.reset();
    let t = performance.now();
    plain(addon.runCheckNow());
    const checkMs = performance.now() - t;
    const check = gas.counter.snapshot(SHEETS_CLASSES);
    gas.counter.reset();
    t = performance.now();
    const r = plain(addon.menuSubmit()) as { status?: string; outcome?: string };
    const submitMs = performance.now() - t;
    const submit = gas.counter.snapshot(SHEETS_CLASSES);
    const sent = gas.requests[0]
      ? (JSON.parse(gas.requests[0].payload) as { sheets: { households: unknown[] } }).sheets.households.length
      : 0;
    return {
      households: sent,
      check_calls: total(check),
      submit_calls: total(submit),
      check_ms: Math.round(checkMs),
      submit_ms: Math.round(submitMs),
      check_by_method: check,
      submit_by_method: submit,
      outcome: String(r.status ?? r.outcome ?? "?"),
    };
  };
  try {
    const small = measure(register({ villages: 1, teamsPerVillage: 1, householdsPerTeam: 50 }));
    const large = measure(register({ villages: 4, teamsPerVillage: 25, householdsPerTeam: 50 }));
    return { small, large };
  } finally {
    rmSync(bundle.dir, { recursive: true, force: true });
  }
}

/**
 * `npm run district -- <lệnh>`: provision, pull and follow the communes' spreadsheets from the
 * province or district office. Runs in Node (googleapis needs Node's crypto), never in the Worker.
 * Everything it prints is Vietnamese; exit code 0 when every commune went through, 1 when some
 * did not, 2 for a usage or configuration error.
 */
import { parseArgs } from "node:util";
import { AuthError, makeAuth, SCOPES } from "./auth";
import { type Commune, CommunesFileError, knownUnits, readCommunesFile } from "./communes";
import { ConfirmFlagError, parseConfirmFlags } from "./confirm";
import { type CommuneFile, googleApi } from "./google";
import { login } from "./login";
import { startProgress } from "./progress";
import { type ProvisionResult, provisionCommune } from "./provision";
import { type PullResult, pullCommune } from "./pull";
import { describeError } from "./report";
import { DEFAULT_RETRY, type RetryPolicy } from "./retry";
import { forEachLimited } from "./run";
import { StateStore } from "./state";
import { renderTable, statusRows } from "./status";
import { pullLines, report, summarizeCounts } from "./summary";
import { type CommuneRecord, workerClient } from "./worker-client";

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Record<string, string | undefined>;
  /** Tests shorten the backoff. */
  retry?: RetryPolicy;
  /** A terminal for the progress bar; without one, progress is written as lines through `err`. */
  tty?: NodeJS.WriteStream;
}

const progressFor = (io: Io, label: string, total: number) =>
  startProgress(label, total, { stream: io.tty ?? { write: (s: string) => io.err(s.trimEnd()), isTTY: false } });

const HELP = `Cách dùng: npm run district -- <lệnh> [tùy chọn]

Lệnh:
  provision --communes <tệp.csv> [--folder <mã thư mục hoặc Drive dùng chung>] [--template <mã bảng tính mẫu>]
            [--notify] [--dry-run] [--concurrency 4]
      Tạo bảng tính cho từng xã với đủ các trang mẫu, chia sẻ cho văn thư xã (quyền chỉnh sửa), ghi mã bảng tính.
      Chạy lại an toàn: xã đã xong được bỏ qua, xã làm dở được làm tiếp.
  pull [--communes <tệp.csv>] [--via token|admin] [--read-any] [--dry-run] [--concurrency 4]
       [--confirm-deletions <mã xã>:villages=…,teams=…,members=…,households=…]
      Đọc bảng tính của từng xã, kiểm tra như tiện ích, gửi số liệu lên máy chủ. Xã có lỗi được liệt kê, không gửi.
      Máy chủ từ chối lần gửi xóa nhiều dòng danh sách của xã: công cụ in số dòng bị xóa và đúng tùy chọn
      --confirm-deletions để chạy lại sau khi xã xác nhận (số phải khớp, nếu danh sách đã đổi thì bị từ chối lại).
  status [--communes <tệp.csv>]
      Bảng các xã: mã bảng tính, lần thiết lập, lần lấy số liệu, lần gửi được nhận gần nhất.
  login --client <client_secret.json> [--out district-oauth.json] [--read-any]
      Đăng nhập bằng tài khoản Google của cán bộ (khi không dùng tài khoản dịch vụ).

Biến môi trường: GOOGLE_APPLICATION_CREDENTIALS (khóa tài khoản dịch vụ) hoặc DISTRICT_OAUTH_CREDENTIALS (tệp của lệnh login);
DAN_VAN_WORKER_URL, DAN_VAN_ADMIN_SECRET (máy chủ Dân vận); DISTRICT_STATE (tệp trạng thái, mặc định district-state.json).`;

class UsageError extends Error {}

function args(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      communes: { type: "string" },
      folder: { type: "string" },
      template: { type: "string" },
      notify: { type: "boolean", default: false },
      "dry-run": { type: "boolean", default: false },
      concurrency: { type: "string", default: "4" },
      via: { type: "string", default: "auto" },
      "read-any": { type: "boolean", default: false },
      state: { type: "string" },
      client: { type: "string" },
      out: { type: "string", default: "district-oauth.json" },
      "confirm-deletions": { type: "string", multiple: true, default: [] },
      help: { type: "boolean", short: "h", default: false },
    },
  });
}

export async function main(argv: string[], io: Io): Promise<number> {
  let parsed: ReturnType<typeof args>;
  try {
    parsed = args(argv);
  } catch (e) {
    io.err(`Tùy chọn không hợp lệ: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values: o, positionals } = parsed;
  const command = positionals[0];
  if (o.help || !command) {
    io.out(HELP);
    return command || o.help ? 0 : 2;
  }
  const started = Date.now();
  // DISTRICT_BACKOFF_MS: the first retry's delay (default 1 s, doubling up to 64×); tests shorten it.
  const backoff = Number(io.env.DISTRICT_BACKOFF_MS);
  if (!io.retry && Number.isFinite(backoff) && backoff > 0)
    io = { ...io, retry: { ...DEFAULT_RETRY, minTimeoutMs: backoff, maxTimeoutMs: backoff * 64 } };
  try {
    const concurrency = Number(o.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32)
      throw new UsageError("--concurrency phải là số nguyên từ 1 đến 32.");
    if (!["auto", "token", "admin"].includes(o.via!)) throw new UsageError('--via phải là "token" hoặc "admin".');
    if (command === "login") {
      if (!o.client) throw new UsageError("Thiếu --client <tệp client_secret.json>.");
      await login({
        clientFile: o.client,
        out: o.out!,
        scopes: [SCOPES.driveFile, ...(o["read-any"] ? [SCOPES.spreadsheetsReadonly] : [])],
        show: (url) => io.out(`Mở địa chỉ sau trong trình duyệt, đăng nhập và cho phép:\n${url}`),
      });
      io.out(`Đã lưu thông tin đăng nhập vào ${o.out}. Đặt DISTRICT_OAUTH_CREDENTIALS=${o.out} cho các lệnh khác.`);
      return 0;
    }
    if (!["provision", "pull", "status"].includes(command)) throw new UsageError(`Không có lệnh "${command}".`);

    const state = new StateStore(o.state ?? io.env.DISTRICT_STATE ?? "district-state.json");
    const communes: Commune[] = o.communes ? readCommunesFile(o.communes, knownUnits()) : [];
    const workerUrl = io.env.DAN_VAN_WORKER_URL;
    const adminSecret = io.env.DAN_VAN_ADMIN_SECRET;
    const worker = workerUrl
      ? workerClient({ baseUrl: workerUrl, ...(adminSecret ? { adminSecret } : {}), ...(io.retry ? { retry: io.retry } : {}) })
      : null;

    if (command === "status") {
      let records: Map<string, CommuneRecord> | null = null;
      if (worker && adminSecret) {
        try {
          records = new Map((await worker.queryRecords()).map((r) => [r.unit_id, r]));
        } catch (e) {
          io.err(`Không đọc được bản ghi trên máy chủ (${(e as Error).message}); dùng tệp trạng thái.`);
        }
      }
      io.out(renderTable(statusRows(communes, state, records)));
      return 0;
    }

    let retries = 0;
    const scopes = [SCOPES.driveFile, ...(command === "pull" && o["read-any"] ? [SCOPES.spreadsheetsReadonly] : [])];
    const auth = makeAuth(
      { serviceAccountKeyFile: io.env.GOOGLE_APPLICATION_CREDENTIALS, userCredentialsFile: io.env.DISTRICT_OAUTH_CREDENTIALS },
      scopes,
    );
    const google = googleApi({
      auth: auth.client,
      ...(io.env.DISTRICT_GOOGLE_ROOT_URL ? { rootUrl: io.env.DISTRICT_GOOGLE_ROOT_URL } : {}),
      ...(io.retry ? { retry: io.retry } : {}),
      events: { onRetry: () => void retries++ },
    });
    io.err(`Đăng nhập Google: ${auth.who}.`);

    if (command === "provision") {
      if (!communes.length) throw new UsageError("Thiếu --communes <tệp.csv> (danh sách xã cần thiết lập).");
      const existing = new Map<string, CommuneFile[]>();
      for (const f of await google.listCommuneFiles()) existing.set(f.unitId, [...(existing.get(f.unitId) ?? []), f]);
      const adminWorker = worker && adminSecret ? worker : null;
      if (!adminWorker)
        io.err("Chưa cấu hình máy chủ (DAN_VAN_WORKER_URL, DAN_VAN_ADMIN_SECRET): mã bảng tính chỉ được ghi vào tệp trạng thái.");
      const ctx = {
        google,
        state,
        worker: adminWorker,
        notify: o.notify!,
        dryRun: o["dry-run"]!,
        existing,
        print: io.out,
        ...(o.folder ? { folderId: o.folder } : {}),
        ...(o.template ? { templateId: o.template } : {}),
        ...(io.retry ? { retry: io.retry } : {}),
      };
      const results = await forEachLimited(
        communes,
        (c) => c.unitId,
        (c) => provisionCommune(ctx, c),
        { concurrency, label: "Thiết lập", progress: progressFor(io, "Thiết lập", communes.length) },
      );
      return report(
        io,
        communes,
        results,
        (c, r: ProvisionResult) => {
          const what = {
            skipped: "đã xong từ trước",
            provisioned: "đã tạo và chia sẻ",
            repaired: "đã làm tiếp",
            dry_run: "chạy thử (không gửi gì)",
          }[r.action];
          return [
            `✓ ${c.name} (${c.code}): ${what}${r.spreadsheetId ? ` — ${r.url ?? r.spreadsheetId}` : ""}`,
            ...r.notes.map((n) => `  ${n}`),
          ];
        },
        summarizeCounts(google.counts, retries),
        started,
      );
    }

    // pull
    if (!worker) throw new UsageError("Thiếu DAN_VAN_WORKER_URL (địa chỉ máy chủ Dân vận).");
    const list: Commune[] = communes.length
      ? communes
      : state
          .all()
          .filter((s) => s.spreadsheet_id)
          .map((s, i) => ({ unitId: s.unit_id, code: s.code, name: s.name, line: i + 1 }));
    if (!list.length) throw new UsageError("Không có xã nào để lấy số liệu (thiếu --communes và tệp trạng thái trống).");
    const confirmDeletions = parseConfirmFlags(o["confirm-deletions"] ?? []);
    const unknown = [...confirmDeletions.keys()].filter((code) => !list.some((c) => c.code === code));
    if (unknown.length) throw new UsageError(`--confirm-deletions cho xã không có trong danh sách: ${unknown.join(", ")}.`);
    const ctx = {
      google,
      state,
      worker,
      via: o.via as "auto" | "token" | "admin",
      dryRun: o["dry-run"]!,
      confirmDeletions,
    };
    const results = await forEachLimited(
      list,
      (c) => c.unitId,
      (c) => pullCommune(ctx, c),
      {
        concurrency,
        label: "Lấy số liệu",
        progress: progressFor(io, "Lấy số liệu", list.length),
        isOk: (r: PullResult) => r.status === "accepted" || r.status === "duplicate" || r.status === "checked",
      },
    );
    return report(io, list, results, pullLines, summarizeCounts(google.counts, retries), started);
  } catch (e) {
    if (e instanceof UsageError || e instanceof AuthError || e instanceof ConfirmFlagError) {
      io.err(e.message);
      return 2;
    }
    if (e instanceof CommunesFileError) {
      io.err(`Tệp danh sách xã có lỗi:\n${e.problems.map((p) => `  ${p}`).join("\n")}`);
      return 2;
    }
    // A call made before the communes' work (the listing of files, the worker's records) failed.
    io.err(`Không làm được: ${describeError(e)}`);
    return 1;
  }
}

// Run when bundled as the entry (tools/district/bin.mjs), not when imported by tests.
if (process.env.DISTRICT_CLI_MAIN === "1") {
  main(process.argv.slice(2), {
    out: (l) => console.log(l),
    err: (l) => console.error(l),
    env: process.env,
    ...(process.stderr.isTTY ? { tty: process.stderr } : {}),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      console.error(`Lỗi không mong đợi: ${(e as Error)?.stack ?? e}`);
      process.exitCode = 1;
    },
  );
}

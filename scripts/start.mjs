#!/usr/bin/env node
/**
 * `npm start`: the worker on local D1 with the pilot data, from a fresh clone (after `npm ci`).
 *   1. .dev.vars gets an ADMIN_SECRET (random) if it has none;
 *   2. D1 migrations are applied locally (`wrangler d1 migrations apply DB --local`);
 *   3. `wrangler dev --ip 127.0.0.1 --port 8787` starts and stays in the foreground until Ctrl-C;
 *   4. once /health answers, the pilot demo data is loaded through the admin API (./demo/load.ts,
 *      bundled with esbuild) — once: a second start re-sends the same submission ids, which count once;
 *   5. a district link and the commune links are printed, next to the console's address (/admin).
 * `--no-demo` skips 4 and 5 but still prints the console's address (npm run dev). PORT changes the port.
 * The worker runs with CONSOLE_DEV_SIGNIN=1: the console's development sign-in with ADMIN_SECRET
 * (worker/src/console/session.ts). A deployed worker never has it (it is not in wrangler.toml).
 */
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { exitOf, forwardSignals, ROOT, wrangler } from "./wrangler.mjs";

const port = Number(process.env.PORT ?? 8787);
const base = `http://127.0.0.1:${port}`;
const withDemo = !process.argv.includes("--no-demo");

/** The ADMIN_SECRET of .dev.vars, created (64 random hex digits) when missing. */
function adminSecret() {
  const file = path.join(ROOT, ".dev.vars");
  const text = existsSync(file) ? readFileSync(file, "utf8") : "";
  const found = /^ADMIN_SECRET\s*=\s*"?([^"\r\n]+)"?\s*$/m.exec(text)?.[1];
  if (found) return found;
  const secret = randomBytes(32).toString("hex");
  if (text) appendFileSync(file, `${text.endsWith("\n") ? "" : "\n"}ADMIN_SECRET=${secret}\n`);
  else writeFileSync(file, `# Created by npm start (git ignores this file).\nADMIN_SECRET=${secret}\n`);
  console.log("Đã tạo .dev.vars với ADMIN_SECRET ngẫu nhiên.");
  return secret;
}

async function healthy() {
  try {
    const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** Wait for /health; false if wrangler exits first or it takes longer than `ms`. */
async function waitForHealth(child, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until && child.exitCode === null) {
    if (await healthy()) return true;
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

async function loadDemo(secret) {
  const outfile = path.join(ROOT, ".wrangler", "demo", "load.mjs");
  await build({
    entryPoints: [path.join(ROOT, "scripts", "demo", "load.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    outfile,
    logLevel: "warning",
  });
  const { loadDemo: load, printLinks } = await import(pathToFileURL(outfile).href);
  const started = Date.now();
  const result = await load({ baseUrl: base, adminSecret: secret, stateFile: path.join(ROOT, ".wrangler", "demo-links.json") });
  printLinks(result, Date.now() - started);
}

const secret = adminSecret();
if (await healthy()) {
  console.error(`Cổng ${port} đang có một máy chủ khác chạy. Hãy tắt nó hoặc đặt PORT khác (ví dụ PORT=8788 npm start).`);
  process.exit(1);
}
const migrate = await exitOf(wrangler(["d1", "migrations", "apply", "DB", "--local"], { CI: "true" }));
if (migrate !== 0) process.exit(migrate);

const dev = wrangler([
  "dev",
  "--ip",
  "127.0.0.1",
  "--port",
  String(port),
  "--var",
  `PUBLIC_BASE_URL:${base}`,
  "--var",
  "CONSOLE_DEV_SIGNIN:1",
]);
forwardSignals(dev);
const done = exitOf(dev);
if (withDemo) {
  if (await waitForHealth(dev, 90_000)) {
    await loadDemo(secret).catch((e) => console.error("\nKhông nạp được dữ liệu mẫu:", e instanceof Error ? e.message : e));
  } else if (dev.exitCode === null) {
    console.error(`\nMáy chủ chưa trả lời ${base}/health sau 90 giây; bỏ qua dữ liệu mẫu.`);
  }
} else if (await waitForHealth(dev, 90_000)) {
  console.log(`\n Bảng điều khiển triển khai: ${base}/admin  (đăng nhập thử bằng ADMIN_SECRET trong .dev.vars)\n`);
}
process.exit(await done);

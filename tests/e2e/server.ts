/**
 * The worker as `npm start` runs it (scripts/start.mjs), for the end-to-end tests and the bench:
 * D1 migrations applied locally, then `wrangler dev` on 127.0.0.1 (through scripts/wrangler.mjs, as
 * `npm start` runs it: its request log in `logFile` shows tokens redacted) — but on a free port, with a
 * throwaway `--persist-to` directory and its own ADMIN_SECRET (an --env-file, which wins over the
 * developer's .dev.vars), so it never touches the developer's local data or a running `npm start`.
 *
 * By default wrangler runs on a snapshot of the worker's sources (worker/, shared/, wrangler.toml,
 * package.json copied into the throwaway directory, node_modules linked): wrangler dev reloads the
 * worker when a watched file changes, which would cut requests short while others edit the tree.
 *
 * Every child runs in its own process group and is killed as a group (wrangler starts workerd):
 * on stop(), on a timeout, and when this process exits or is interrupted. Only loopback is used.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(findRoot());

function findRoot(): string {
  // Works from the source tree (tests/e2e) and from an esbuild bundle anywhere under the repo.
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string };
      if (pkg.name === "dan-van") return dir;
    } catch {
      /* keep looking upwards */
    }
    dir = path.dirname(dir);
  }
  return process.cwd();
}

/** The variables that keep wrangler offline (see scripts/wrangler.mjs). */
export const OFFLINE_ENV = {
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_HIDE_BANNER: "true",
} as const;

// Resolved through ROOT even when wrangler runs in a snapshot directory.
const WRANGLER = path.join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");
/** What `npm start` runs wrangler dev through: the same offline variables, tokens redacted from its log. */
const WRANGLER_WRAPPER = path.join(ROOT, "scripts", "wrangler.mjs");

/** Node 22 (wrangler needs it): the pinned one in node_modules/.bin, else the one running us. */
export function node22(): string {
  const pinned = path.join(ROOT, "node_modules", ".bin", "node");
  return existsSync(pinned) ? pinned : process.execPath;
}

/** A port on 127.0.0.1 that is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

const live = new Set<ChildProcess>();

/** Kill a child's whole process group (SIGTERM, then SIGKILL after `graceMs`). */
export async function killGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  live.delete(child);
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    signalGroup(child, "SIGKILL"); // grandchildren (workerd) may outlive wrangler
    return;
  }
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  signalGroup(child, "SIGTERM");
  const t = setTimeout(() => signalGroup(child, "SIGKILL"), graceMs);
  await Promise.race([exited, new Promise((r) => setTimeout(r, graceMs + 2000))]);
  clearTimeout(t);
  signalGroup(child, "SIGKILL");
}

function signalGroup(child: ChildProcess, sig: NodeJS.Signals) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, sig);
  } catch {
    /* group already gone */
  }
}

let hooked = false;
function hookExit() {
  if (hooked) return;
  hooked = true;
  process.on("exit", () => {
    for (const c of live) signalGroup(c, "SIGKILL");
  });
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(sig, () => {
      for (const c of live) signalGroup(c, "SIGKILL");
      process.exit(130);
    });
  }
}

/**
 * Group leader between us and wrangler: runs the command, exits with its code, and kills the whole
 * group if this process disappears without cleaning up (e.g. a test runner killed with SIGKILL).
 */
const SUPERVISOR = `
const [parent, ...cmd] = process.argv.slice(1);
const child = require("node:child_process").spawn(cmd[0], cmd.slice(1), { stdio: "inherit" });
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
setInterval(() => {
  try { process.kill(Number(parent), 0); } catch { try { process.kill(-process.pid, "SIGKILL"); } catch {} process.exit(1); }
}, 1000);
`;

/** Start `node <args>` (supervised) in its own process group, output to `logFile`. */
function spawnGroup(args: string[], env: Record<string, string>, logFile: string, cwd = ROOT): ChildProcess {
  hookExit();
  const fd = openSync(logFile, "a");
  const child = spawn(node22(), ["-e", SUPERVISOR, String(process.pid), node22(), ...args], {
    cwd,
    detached: true,
    stdio: ["ignore", fd, fd],
    env: { ...process.env, ...OFFLINE_ENV, ...env },
  });
  closeSync(fd);
  live.add(child);
  child.once("exit", () => live.delete(child));
  return child;
}

/** Run to completion within `timeoutMs`; the group is killed on timeout. */
async function runGroup(args: string[], env: Record<string, string>, logFile: string, timeoutMs: number, cwd = ROOT): Promise<number> {
  const child = spawnGroup(args, env, logFile, cwd);
  const code = new Promise<number>((r) => child.once("exit", (c) => r(c ?? 1)));
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((r) => (timer = setTimeout(() => r("timeout"), timeoutMs)));
  const first = await Promise.race([code, timedOut]);
  clearTimeout(timer);
  if (first === "timeout") {
    await killGroup(child);
    throw new Error(`timed out after ${timeoutMs} ms: wrangler ${args.slice(1).join(" ")} (log: ${logFile})`);
  }
  live.delete(child);
  return first;
}

export interface WorkerServer {
  base: string;
  port: number;
  adminSecret: string;
  persistDir: string;
  logFile: string;
  /** Stops wrangler and workerd (process group) and removes the throwaway directory. */
  stop(opts?: { keepDir?: boolean }): Promise<void>;
}

export interface StartOptions {
  /** Run on a copy of the sources taken now (default true); false runs on the working tree. */
  snapshot?: boolean;
  /** Default: a new directory under the OS temp dir, removed on stop(). */
  workDir?: string;
  /** Milliseconds to wait for /health (default 120 s). */
  startTimeoutMs?: number;
  /** Run the sources of this git commit instead (`git archive`; bench baselines of an earlier version). */
  ref?: string;
  /** SQL files run on the local D1 after the migrations, before wrangler dev starts (`wrangler d1 execute --file`; bench data). */
  seedFiles?: string[];
}

/** Migrations + `wrangler dev` on a free 127.0.0.1 port with a throwaway persist dir. */
export async function startWorker(opts: StartOptions = {}): Promise<WorkerServer> {
  const workDir = opts.workDir ?? mkdtempSync(path.join(os.tmpdir(), "dan-van-worker-"));
  mkdirSync(workDir, { recursive: true });
  const persistDir = path.join(workDir, "state");
  const logFile = path.join(workDir, "wrangler.log");
  const adminSecret = randomBytes(24).toString("hex");
  const envFile = path.join(workDir, "secrets.env");
  writeFileSync(envFile, `ADMIN_SECRET=${adminSecret}\n`, { mode: 0o600 });

  const cwd = opts.ref
    ? sourcesAt(opts.ref, path.join(workDir, "src"))
    : opts.snapshot === false
      ? ROOT
      : snapshotSources(path.join(workDir, "src"));
  const migrate = await runGroup(
    [WRANGLER, "d1", "migrations", "apply", "DB", "--local", "--persist-to", persistDir],
    { CI: "true" },
    logFile,
    120_000,
    cwd,
  );
  if (migrate !== 0) throw new Error(`D1 migrations failed (exit ${migrate}); log: ${logFile}\n${tail(logFile)}`);
  for (const file of opts.seedFiles ?? []) {
    const seeded = await runGroup(
      [WRANGLER, "d1", "execute", "DB", "--local", "--persist-to", persistDir, "--file", file],
      { CI: "true" },
      logFile,
      600_000,
      cwd,
    );
    if (seeded !== 0) throw new Error(`D1 seed ${file} failed (exit ${seeded}); log: ${logFile}\n${tail(logFile)}`);
  }

  // A free port can be taken before wrangler binds it: one more try on a new port.
  let lastError: Error | undefined;
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      return await startDev(cwd, persistDir, envFile, logFile, adminSecret, workDir, opts);
    } catch (e) {
      lastError = e as Error;
    }
  }
  throw lastError!;
}

async function startDev(
  cwd: string,
  persistDir: string,
  envFile: string,
  logFile: string,
  adminSecret: string,
  workDir: string,
  opts: StartOptions,
): Promise<WorkerServer> {
  const port = await freePort();
  const inspector = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dev = spawnGroup(
    [
      WRANGLER_WRAPPER,
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--inspector-ip",
      "127.0.0.1",
      "--inspector-port",
      String(inspector),
      "--persist-to",
      persistDir,
      "--env-file",
      envFile,
      "--var",
      `PUBLIC_BASE_URL:${base}`,
      // As `npm start`: the console's development sign-in (worker/src/console/session.ts).
      "--var",
      "CONSOLE_DEV_SIGNIN:1",
      "--show-interactive-dev-session=false",
    ],
    {},
    logFile,
    cwd,
  );
  const stop = async (o: { keepDir?: boolean } = {}) => {
    await killGroup(dev);
    if (!o.keepDir && !opts.workDir) rmSync(workDir, { recursive: true, force: true });
  };
  const until = Date.now() + (opts.startTimeoutMs ?? 120_000);
  while (Date.now() < until) {
    if (dev.exitCode !== null) break;
    try {
      const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return { base, port, adminSecret, persistDir, logFile, stop };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  const why = dev.exitCode !== null ? `wrangler dev exited (${dev.exitCode})` : "no answer from /health in time";
  const log = tail(logFile);
  await stop({ keepDir: true });
  throw new Error(`${why}; log: ${logFile}\n${log}`);
}

/** Copy what the worker is built from into `dir`; node_modules is linked. Returns `dir`. */
function snapshotSources(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const skip = (src: string) => !/[\\/](node_modules|\.wrangler)([\\/]|$)/.test(path.relative(ROOT, src));
  for (const item of ["worker", "shared"]) cpSync(path.join(ROOT, item), path.join(dir, item), { recursive: true, filter: skip });
  for (const file of ["wrangler.toml", "package.json", "tsconfig.json"]) {
    if (existsSync(path.join(ROOT, file))) cpSync(path.join(ROOT, file), path.join(dir, file));
  }
  symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

/** The worker's sources as of a git commit, beside this checkout's node_modules. */
function sourcesAt(ref: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const tar = execFileSync("git", ["archive", "--format=tar", ref, "worker", "shared", "wrangler.toml", "package.json", "tsconfig.json"], {
    cwd: ROOT,
    maxBuffer: 1 << 30,
  });
  execFileSync("tar", ["-x", "-C", dir], { input: tar });
  symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

/** JSON request to the worker with a timeout; answers {status, json, text}. */
export async function call(
  base: string,
  route: string,
  init: { method?: string; token?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<{ status: number; json: any; text: string; ms: number }> {
  const t0 = performance.now();
  const res = await fetch(`${base}${route}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: {
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
    signal: AbortSignal.timeout(init.timeoutMs ?? 120_000),
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, json, text, ms };
}

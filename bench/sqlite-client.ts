/**
 * Runs the SQLite baseline (./sqlite-child.ts, bundled by ./bundle.ts) under a Node whose ABI
 * matches node_modules/better-sqlite3: the Node that ran npm (`npm_node_execpath`), else the
 * first `node` on PATH outside node_modules/.bin, else this one. The child is killed on close().
 */
import { type ChildProcess, execFileSync, fork } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import type { Workbook } from "../shared/schemas";
import type { Unit } from "../shared/units";
import { bundle } from "./bundle";

function candidates(): string[] {
  const out = new Set<string>();
  if (process.env.npm_node_execpath) out.add(process.env.npm_node_execpath);
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir || dir.includes(`node_modules${path.sep}.bin`)) continue;
    const p = path.join(dir, "node");
    if (existsSync(p)) out.add(p);
  }
  out.add(process.execPath);
  return [...out];
}

/** Whether `node` can load better-sqlite3 (a quick child process). */
function canLoad(node: string, root: string): boolean {
  try {
    execFileSync(node, ["-e", "const D=require('better-sqlite3');new D(':memory:').close()"], {
      cwd: root,
      stdio: "ignore",
      timeout: 20_000,
    });
    return true;
  } catch {
    return false;
  }
}

export class SqliteClient {
  private child!: ChildProcess;
  node = "";
  nodeVersion = "";
  private queue: ((m: any) => void)[] = [];

  static async start(root: string, units: Unit[]): Promise<SqliteClient> {
    const node = candidates().find((n) => canLoad(n, root));
    if (!node) throw new Error("no Node on this machine loads node_modules/better-sqlite3 (run `npm rebuild better-sqlite3`)");
    const file = await bundle(root, "bench/sqlite-child.ts");
    const c = new SqliteClient();
    c.node = node;
    c.child = fork(file, [], { execPath: node, serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"], cwd: root });
    c.child.on("message", (m) => c.queue.shift()?.(m));
    c.child.on("exit", () => {
      for (const q of c.queue.splice(0)) q({ ok: false, error: "baseline process exited" });
    });
    const r = await c.ask({ op: "init", root, units });
    c.nodeVersion = r.node;
    return c;
  }

  private ask(msg: unknown): Promise<any> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error("SQLite baseline: no answer in 300 s")), 300_000);
      this.queue.push((m) => {
        clearTimeout(t);
        if (m?.ok) resolve(m);
        else reject(new Error(`SQLite baseline: ${m?.error}`));
      });
      this.child.send(msg as object);
    });
  }

  async insert(batch: { communeId: string; submissionId: string; workbook: Workbook }[]): Promise<{ rows: number; ms: number }> {
    const r = await this.ask({ op: "insert", batch });
    return { rows: r.rows, ms: r.ms };
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    await Promise.race([this.ask({ op: "close" }).catch(() => undefined), new Promise((r) => setTimeout(r, 10_000))]);
    if (this.child.exitCode === null) this.child.kill("SIGKILL");
  }
}

#!/usr/bin/env node
/**
 * Part of `npm run lint`: the import graph of the project's own TypeScript, type-only imports
 * included (a cycle through `import type` is still a cycle a reader must untangle). Fails on
 *   - any import cycle (strongly connected components of more than one module, Tarjan's algorithm);
 *   - shared/ importing the parts that use it or a platform (hono, wrangler, googleapis, Node
 *     built-ins, Apps Script globals are not imports and are caught by the before-stop hook);
 *   - the add-on importing the worker or the other way round (they share code through shared/ only);
 *   - the worker's layers (LAYERS below): domain code (db, auth, aggregates, ingest, rollup, operators, rollout, retention, privacy) never
 *     imports the HTTP side (http, api, admin, links, views, app) and views read the rollup's types only;
 *   - a value import of zod's `z` object (`import { z } from "zod"` or from shared/zod-vi): `z` holds
 *     every export of zod, its 64 locales included, so a bundle cannot drop any of them — import
 *     the namespace instead (`import * as z from ".../zod-vi"`; shared/zod-vi.ts).
 * A small scanner instead of dependency-cruiser/madge: both need the `typescript` package's
 * compiler API, which TypeScript 7 (the native compiler this project uses) does not publish.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = process.env.CHECK_ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DIRS = ["shared", "worker/src", "addon/src", "scripts", "bench", "tests", "tools"];
const SKIP = /(^|\/)(node_modules|dist|\.wrangler)(\/|$)|worker-configuration\.d\.ts$/;
const EXT = /\.(ts|tsx|mts|mjs|js)$/;

/**
 * `import … from "x"`, `export … from "x"`, `import "x"`, `import("x")`, `require("x")`; groups: 1 `type`
 * keyword, 2 the import clause, 3–5 the specifier.
 */
const IMPORT =
  /(?:^|[;\s])(?:import|export)\s+(type\s+)?(?:([\w*{}\s,$]+?)\s+from\s+)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)|\brequire\(\s*["']([^"']+)["']\s*\)/g;

/** `import type { A } from`, or `import { type A, type B } from`: erased when compiled. */
const typeOnly = (m) =>
  !!m[1] ||
  (!!m[2] &&
    /^\{[^}]*\}$/.test(m[2].trim()) &&
    m[2]
      .trim()
      .slice(1, -1)
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean)
      .every((x) => x.startsWith("type ")));

/**
 * The worker's layers, bottom up (ARCHITECTURE.md). A module in `dir` may import its own directory,
 * the directories in `may`, the ones in `types` with `import type` only, and shared/. Directories not
 * listed (http, api, admin, links, app.ts, …: the HTTP side) may import any layer.
 */
const LAYERS = [
  { dir: "worker/src/db", may: [] },
  { dir: "worker/src/auth", may: [] },
  // Aggregate maintenance: written by the ingest, read by the rollup, so part of neither.
  { dir: "worker/src/aggregates", may: ["worker/src/db"] },
  // Domain code returns results (worker/src/ingest/refusal.ts); HTTP maps them.
  { dir: "worker/src/ingest", may: ["worker/src/aggregates", "worker/src/db"] },
  { dir: "worker/src/rollup", may: ["worker/src/db"] },
  // "Chuyển đổi thôn": checks and stores a split commune's village mapping (results, not HTTP).
  { dir: "worker/src/villages", may: ["worker/src/db"] },
  // A report as a document: built from a rollup it is given (its types) and the narrative it reads.
  { dir: "worker/src/report", may: ["worker/src/db"], types: ["worker/src/rollup"] },
  // "Chốt số liệu kỳ": a commune's figures taken from its rollup, shown on district rollups instead of the live ones.
  { dir: "worker/src/closing", may: ["worker/src/db", "worker/src/rollup"] },
  // Pages render what they are given: a rollup's or a report's types, never a query.
  { dir: "worker/src/views", may: [], types: ["worker/src/rollup", "worker/src/report", "worker/src/closing"] },
  // The roll-out console's domain (operators and their units; communes, tokens, weeks, audit): no HTTP,
  // no pages — worker/src/console maps its results to pages.
  { dir: "worker/src/operators", may: ["worker/src/db"] },
  { dir: "worker/src/rollout", may: ["worker/src/db", "worker/src/auth", "worker/src/operators"] },
  // Personal data: the retention job, and a household's export and erasure (Law 91/2025/QH15).
  { dir: "worker/src/retention", may: ["worker/src/db"] },
  { dir: "worker/src/privacy", may: ["worker/src/db", "worker/src/ingest"] },
];
const inDir = (file, dir) => file.startsWith(`${dir}/`);

/** Why `file` may not import `to` (`type`: a type-only import), or null. */
function layerProblem(file, to, type) {
  const layer = LAYERS.find((l) => inDir(file, l.dir));
  if (!layer || inDir(to, layer.dir) || !to.startsWith("worker/src/")) return null;
  if (layer.may.some((d) => inDir(to, d))) return null;
  if ((layer.types ?? []).some((d) => inDir(to, d))) {
    return type ? null : `${file}: imports ${to} for values; ${layer.dir} may import only types from it (\`import type\`)`;
  }
  const allowed = [...layer.may, ...(layer.types ?? []).map((d) => `${d} (types)`)];
  return `${file}: ${layer.dir} must not import ${to} (allowed: ${allowed.length ? allowed.join(", ") : "nothing else in worker/src"}, shared/)`;
}

function* files(dir) {
  const abs = path.join(ROOT, dir);
  if (!existsSync(abs)) return;
  for (const name of readdirSync(abs)) {
    const rel = path.posix.join(dir, name);
    if (SKIP.test(rel)) continue;
    if (statSync(path.join(ROOT, rel)).isDirectory()) yield* files(rel);
    else if (EXT.test(name)) yield rel;
  }
}

/** A relative specifier resolved to a project file, as TypeScript's bundler resolution would. */
function resolve(from, spec) {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  const stem = base.replace(/\.(js|mjs)$/, "");
  for (const c of [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) {
    if (existsSync(path.join(ROOT, c)) && statSync(path.join(ROOT, c)).isFile()) return c;
  }
  return null;
}

/** `import { …z… } from "zod"` or `…/zod-vi` (not `import type`). */
const ZOD_OBJECT = /(?:^|[;\s])import\s+(?!type\s)\{[^}]*\bz\b[^}]*\}\s*from\s*["'](?:zod|[^"']*\/zod-vi)["']/;

const graph = new Map();
const problems = [];
for (const dir of DIRS) {
  for (const file of files(dir)) {
    const text = readFileSync(path.join(ROOT, file), "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/^\s*\/\/.*$/gm, "");
    const deps = new Set();
    if (ZOD_OBJECT.test(text)) {
      problems.push(
        `${file}: imports zod's \`z\` object, which keeps every zod locale in a bundle; use \`import * as z from ".../zod-vi"\``,
      );
    }
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[3] ?? m[4] ?? m[5];
      if (spec.startsWith(".")) {
        const to = resolve(file, spec);
        if (!to) problems.push(`${file}: import "${spec}" resolves to no file`);
        else deps.add(to);
        const layer = to && layerProblem(file, to, typeOnly(m));
        if (layer) problems.push(layer);
        if (to && file.startsWith("shared/") && !to.startsWith("shared/"))
          problems.push(`${file}: shared/ imports ${to} (shared/ must not depend on the parts that use it)`);
        if (to && file.startsWith("addon/") && to.startsWith("worker/"))
          problems.push(`${file}: the add-on imports the worker (${to}); share through shared/`);
        if (to && file.startsWith("worker/") && to.startsWith("addon/"))
          problems.push(`${file}: the worker imports the add-on (${to}); share through shared/`);
      } else if (
        file.startsWith("shared/") &&
        /^(node:|hono|wrangler|googleapis|google-auth-library|@cloudflare\/|cloudflare:)/.test(spec)
      ) {
        problems.push(`${file}: shared/ imports the platform module "${spec}"`);
      }
    }
    graph.set(file, deps);
  }
}

// Tarjan's strongly connected components.
let index = 0;
const idx = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const cycles = [];
function connect(v) {
  idx.set(v, index);
  low.set(v, index++);
  stack.push(v);
  onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!graph.has(w)) continue;
    if (!idx.has(w)) {
      connect(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const scc = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      scc.push(w);
    } while (w !== v);
    if (scc.length > 1 || graph.get(v)?.has(v)) cycles.push(scc.sort());
  }
}
for (const v of graph.keys()) if (!idx.has(v)) connect(v);
for (const c of cycles) problems.push(`import cycle: ${c.join(" ↔ ")}`);

const edges = [...graph.values()].reduce((n, d) => n + d.size, 0);
if (problems.length) {
  console.error(problems.map((p) => `✗ ${p}`).join("\n"));
  console.error(`check-imports: ${problems.length} problem(s) in ${graph.size} modules.`);
  process.exit(1);
}
console.log(`check-imports: ${graph.size} modules, ${edges} imports, no cycle, shared/ pure, worker layers kept.`);

#!/usr/bin/env node
/**
 * `npm run bench`: bundles bench/main.ts (TypeScript) with esbuild into node_modules/.cache and runs
 * it with the Node that runs this script (Node 22 under npm). npm packages stay external (resolved
 * from node_modules); the add-on build script stays an external .mjs so its own paths hold.
 * Environment: BENCH_SIZES=commune,district,province (default all three), see bench/main.ts.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const entry = path.resolve(ROOT, process.argv[2] ?? "bench/main.ts");
const outdir = path.join(ROOT, "node_modules", ".cache", "dan-van-bench");
mkdirSync(outdir, { recursive: true });
const outfile = path.join(outdir, `${path.basename(entry).replace(/\.[cm]?tsx?$/, "")}.mjs`);

/** Relative imports of .mjs files (scripts/build-addon.mjs) stay external, by absolute URL. */
const externalMjs = {
  name: "external-mjs",
  setup(b) {
    b.onResolve({ filter: /\.mjs$/ }, (args) => {
      if (!args.path.startsWith(".")) return undefined;
      return { path: pathToFileURL(path.resolve(args.resolveDir, args.path)).href, external: true };
    });
  },
};

await build({
  entryPoints: [entry],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  packages: "external",
  outfile,
  jsx: "automatic",
  jsxImportSource: "hono/jsx",
  sourcemap: "inline",
  logLevel: "warning",
  plugins: [externalMjs],
});
process.setSourceMapsEnabled?.(true);
await import(pathToFileURL(outfile).href);

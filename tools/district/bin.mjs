#!/usr/bin/env node
/**
 * `npm run district -- <lệnh>`: bundles tools/district/cli.ts with esbuild into
 * node_modules/.cache (npm packages stay external, resolved from node_modules) and runs it with
 * the Node that runs this script (Node 22 under npm), as bench/run.mjs does for the bench.
 */
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// One file per process: two runs at once never read each other's half-written bundle.
const outfile = path.join(ROOT, "node_modules", ".cache", "dan-van-district", `cli-${process.pid}.mjs`);
mkdirSync(path.dirname(outfile), { recursive: true });
await build({
  entryPoints: [path.join(ROOT, "tools/district/cli.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  packages: "external",
  outfile,
  sourcemap: "inline",
  logLevel: "warning",
});
process.env.DISTRICT_CLI_MAIN = "1";
process.setSourceMapsEnabled?.(true);
try {
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(outfile, { force: true });
}

#!/usr/bin/env node
/**
 * Runs a TypeScript script of the project with the Node that runs this one (Node 22 under npm):
 * esbuild bundles it (the project's imports have no extensions, which Node's own type stripping
 * cannot resolve) into node_modules/.cache/dan-van-scripts, npm packages left external.
 * Usage: node scripts/run-ts.mjs <file.ts> [arguments…]   (npm run units:build, units:load)
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const entry = path.resolve(ROOT, process.argv[2] ?? "");
const outdir = path.join(ROOT, "node_modules", ".cache", "dan-van-scripts");
mkdirSync(outdir, { recursive: true });
const outfile = path.join(
  outdir,
  `${path
    .relative(ROOT, entry)
    .replace(/[\\/]/g, "_")
    .replace(/\.[cm]?tsx?$/, "")}.mjs`,
);
await build({
  entryPoints: [entry],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  packages: "external",
  outfile,
  sourcemap: "inline",
  logLevel: "warning",
});
process.setSourceMapsEnabled?.(true);
process.argv.splice(1, 2, entry);
await import(pathToFileURL(outfile).href);

#!/usr/bin/env node
/**
 * Runs the project's wrangler (node_modules/wrangler) with the Node that runs this script, offline:
 * the three variables below keep wrangler from calling Cloudflare's hosts (without them it tries, and
 * logs DNS errors on a machine that reaches only the npm registry).
 * Usage: node scripts/wrangler.mjs <wrangler arguments…>   (npm scripts dev, db:migrate, cf-typegen, deploy)
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const OFFLINE_ENV = {
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_HIDE_BANNER: "true",
};
const BIN = path.join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");

/** Start wrangler with `args` (and extra environment variables); output goes to this terminal. */
export function wrangler(args, env = {}) {
  return spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, ...OFFLINE_ENV, ...env },
  });
}

/** Resolve with the exit code of a child process (1 when killed by a signal). */
export const exitOf = (child) => new Promise((resolve) => child.on("exit", (code) => resolve(code ?? 1)));

/**
 * Ctrl-C reaches every process of the terminal's group, wrangler included, so this process waits
 * for wrangler to finish; a signal sent to this process alone is passed on.
 */
export function forwardSignals(child) {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const child = wrangler(process.argv.slice(2));
  forwardSignals(child);
  process.exit(await exitOf(child));
}

#!/usr/bin/env node
/**
 * Runs the project's wrangler (node_modules/wrangler) with the Node that runs this script, offline:
 * the three variables below keep wrangler from calling Cloudflare's hosts (without them it tries, and
 * logs DNS errors on a machine that reaches only the npm registry).
 * Its output passes through `redactTokens`: wrangler dev logs every request's URL, and a link's URL
 * is its token — the log keeps the kind and the first hex digits only.
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

/** Hex digits of a token kept in logs (as the access log keeps a hash prefix, never the token). */
export const TOKEN_DIGITS_SHOWN = 6;
const TOKEN = /\b(dv[cl]_)([0-9a-f]{6})[0-9a-f]{26}(?![0-9a-f])/g;

/** `dvl_0123456789abcdef0123456789abcdef` → `dvl_012345…`, wherever it appears in a text. */
export function redactTokens(text) {
  return text.replace(TOKEN, "$1$2…");
}

/** Copy a child's output stream to ours line by line, tokens redacted (a token never spans two lines). */
function pipeRedacted(from, to) {
  let rest = "";
  from.setEncoding("utf8");
  from.on("data", (chunk) => {
    const text = rest + chunk;
    const end = text.lastIndexOf("\n") + 1;
    rest = text.slice(end);
    if (end) to.write(redactTokens(text.slice(0, end)));
  });
  from.on("end", () => {
    if (rest) to.write(redactTokens(rest));
  });
}

/** Start wrangler with `args` (and extra environment variables) in `cwd`; output goes to this terminal, tokens redacted. */
export function wrangler(args, env = {}, cwd = ROOT) {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    stdio: ["inherit", "pipe", "pipe"],
    // Piped output is not a terminal: keep wrangler's colours when ours is one.
    env: { ...(process.stdout.isTTY ? { FORCE_COLOR: "1" } : {}), ...process.env, ...OFFLINE_ENV, ...env },
  });
  pipeRedacted(child.stdout, process.stdout);
  pipeRedacted(child.stderr, process.stderr);
  return child;
}

/** Resolve with the exit code of a child process (1 when killed by a signal), once its output is all out. */
export const exitOf = (child) => new Promise((resolve) => child.on("close", (code) => resolve(code ?? 1)));

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
  // As a command, wrangler runs where it was started (the npm scripts start at the repository root).
  const child = wrangler(process.argv.slice(2), {}, process.cwd());
  forwardSignals(child);
  process.exit(await exitOf(child));
}

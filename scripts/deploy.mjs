#!/usr/bin/env node
/**
 * `npm run deploy` (one database, the top level of wrangler.toml) and `npm run deploy:production`
 * (`--env production`: the control database and one shard per province, worker/src/db/shard.ts):
 * applies worker/migrations to every D1 binding of the chosen configuration, remotely, then deploys.
 * Documented in README ("Deploying", "Scale"); not run on this machine (no Cloudflare).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { exitOf, ROOT, wrangler } from "./wrangler.mjs";

/**
 * The D1 bindings of wrangler.toml's top level (`env` null) or of `[env.<env>]`, in file order: every
 * `binding = "DB…"` between the section's header and the next environment's.
 */
export function d1Bindings(toml, env = null) {
  const sections = toml.split(/^(?=\[+env\.)/m);
  const mine = env === null ? [sections[0]] : sections.filter((s) => new RegExp(`^\\[+env\\.${env}[.\\]]`).test(s));
  return mine.flatMap((s) => [...s.matchAll(/binding\s*=\s*"(DB(?:_\d{2})?)"/g)].map((m) => m[1]));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const i = process.argv.indexOf("--env");
  const env = i > 0 ? process.argv[i + 1] : null;
  const envArgs = env ? ["--env", env] : [];
  for (const binding of d1Bindings(readFileSync(path.join(ROOT, "wrangler.toml"), "utf8"), env)) {
    const code = await exitOf(wrangler(["d1", "migrations", "apply", binding, "--remote", ...envArgs]));
    if (code !== 0) process.exit(code);
  }
  process.exit(await exitOf(wrangler(["deploy", ...envArgs])));
}

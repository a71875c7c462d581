/**
 * Bundle a TypeScript entry of the bench with esbuild into node_modules/.cache/dan-van-bench/
 * (npm packages stay external; relative .mjs imports stay external by absolute URL so their own
 * paths hold). `vitest` can be replaced by a stub, for test helpers that register hooks on import.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build, type Plugin } from "esbuild";

const externalMjs: Plugin = {
  name: "external-mjs",
  setup(b) {
    b.onResolve({ filter: /\.mjs$/ }, (a) =>
      a.path.startsWith(".") ? { path: pathToFileURL(path.resolve(a.resolveDir, a.path)).href, external: true } : undefined,
    );
  },
};

/** `vitest` hooks as no-ops: the add-on harness registers an afterAll cleanup when imported. */
const vitestStub: Plugin = {
  name: "vitest-stub",
  setup(b) {
    b.onResolve({ filter: /^vitest$/ }, () => ({ path: "vitest-stub", namespace: "stub" }));
    b.onLoad({ filter: /.*/, namespace: "stub" }, () => ({
      contents: "const noop = () => {}; export const afterAll = noop, beforeAll = noop, afterEach = noop, beforeEach = noop;",
      loader: "js",
    }));
  },
};

export async function bundle(root: string, entry: string, opts: { stubVitest?: boolean } = {}): Promise<string> {
  const outdir = path.join(root, "node_modules", ".cache", "dan-van-bench");
  mkdirSync(outdir, { recursive: true });
  const outfile = path.join(outdir, `${path.basename(entry).replace(/\.tsx?$/, "")}.mjs`);
  await build({
    entryPoints: [path.resolve(root, entry)],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    outfile,
    logLevel: "silent",
    plugins: [externalMjs, ...(opts.stubVitest ? [vitestStub] : [])],
  });
  return outfile;
}

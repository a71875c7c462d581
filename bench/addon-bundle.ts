/**
 * Section `bundle`: the size of the add-on's Apps Script bundle (scripts/build-addon.mjs → Code.js)
 * and where its bytes come from (esbuild metafile), against the target of issue 18 (< 400 KB; it
 * was 984 KiB, 381 KB of it zod's 64 locales). Run alone: `BENCH_ONLY=bundle npm run bench`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { BUNDLE_LIMIT_BYTES, buildAddon } from "../scripts/build-addon.mjs";
import { goal } from "./goals";
import type { BenchSection } from "./section";

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)}KB`;

export const bundleSection: BenchSection = {
  name: "bundle",
  async run(ctx) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "dan-van-bench-addon-"));
    try {
      const r = await buildAddon(dir);
      ctx.log(`add-on bundle Code.js: ${kb(r.bytes)} (${r.names.length} entry functions); largest parts:`);
      for (const p of r.parts.slice(0, 10)) ctx.log(`  ${kb(p.bytes).padStart(9)}  ${p.part}`);
      ctx.measures.push({ measure: "addon_bundle", bytes: r.bytes, limit_bytes: BUNDLE_LIMIT_BYTES, parts: r.parts });
      goal("addon_bundle", kb(r.bytes), `<${BUNDLE_LIMIT_BYTES / 1000}KB`, r.bytes < BUNDLE_LIMIT_BYTES);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

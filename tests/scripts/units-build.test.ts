/**
 * `npm run units:build` is reproducible: built again from the statistics office's files (the
 * repository's ../shared/reference/units, present in every checkout and in CI), the generated files
 * are byte for byte those committed in shared/data/vn.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findSourceDir, makeUnitFiles, OUT_DIR } from "../../scripts/units/make";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("npm run units:build", () => {
  it("makes from the sources exactly the committed shared/data/vn files", () => {
    const dir = findSourceDir(ROOT);
    expect(dir, "../shared/reference/units (the statistics office's files) beside the repository").not.toBeNull();
    const { files } = makeUnitFiles(dir!);
    for (const [name, text] of Object.entries(files)) {
      expect(text === readFileSync(path.join(ROOT, OUT_DIR, name), "utf8"), `${OUT_DIR}/${name} differs: run npm run units:build`).toBe(
        true,
      );
    }
  }, 60_000);
});

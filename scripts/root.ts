/**
 * The repository's root, from a script's source or its esbuild bundle under node_modules/.cache:
 * the nearest directory upwards whose package.json is this project's.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export function projectRoot(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = path.dirname(from); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    try {
      if ((JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string }).name === "dan-van") return dir;
    } catch {
      /* keep looking upwards */
    }
  }
  return process.cwd();
}

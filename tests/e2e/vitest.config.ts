/**
 * `npm run test:e2e` — end-to-end tests against real programs: the worker under wrangler dev
 * (local D1, the pilot demo as `npm start` loads it), Chromium (browser.test.ts) and LibreOffice
 * (spreadsheet.test.ts). Not part of `npm test`; CI installs the programs first with
 * scripts/ci-system-deps.sh. Files run one after another: each starts its own worker.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "e2e",
    root: new URL("../..", import.meta.url).pathname,
    include: ["tests/e2e/**/*.test.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    teardownTimeout: 30_000,
    pool: "forks",
  },
});

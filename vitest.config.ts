import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

const migrations = await readD1Migrations(path.join(import.meta.dirname, "worker/migrations"));

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          environment: "node",
          // *.node.test.ts under tests/worker: worker matters that need Node (their own Miniflare).
          include: [
            "tests/shared/**/*.test.ts",
            "tests/addon/**/*.test.ts",
            "tests/district/**/*.test.ts",
            "tests/scripts/**/*.test.ts",
            "tests/worker/**/*.node.test.ts",
          ],
        },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              // FUZZ_SEED replays a run of tests/worker/fuzz-submissions.test.ts (empty: a new seed each run).
              // CONSOLE_DEV_SIGNIN: the console's development sign-in, as `npm start` runs it.
              bindings: {
                TEST_MIGRATIONS: migrations,
                ADMIN_SECRET: "test-admin-secret",
                FUZZ_SEED: process.env.FUZZ_SEED ?? "",
                CONSOLE_DEV_SIGNIN: "1",
              },
            },
          }),
        ],
        test: {
          name: "worker",
          include: ["tests/worker/**/*.test.ts"],
          exclude: ["tests/worker/**/*.node.test.ts"],
          setupFiles: ["tests/worker/setup.ts"],
        },
      },
    ],
  },
});

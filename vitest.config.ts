import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

const migrations = await readD1Migrations(path.join(import.meta.dirname, "worker/migrations"));
const bindings = {
  TEST_MIGRATIONS: migrations,
  ADMIN_SECRET: "test-admin-secret",
  // FUZZ_SEED replays a run of tests/worker/fuzz-submissions.test.ts (empty: a new seed each run).
  FUZZ_SEED: process.env.FUZZ_SEED ?? "",
  // The console's development sign-in, as `npm start` runs it.
  CONSOLE_DEV_SIGNIN: "1",
};

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
              bindings,
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
      {
        // The worker with two province shards beside the control database `DB` (worker/src/db/shard.ts):
        // DB_24 (Bắc Ninh) and DB_20 (Lạng Sơn); SINGLE is a database for the same requests without shards.
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: { bindings, d1Databases: { DB_24: "shard-24", DB_20: "shard-20", SINGLE: "single" } },
          }),
        ],
        test: {
          name: "shards",
          include: ["tests/shards/**/*.test.ts"],
          setupFiles: ["tests/shards/setup.ts"],
        },
      },
    ],
  },
});

declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    /** The fuzz tests' seed from the shell (vitest.config.ts); "" for a new one each run. */
    FUZZ_SEED: string;
  }
}

/**
 * The shard map in wrangler.toml (worker/src/db/shard.ts, README "Scale"): the top level is one database
 * (`npm start`, the tests, a district), and `[env.production]` binds the control database and one shard
 * per current province — exactly the 34 of the national unit list — which `npm run deploy:production`
 * (scripts/deploy.mjs) migrates one by one before deploying.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { d1Bindings } from "../../scripts/deploy.mjs";
import VN from "../../shared/data/vn/units.json";
import type { Unit } from "../../shared/units";

const toml = readFileSync(path.resolve(import.meta.dirname, "../../wrangler.toml"), "utf8");

describe("the shard map in wrangler.toml", () => {
  it("binds one database at the top level", () => {
    expect(d1Bindings(toml)).toEqual(["DB"]);
  });

  it("binds the control database and one shard per current province in production", () => {
    const provinces = (VN as Unit[]).filter((u) => u.level === "province" && u.valid_to === null).map((u) => `DB_${u.code}`);
    expect(provinces).toHaveLength(34);
    const bound = d1Bindings(toml, "production");
    expect(bound[0]).toBe("DB");
    expect(bound.slice(1).sort()).toEqual(provinces.sort());
  });

  it("reads bindings of the named environment only", () => {
    const t = `[[d1_databases]]\nbinding = "DB"\n[env.staging]\nd1_databases = [{ binding = "DB" }, { binding = "DB_24" }]\n[env.staging.vars]\nX = "1"\n[[env.production.d1_databases]]\nbinding = "DB_01"\n`;
    expect(d1Bindings(t, "staging")).toEqual(["DB", "DB_24"]);
    expect(d1Bindings(t, "production")).toEqual(["DB_01"]);
    expect(d1Bindings(t)).toEqual(["DB"]);
  });
});

import { describe, expect, it } from "vitest";
import { buildEnvelope, checkEnvelope } from "../../shared/envelope";
import { canonicalJson, contentHash, sha256Hex } from "../../shared/hash";
import { SCHEMA_VERSION } from "../../shared/schemas";
import { envelopeHashes } from "../../shared/sheet-hash";
import { TODAY, validWorkbook } from "./fixtures";

const meta = {
  commune_code: "07576",
  spreadsheet_id: "1AbC",
  submission_id: "0b9f3c1e-4d7a-4c2b-9a51-6f3e2d1c0b9a",
  generated_at: "2022-03-31T08:00:00+07:00",
};

/** What the worker receives: the envelope after a JSON round trip. */
const wire = (x: unknown) => JSON.parse(JSON.stringify(x));

describe("hash", () => {
  it("sha256 of a known text", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
  it("canonical JSON ignores key order and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
    expect(contentHash({ a: 1, b: 2 })).toBe(contentHash({ b: 2, a: 1 }));
  });
  it("Vietnamese text hashes by its UTF-8 bytes", () => {
    expect(sha256Hex("Tổ")).not.toBe(sha256Hex("To"));
  });
});

describe("checkEnvelope", () => {
  it("accepts what buildEnvelope makes, after a JSON round trip", () => {
    const res = checkEnvelope(wire(buildEnvelope(meta, validWorkbook())), { today: TODAY });
    expect(res.ok).toBe(true);
    if (res.ok) {
      expect(res.envelope.sheets.households).toHaveLength(70);
      expect(res.envelope.schema_version).toBe(SCHEMA_VERSION);
    }
  });

  it("refuses a stale schema version", () => {
    const env = wire(buildEnvelope(meta, validWorkbook()));
    env.schema_version = 0;
    expect(checkEnvelope(env, { today: TODAY })).toMatchObject({ ok: false, code: "stale_schema_version" });
  });

  it("refuses content that does not match its hash", () => {
    const env = wire(buildEnvelope(meta, validWorkbook()));
    env.sheets.households[0].members_count = 9;
    expect(checkEnvelope(env, { today: TODAY })).toMatchObject({ ok: false, code: "hash_mismatch" });
  });

  it("points a bad cell at its sheet, row and column", () => {
    const wb = validWorkbook();
    const env = wire(buildEnvelope(meta, wb));
    env.sheets.households[5].birth_year = 75;
    env.sheets.households[5]._row = 12;
    Object.assign(env, envelopeHashes(env.sheets));
    const res = checkEnvelope(env, { today: TODAY });
    expect(res).toMatchObject({ ok: false, code: "invalid_envelope" });
    expect(res.issues).toEqual([expect.objectContaining({ sheet: "households", row: 12, column: "birth_year", code: "out_of_range" })]);
  });

  it.each([
    ["commune_code", "7636"],
    ["submission_id", "not-a-uuid"],
    ["generated_at", "yesterday"],
    ["content_hash", "abc"],
  ])("refuses a bad %s", (field, value) => {
    const env = wire(buildEnvelope(meta, validWorkbook()));
    env[field] = value;
    const res = checkEnvelope(env, { today: TODAY });
    expect(res).toMatchObject({ ok: false, code: "invalid_envelope" });
    expect(res.issues[0]).toMatchObject({ sheet: null, column: field });
  });

  it("refuses unknown fields at every level", () => {
    const env = wire(buildEnvelope(meta, validWorkbook()));
    env.extra = 1;
    env.sheets.teams[0].secret = "x";
    Object.assign(env, envelopeHashes(env.sheets));
    const res = checkEnvelope(env, { today: TODAY });
    expect(res.ok).toBe(false);
    expect(res.issues.map((i) => i.code).sort()).toEqual(["unknown_field", "unknown_field"]);
    expect(res.issues.find((i) => i.sheet === "teams")).toMatchObject({ row: 2, column: "secret" });
  });

  it("refuses rule errors but passes warnings along", () => {
    const bad = validWorkbook();
    bad.members = bad.members.slice(1);
    expect(checkEnvelope(wire(buildEnvelope(meta, bad)), { today: TODAY })).toMatchObject({ ok: false, code: "rule_violation" });
    const warn = validWorkbook();
    warn.households = warn.households.slice(1);
    const res = checkEnvelope(wire(buildEnvelope(meta, warn)), { today: TODAY });
    expect(res.ok).toBe(true);
    expect(res.issues.map((i) => i.code)).toEqual(["households_per_team"]);
  });

  it("refuses something that is not an envelope at all", () => {
    for (const x of [null, 42, "x", [], {}]) expect(checkEnvelope(x, { today: TODAY }).ok).toBe(false);
  });
});

/**
 * A sheet left out of an envelope is not an empty sheet (issue: `"sheets": {}` with a correct hash
 * wiped a commune's register). Every register sheet must be present; a submission that deletes more
 * than MAX_UNCONFIRMED_DELETE_SHARE of a register sheet, or every team, is refused until the envelope
 * confirms exactly those deletions; log sheets left out are left as they are.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { MIN_SCHEMA_VERSION } from "../../shared/schemas";
import { envelopeHashes } from "../../shared/sheet-hash";
import { MAX_UNCONFIRMED_DELETE_SHARE } from "../../worker/src/ingest/deletions";
import { communeToken, copy, count, type ErrorJson, envelope, pilot, receiptOf, seed, snapshot, submit } from "./helpers";

const { quySon } = pilot();
let token: string;

beforeAll(async () => {
  await seed();
  token = await communeToken(quySon.unit_id);
  expect((await submit(envelope(quySon, quySon.workbook), token)).status).toBe(201);
});

/** An envelope whose `sheets` is exactly `sheets` (a correct hash over it). */
function raw(sheets: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const e = JSON.parse(JSON.stringify(envelope(quySon, quySon.workbook))) as Record<string, unknown>;
  return { ...e, sheets, ...envelopeHashes(sheets), ...extra };
}

async function refused(res: Response, status: number, code: string): Promise<ErrorJson["error"]> {
  const body = (await res.json()) as ErrorJson;
  expect({ status: res.status, code: body.error.code }).toEqual({ status, code });
  return body.error;
}

describe("register sheets must be sent, and big deletions confirmed", () => {
  it("refuses an envelope without sheets (correct hash) and writes nothing", async () => {
    const before = await snapshot();
    const e = await refused(await submit(raw({}), token), 422, "invalid_envelope");
    expect(e.details.filter((d) => d.code === "missing_sheet").map((d) => d.sheet)).toEqual(["villages", "teams", "members", "households"]);
    expect(e.details[0]!.message_vi).toContain("không được hiểu là trang trống");
    expect(await snapshot()).toEqual(before);
    expect(await count("households", quySon.unit_id)).toBe(quySon.workbook.households.length);
  });

  it("refuses an envelope that leaves out one register sheet", async () => {
    const before = await snapshot();
    const { households: _gone, ...rest } = copy(quySon.workbook);
    const e = await refused(await submit(raw(rest), token), 422, "invalid_envelope");
    expect(e.details.map((d) => [d.sheet, d.code])).toEqual([["households", "missing_sheet"]]);
    expect(await snapshot()).toEqual(before);
  });

  it("asks to confirm every sheet present but empty (a deliberate act), with the counts; a yes empties it, logs withdrawn", async () => {
    const before = await snapshot();
    const wb = Object.fromEntries(Object.keys(quySon.workbook).map((k) => [k, []])) as unknown as typeof quySon.workbook;
    const first = envelope(quySon, wb);
    const e = await refused(await submit(first, token), 422, "confirm_deletions_required");
    const stored = {
      villages: quySon.workbook.villages.length,
      teams: quySon.workbook.teams.length,
      members: quySon.workbook.members.length,
      households: quySon.workbook.households.length,
    };
    expect(e.confirm_deletions).toEqual(stored);
    expect(e.stored).toEqual(stored);
    expect(e.message).toContain("Chưa ghi gì");
    expect(e.details.find((d) => d.sheet === "teams")).toMatchObject({ code: "deletes_rows", severity: "error" });
    expect(await snapshot()).toEqual(before);

    const ok = await submit({ ...first, confirm_deletions: e.confirm_deletions }, token);
    expect(ok.status).toBe(201);
    const r = await receiptOf(ok);
    expect(r.counts.teams.deleted).toBe(stored.teams);
    expect(r.counts.weekly.withdrawn).toBe(quySon.workbook.weekly.length);
    expect(await count("teams", quySon.unit_id)).toBe(0);
    expect(await count("agg_team_weeks", quySon.unit_id)).toBe(0);
    // Sending the workbook again brings everything back (inserting needs no confirmation).
    const back = await submit(envelope(quySon, quySon.workbook), token);
    expect(back.status).toBe(201);
    expect((await receiptOf(back)).counts.weekly.updated).toBe(quySon.workbook.weekly.length);
    expect(await count("agg_team_weeks", quySon.unit_id)).toBe(quySon.workbook.weekly.length);
  });

  it("refuses a deletion of more than the set share of households; a confirmation for other counts is not enough", async () => {
    const wb = copy(quySon.workbook);
    const keep = Math.floor(wb.households.length * (1 - MAX_UNCONFIRMED_DELETE_SHARE)) - 1;
    const removed = wb.households.length - keep;
    wb.households = wb.households.slice(0, keep);
    wb.changes = wb.changes.filter((c) => wb.households.some((h) => h.household_code === c.household_code));
    const before = await snapshot();
    const first = envelope(quySon, wb);
    const e = await refused(await submit(first, token), 422, "confirm_deletions_required");
    expect(e.confirm_deletions).toEqual({ villages: 0, teams: 0, members: 0, households: removed });
    const wrong = { ...first, confirm_deletions: { villages: 0, teams: 0, members: 0, households: removed - 1 } };
    await refused(await submit(wrong, token), 422, "confirm_deletions_required");
    expect(await snapshot()).toEqual(before);

    // The same submission id with the worker's counts: accepted, the households deleted.
    const ok = await submit({ ...first, confirm_deletions: e.confirm_deletions }, token);
    expect(ok.status).toBe(201);
    expect((await receiptOf(ok)).counts.households).toMatchObject({ deleted: removed, unchanged: keep });
    expect(await count("households", quySon.unit_id)).toBe(keep);
    // Back to the full register: inserting needs no confirmation.
    expect((await submit(envelope(quySon, quySon.workbook), token)).status).toBe(201);
  });

  it("accepts a small deletion without asking", async () => {
    const wb = copy(quySon.workbook);
    const gone = wb.households.pop()!;
    wb.changes = wb.changes.filter((c) => c.household_code !== gone.household_code);
    const res = await submit(envelope(quySon, wb), token);
    expect(res.status).toBe(201);
    expect((await receiptOf(res)).counts.households.deleted).toBe(1);
    expect((await submit(envelope(quySon, quySon.workbook), token)).status).toBe(201);
  });

  it("leaves a log sheet that is not sent as it is (nothing withdrawn)", async () => {
    const { weekly: _notSent, ...rest } = copy(quySon.workbook);
    const res = await submit(raw(rest), token);
    expect(res.status).toBe(201);
    expect((await receiptOf(res)).counts.weekly).toEqual({ inserted: 0, updated: 0, unchanged: 0, deleted: 0, withdrawn: 0 });
    expect(await count("weekly_reports", quySon.unit_id)).toBe(quySon.workbook.weekly.length);
    expect(await count("agg_team_weeks", quySon.unit_id)).toBe(quySon.workbook.weekly.length);
  });

  it("still accepts a version-1 envelope (older add-ons send every sheet)", async () => {
    const e = { ...envelope(quySon, quySon.workbook), schema_version: MIN_SCHEMA_VERSION };
    expect((await submit(e, token)).status).toBe(201);
  });
});

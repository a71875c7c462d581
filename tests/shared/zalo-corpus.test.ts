/**
 * "Dán báo cáo Zalo" reads the corpus of team leaders' messages (tests/fixtures/zalo/corpus.ts): for
 * every message, the team, week, reporter and date a careful clerk reads, and every figure read to
 * its number or reported unreadable — exactly those, so a guessed number fails.
 */
import { describe, expect, it } from "vitest";
import { readZaloPaste } from "../../shared/zalo/parse";
import { CORPUS, CORPUS_TEAMS, corpusMessages } from "../fixtures/zalo/corpus";

describe("Zalo corpus", () => {
  it("holds at least 40 report messages written for the purpose", () => {
    const reports = CORPUS.flatMap((c) => c.expect).filter((e) => e.report !== false).length;
    expect(reports).toBeGreaterThanOrEqual(40);
    expect(corpusMessages()).toBeGreaterThan(reports); // and chatter between them
  });

  it.each(CORPUS.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const got = readZaloPaste(c.paste, { teams: CORPUS_TEAMS, today: c.today, ...(c.defaultWeek ? { defaultWeek: c.defaultWeek } : {}) });
    expect(got.map((r) => r.index)).toEqual(c.expect.map((_, i) => i + 1));
    c.expect.forEach((e, i) => {
      const r = got[i]!;
      const where = `message ${i + 1}:\n${r.original}`;
      if (e.report === false) {
        expect(r.isReport, where).toBe(false);
        return;
      }
      expect(r.isReport, where).toBe(true);
      if (e.team !== undefined) expect(r.team, where).toBe(e.team);
      if (e.week !== undefined) expect(r.week, where).toBe(e.week);
      if (e.reporter !== undefined) expect(r.reporter, where).toBe(e.reporter);
      if (e.submitted_on !== undefined) expect(r.submitted_on, where).toBe(e.submitted_on);
      if (e.figures) expect(r.figures, where).toEqual(e.figures);
      if (e.unreadable) expect(Object.keys(r.unreadable).sort(), where).toEqual([...e.unreadable].sort());
      if (e.ignored) expect(Object.keys(r.ignored).sort(), where).toEqual([...e.ignored].sort());
      if (e.texts) expect(r.texts, where).toEqual(e.texts);
      expect(r.problems.length, `${where}\n${r.problems.join("\n")}`).toBe(e.problems ?? 0);
      // Never both read and unreadable; nothing read that the message does not hold.
      for (const k of Object.keys(r.figures)) expect(r.unreadable[k], where).toBeUndefined();
      for (const [k, v] of Object.entries(r.figures))
        expect(typeof v === "number" && Number.isInteger(v) && v >= 0, `${where} ${k}`).toBe(true);
    });
  });
});

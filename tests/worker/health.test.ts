import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("worker", () => {
  it("answers /health and has the D1 schema applied", async () => {
    const res = await exports.default.fetch(new Request("http://x/health"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    const t = await env.DB.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type='table' AND name='weekly_reports'").first<{
      n: number;
    }>();
    expect(t?.n).toBe(1);
  });
});

/**
 * The Hono app: routes are mounted here; the entry file only exports it.
 *   GET  /health
 *   POST /api/submissions            commune write token (./api/submissions.ts)
 *   GET|PUT /api/village-successors  commune write token: "Chuyển đổi thôn" (./api/village-successors.ts)
 *   GET|POST /api/closings[/reopen]  commune write token: "Chốt số liệu kỳ" (./api/closings.ts)
 *   POST /api/admin/{units,tokens,links,revoke,tokens/lookup,import,commune-records[/query],operators[/disable|/query],
 *                    village-successors[/query]}   ADMIN_SECRET (./admin/)
 *   GET  /r/<token>[.json|.csv|…]    read-only rollup links (./links/routes.ts)
 *   /admin/…                         the roll-out console: Cloudflare Access, or the dev sign-in (./console/routes.ts)
 * Every error answers `{error: {code, message, details}}` (./http/errors.ts).
 */
import { Hono } from "hono";
import { adminRoutes } from "./admin/routes";
import { closingRoutes } from "./api/closings";
import { submissionRoutes } from "./api/submissions";
import { villageSuccessorRoutes } from "./api/village-successors";
import { consoleRoutes } from "./console/routes";
import type { AppEnv } from "./http/env";
import { handleError, handleNotFound } from "./http/errors";
import { rollupRoutes } from "./links/routes";

export const app = new Hono<AppEnv>()
  .get("/health", (c) => c.json({ ok: true }))
  .route("/api/submissions", submissionRoutes)
  .route("/api/village-successors", villageSuccessorRoutes)
  .route("/api/closings", closingRoutes)
  .route("/api/admin", adminRoutes)
  .route("/r", rollupRoutes)
  .route("/admin", consoleRoutes);

app.onError(handleError);
app.notFound(handleNotFound);

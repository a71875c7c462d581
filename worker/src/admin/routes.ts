/**
 * `/api/admin/*` — every route needs `Authorization: Bearer <ADMIN_SECRET>` and a JSON body.
 * Bodies are validated with zod (../http/validate); answers use the API's error format.
 */
import { Hono } from "hono";
import { adminAuth } from "../http/auth";
import { jsonBody, limitBody } from "../http/body";
import type { Bindings } from "../http/env";
import { communeRecordRoutes } from "./commune-records";
import { guidanceRoutes } from "./guidance";
import { importRoutes } from "./import";
import { operatorRoutes } from "./operators";
import { payloadAdminRoutes } from "./payloads";
import { tokenRoutes } from "./tokens";
import { unitRoutes } from "./units";
import { villageSuccessorAdminRoutes } from "./village-successors";

export const adminRoutes = new Hono<{ Bindings: Bindings }>()
  .use(adminAuth, limitBody(), jsonBody)
  .route("/", unitRoutes)
  .route("/", tokenRoutes)
  .route("/", importRoutes)
  .route("/", communeRecordRoutes)
  .route("/", villageSuccessorAdminRoutes)
  .route("/", guidanceRoutes)
  .route("/", operatorRoutes)
  .route("/", payloadAdminRoutes);

/**
 * Validate a JSON body with zod through `@hono/zod-validator`; a failure answers 422
 * `invalid_request` in our error format, one issue per problem (column = the field's path).
 * https://github.com/honojs/middleware/tree/main/packages/zod-validator
 */
import { zValidator } from "@hono/zod-validator";
import type { z } from "zod";
import { issuesFromZod } from "../../../shared/issues";
import { ApiError } from "./errors";

export const validateJson = <T extends z.ZodType>(schema: T) =>
  zValidator("json", schema, (result) => {
    if (!result.success) {
      throw new ApiError(
        "invalid_request",
        "Yêu cầu không hợp lệ; xem chi tiết.",
        issuesFromZod(result.error as unknown as z.ZodError, undefined),
      );
    }
  });

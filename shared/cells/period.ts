/** Period columns: a reporting period key of the kinds a sheet accepts (../periods.ts). */
import { type PeriodKind, parsePeriodKey } from "../periods";
import * as z from "../zod-vi";
import { type Base, type Col, finish } from "./spec";

/** A reporting period key of the given kinds, e.g. '2022-W03', '2022-Q1', '2022'. */
export function period<R extends boolean>(
  key: string,
  required: R,
  base: Base & { kinds: readonly PeriodKind[]; example: string },
): Col<R, string> {
  const inner = z.union([z.string(), z.number()], { error: `"${base.header}" phải là kỳ, ví dụ ${base.example}.` }).transform((v, ctx) => {
    const p = parsePeriodKey(String(v));
    if (!p || !base.kinds.includes(p.kind)) {
      ctx.addIssue({
        code: "custom",
        message: `"${base.header}" không đúng dạng kỳ, ví dụ ${base.example}.`,
        params: { code: "invalid_period" },
      });
      return z.NEVER;
    }
    return p.key;
  });
  return finish(key, base, "period", required, inner, { periodKinds: base.kinds }, `Ví dụ ${base.example}.`);
}

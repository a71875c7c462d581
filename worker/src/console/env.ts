/**
 * The Hono environment of the console's routes: the signed-in operator (./session.ts) and how they
 * signed in, the CSP nonce hono/secure-headers made for this response, and the unit the page is
 * about (./unit-choice.ts).
 */
import type { SecureHeadersVariables } from "hono/secure-headers";
import type { Bindings } from "../http/env";
import type { Operator } from "../operators/roles";

export interface Principal extends Operator {
  /** Label of the unit covered ("Tỉnh Bắc Ninh"), or "Cả nước". */
  unit_label: string;
  /** "access" in production, "dev" with the development sign-in. */
  via: "access" | "dev";
}

export type ConsoleEnv = {
  Bindings: Bindings;
  Variables: SecureHeadersVariables & { operator: Principal };
};

/**
 * Who may do what in the roll-out console. An operator has a role and covers a unit (a province, a
 * district or a commune; none = the whole country): they see and change only units under it
 * (./scope.ts). Roles, from least to most:
 *   viewer    sees the pages of their unit;
 *   operator  also adds communes, issues/rotates/revokes tokens, creates and revokes links;
 *   admin     also creates, changes and disables operators within their unit.
 */
export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  viewer: "Chỉ xem",
  operator: "Cán bộ triển khai",
  admin: "Quản trị",
};

/** What a request can ask to do; each needs at least a role. */
export type Permission = "view" | "change" | "manage_operators";
const NEEDS: Record<Permission, Role> = { view: "viewer", change: "operator", manage_operators: "admin" };

const rank = (r: Role) => ROLES.indexOf(r);

/** An operator as the console knows them for one request. */
export interface Operator {
  /** Lower-case; the audit log's actor. */
  email: string;
  role: Role;
  /** The unit covered; null for the whole country. */
  unit_id: string | null;
  name: string | null;
}

export const may = (op: Pick<Operator, "role">, p: Permission): boolean => rank(op.role) >= rank(NEEDS[p]);

/** Whether `a` may give `b` (a role) to someone: never more than their own. */
export const mayGrant = (op: Pick<Operator, "role">, role: Role): boolean => may(op, "manage_operators") && rank(role) <= rank(op.role);

/** E-mail addresses compare without case (Access passes them as the identity provider spells them). */
export const normalEmail = (email: string): string => email.trim().toLowerCase();

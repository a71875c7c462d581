/** Consistency of a whole unit data set, with Vietnamese messages (the admin import refuses on any). */
import { push } from "./registry";
import { isValidOn, LEVEL_RANK, LEVEL_VI, type Unit } from "./unit";

const END = "9999-12-31";

/**
 * Consistency of a unit data set (each unit already passed `unitSchema`): unique ids, parents that
 * exist at a higher level and cover the child's validity, successors that exist at the same level
 * on the day the unit ends, no cycles, one unit per code and level at any time. Vietnamese messages,
 * empty when valid.
 */
export function validateUnits(units: readonly Unit[]): string[] {
  const errors: string[] = [];
  const byId = new Map<string, Unit>();
  const label = (u: Unit) => `${u.name} (${u.id})`;
  for (const u of units) {
    if (byId.has(u.id)) errors.push(`Trùng mã định danh đơn vị ${u.id}.`);
    byId.set(u.id, u);
  }
  for (const u of units) {
    if (u.valid_to !== null && u.valid_to <= u.valid_from) errors.push(`${label(u)}: ngày hết hiệu lực phải sau ngày bắt đầu.`);
    if (u.ethnic_identity !== undefined && u.level !== "village") errors.push(`${label(u)}: chỉ thôn mới có nhiệm vụ bản sắc dân tộc.`);

    if (u.parent_id === null) {
      if (u.level !== "province") errors.push(`${label(u)}: thiếu đơn vị cấp trên.`);
    } else {
      const p = byId.get(u.parent_id);
      if (!p) errors.push(`${label(u)}: không có đơn vị cấp trên ${u.parent_id}.`);
      else {
        if (LEVEL_RANK[p.level] >= LEVEL_RANK[u.level]) errors.push(`${label(u)}: đơn vị cấp trên phải ở cấp cao hơn.`);
        else if (u.level === "village" && p.level !== "commune") errors.push(`${label(u)}: thôn phải thuộc một xã.`);
        if (u.valid_from < p.valid_from || (u.valid_to ?? END) > (p.valid_to ?? END)) {
          errors.push(`${label(u)}: thời gian hiệu lực nằm ngoài thời gian của ${p.name}.`);
        }
      }
    }

    if (u.successor_ids.length > 0 && u.valid_to === null) errors.push(`${label(u)}: còn hiệu lực nhưng đã có đơn vị kế thừa.`);
    if (u.successor_unknown && (u.valid_to === null || u.successor_ids.length > 0)) {
      errors.push(`${label(u)}: chỉ đơn vị đã kết thúc và không có đơn vị kế thừa mới được ghi "không rõ đơn vị kế thừa".`);
    }
    for (const sid of u.partial_successor_ids ?? []) {
      if (!u.successor_ids.includes(sid)) errors.push(`${label(u)}: ${sid} nhận một phần nhưng không có trong danh sách đơn vị kế thừa.`);
    }
    for (const sid of u.successor_ids) {
      const s = byId.get(sid);
      if (!s) errors.push(`${label(u)}: không có đơn vị kế thừa ${sid}.`);
      else if (s.level !== u.level) errors.push(`${label(u)}: đơn vị kế thừa ${sid} phải cùng cấp.`);
      else if (u.valid_to !== null && !isValidOn(s, u.valid_to)) {
        errors.push(`${label(u)}: đơn vị kế thừa ${sid} phải còn hiệu lực vào ngày ${u.valid_to}.`);
      }
    }
  }

  const parentOf = (x: Unit) => (x.parent_id ? [x.parent_id] : []);
  const successorsOf = (x: Unit) => x.successor_ids;
  for (const [next, what] of [
    [parentOf, "cấp trên"],
    [successorsOf, "kế thừa"],
  ] as const) {
    for (const u of units) if (reaches(byId, next, u)) errors.push(`${label(u)}: liên kết ${what} tạo thành vòng.`);
  }

  const groups = new Map<string, Unit[]>();
  for (const u of units) push(groups, `${u.level}|${u.code}`, u);
  for (const list of groups.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (a.valid_from < (b.valid_to ?? END) && b.valid_from < (a.valid_to ?? END)) {
          errors.push(`Mã ${a.code} (${LEVEL_VI[a.level]}) dùng cho hai đơn vị cùng lúc: ${a.id}, ${b.id}.`);
        }
      }
    }
  }
  return errors;
}

/** Whether following `next` from `u` leads back to `u`. */
function reaches(byId: Map<string, Unit>, next: (x: Unit) => readonly string[], u: Unit): boolean {
  const stack = [...next(u)];
  const seen = new Set<string>();
  while (stack.length) {
    const id = stack.pop()!;
    if (id === u.id) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    const x = byId.get(id);
    if (x) stack.push(...next(x));
  }
  return false;
}

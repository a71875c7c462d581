/**
 * A closing's figures: taken once, when the commune closes, as the rollup counts them (../rollup/):
 * the commune alone, in the boundaries of its time, with figures only (as a district link sees it).
 * Flattened, they compare figure by figure: what changed after closing, with each figure's
 * Vietnamese label (the weekly counts' from the template spec, shared/weekly-counts.ts).
 */
import { CHANGE_TYPES, type ChangeType, TASK_AREAS, type TaskArea } from "../../../shared/enums";
import { sha256Hex } from "../../../shared/hash";
import { todayVi } from "../../../shared/periods";
import { WEEKLY_COUNT_COLUMNS } from "../../../shared/weekly-counts";
import { oneDatabase } from "../db/shard";
import { rollup } from "../rollup/rollup";
import type { Figures } from "../rollup/types";
import type { FigureDiff } from "./types";

/** The control database (unit tree) and the shard holding the commune's data (../db/shard.ts). */
export interface CommuneDbs {
  control: D1Database;
  shard: D1Database;
}

/** The commune's figures for a period from its aggregates now (its latest accepted submission). */
export async function communeFigures(dbs: CommuneDbs, communeId: string, period: string, now = new Date()): Promise<Figures> {
  const r = await rollup(
    dbs.control,
    {
      unitId: communeId,
      period,
      mode: "as_was",
      scope: "aggregate",
      today: todayVi(now),
      now: now.toISOString(),
      depth: "commune",
    },
    undefined,
    oneDatabase(dbs.shard),
  );
  const { register, reporting, propaganda, tasks, changes } = r.totals;
  return { register, reporting, propaganda, tasks, changes };
}

/** Stored text and its hash: the same figures give the same bytes (keys in the rollup's fixed order). */
export function figuresText(f: Figures): { text: string; hash: string } {
  const text = JSON.stringify({
    register: f.register,
    reporting: f.reporting,
    propaganda: f.propaganda,
    tasks: f.tasks,
    changes: f.changes,
  });
  return { text, hash: sha256Hex(text) };
}

const REGISTER: Record<string, string> = {
  teams: "Số tổ",
  members: "Số thành viên",
  households: "Số hộ",
  people: "Số nhân khẩu",
  zalo_households: "Hộ tham gia nhóm Zalo",
  teams_outside_range: "Tổ ngoài mức 30–50 hộ",
};
const REPORTING: Record<string, string> = {
  expected: "Báo cáo tuần phải nộp",
  received: "Báo cáo tuần đã nộp",
  on_time: "Báo cáo nộp đúng hạn",
};
const COUNT_LABEL = new Map<string, string>(WEEKLY_COUNT_COLUMNS.map((c) => [c.key, c.header]));

/** Every counted figure (no percentages: they follow from the counts) with its label. */
export function flatFigures(f: Figures): Map<string, { label_vi: string; value: number }> {
  const out = new Map<string, { label_vi: string; value: number }>();
  for (const [k, label_vi] of Object.entries(REGISTER)) out.set(`register.${k}`, { label_vi, value: f.register[k as "teams"] });
  for (const [k, label_vi] of Object.entries(REPORTING)) out.set(`reporting.${k}`, { label_vi, value: f.reporting[k as "expected"] });
  for (const [k, v] of Object.entries(f.propaganda)) out.set(`propaganda.${k}`, { label_vi: COUNT_LABEL.get(k) ?? k, value: v });
  for (const area of Object.keys(TASK_AREAS) as TaskArea[]) {
    for (const [k, v] of Object.entries(f.tasks[area] ?? {})) {
      out.set(`tasks.${area}.${k}`, { label_vi: `${TASK_AREAS[area]}: ${COUNT_LABEL.get(k) ?? k}`, value: v });
    }
  }
  for (const t of Object.keys(CHANGE_TYPES) as ChangeType[]) {
    out.set(`changes.${t}`, { label_vi: `Biến động ${CHANGE_TYPES[t].toLowerCase()} (người)`, value: f.changes.by_type[t].people });
  }
  return out;
}

/** The figures that differ between the closed and the current ones, in the figures' order. */
export function figureDiffs(closed: Figures, current: Figures): FigureDiff[] {
  const a = flatFigures(closed);
  const b = flatFigures(current);
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  return keys.flatMap((key) => {
    const was = a.get(key)?.value ?? 0;
    const now = b.get(key)?.value ?? 0;
    return was === now ? [] : [{ key, label_vi: a.get(key)?.label_vi ?? b.get(key)!.label_vi, closed: was, current: now }];
  });
}

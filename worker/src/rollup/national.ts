/**
 * The country by province (issue 10, "a national rollup reads each shard's monthly summaries and
 * merges them"): since 1 July 2025 the country is 34 provinces of communes, no districts, so the
 * national view is one row per current province — exactly the "Tổng cộng" row of that province's page
 * (its rollup at depth "commune", ./rollup.ts, with its closings: `Closings`) — and the
 * country's totals are the sum of those rows. Every province is rolled up at once (`Promise.all`): each
 * reads its communes' flat summaries (./monthly.ts) from the database holding them (../db/shard.ts),
 * so the shards are read in parallel, and only the sums cross into the merge. Figures only: an
 * aggregate rollup, no names or free text of anyone.
 */
import { CLOSABLE_KINDS } from "../../../shared/closing";
import { parsePeriodKey } from "../../../shared/periods";
import type { ShardGroups } from "../db/shard";
import { currentProvinces } from "../db/units";
import { figureMath, finish, weeklyFigures } from "./figures";
import { grouping } from "./groups";
import { quartersToCheck } from "./meetings";
import { monthsOf, summarisable } from "./monthly";
import { type LeanRequest, leanProvince, readNational } from "./national-summaries";
import { rollup } from "./rollup";
import { loadUnitTree, loadUnitTrees } from "./tree-cache";
import type { Figures, Rollup, UnitRef } from "./types";
import type { UnitTree } from "./units";

/**
 * How closings reach the national rollup: from ../closing/ (the layer above the rollup,
 * ../closing/national.ts), since a closed month or quarter shows its closed figures on the province's page.
 */
export interface Closings {
  /** A province's rollup with its communes' closed figures (../closing/overlay.ts `applyClosings`). */
  apply(r: Rollup): Promise<Rollup>;
  /** Of these communes, those with a closing of this month or quarter (in any state). */
  closedOf(communeIds: readonly string[], period: string): Promise<ReadonlySet<string>>;
}

/** The counts the commune table adds per commune beside the figures (views/rollup/communes.tsx). */
export interface PageExtras {
  /** Teams with at least one expected week without a report. */
  missingTeams: number;
  /** Ad-hoc reports not settled yet. */
  open: number;
  /** Team-quarters without the periodic meeting owed. */
  skipped: number;
  commendations: number;
}

export interface ProvinceRow {
  province: UnitRef;
  /** The province's communes today ("current" mode), with or without data. */
  communes: number;
  /** Of those, the communes on its page (with teams or reports in the period). */
  shown: number;
  figures: Pick<Figures, "register" | "reporting">;
  extras: PageExtras;
  /** How the row was made: from the flat summaries alone (./national-summaries.ts) or the province's whole rollup. */
  via: "summaries" | "rollup";
}

export interface NationalRollup {
  period: Rollup["period"];
  today: string;
  provinces: ProvinceRow[];
  /**
   * Where the time went (ms; Date.now(), which a deployed worker moves only across I/O): units and plans;
   * until the last part was read; summing the parts (overlapping the reads); all.
   */
  ms: { plan: number; read: number; sums: number; all: number };
  /** The sums of the province rows; rates from the summed counts. */
  totals: Omit<ProvinceRow, "province" | "via">;
}

/**
 * The summarised provinces are read in this many parts (./national-summaries.ts), each summed as soon as
 * it arrives while the others are still awaited (D1 is I/O; on this machine's one local D1 the A/B was
 * within the noise of a shared machine: 193/291 ms against 302/190 ms for one part).
 */
const PARTS = 4;

/** Figures without weekly counts: register and reporting, what the province table shows. */
const NO_COUNTS = figureMath([]);

const noExtras = (): PageExtras => ({ missingTeams: 0, open: 0, skipped: 0, commendations: 0 });

/** The extras of a page's "Tổng cộng" row: the same lists the commune table sums (views/rollup/communes.tsx). */
export function pageExtras(r: Rollup): PageExtras {
  const x = noExtras();
  for (const m of r.missing_by_commune) x.missingTeams += m.teams;
  for (const o of r.adhoc.open_by_commune) x.open += o.total;
  for (const m of r.meetings.by_commune) x.skipped += m.skipped.length;
  for (const c of r.evaluations.commendations_by_commune) x.commendations += c.count;
  return x;
}

/** The province's communes on `today` (its page also reads the old communes merged into them: not counted). */
const communesToday = (tree: UnitTree, provinceId: string, today: string) =>
  tree.communesOf(provinceId, "current", today).filter((c) => c.valid_from <= today && (c.valid_to === null || c.valid_to > today)).length;

/** Provinces valid on `today` (the 34 since 1 July 2025), in Vietnamese order. */
export async function currentProvinceRefs(db: D1Database, today: string): Promise<UnitRef[]> {
  return (await currentProvinces(db, today)).map(({ unit: u, label }) => ({
    id: u.id,
    code: u.code,
    level: u.level,
    label_vi: label,
    valid_from: u.valid_from,
    valid_to: u.valid_to,
  }));
}

/** The figures of one province's page ("current" mode, aggregate, depth "commune"), as its total row. */
export async function provinceRow(
  db: D1Database,
  shards: ShardGroups,
  closings: Closings,
  p: { province: UnitRef; period: string; today: string; now?: string; tree?: UnitTree },
): Promise<ProvinceRow> {
  const tree = p.tree ?? (await loadUnitTree(db, p.province.id));
  const r = await closings.apply(
    await rollup(
      db,
      {
        unitId: p.province.id,
        period: p.period,
        mode: "current",
        scope: "aggregate",
        today: p.today,
        depth: "commune",
        ...(p.now ? { now: p.now } : {}),
      },
      tree,
      shards,
    ),
  );
  return {
    province: p.province,
    communes: communesToday(tree, p.province.id, p.today),
    shown: r.communes.length,
    figures: { register: r.totals.register, reporting: r.totals.reporting },
    extras: pageExtras(r),
    via: "rollup",
  };
}

/**
 * The national rollup of a period: every current province's page totals, and their sum. The provinces
 * whose page reads every commune from the flat summaries, with nothing closed in the period, come from
 * ONE read per database (./national-summaries.ts); any other province is rolled up whole (`provinceRow`),
 * at the same time. `db` holds the units; the communes' data is where `shards` says. A RangeError for a
 * period that cannot be read.
 */
export async function nationalRollup(
  db: D1Database,
  shards: ShardGroups,
  closings: Closings,
  p: {
    period: string;
    today: string;
    now?: string;
    /** False: every province rolled up whole (tests compare the two ways). */
    summaries?: boolean;
  },
): Promise<NationalRollup> {
  const period = parsePeriodKey(p.period);
  if (!period) throw new RangeError(`Kỳ không hợp lệ: ${p.period}`);
  const now = p.now ?? new Date().toISOString();
  const t0 = Date.now();
  const months = monthsOf(period);
  const provinces = await currentProvinceRefs(db, p.today);
  const trees = await loadUnitTrees(
    db,
    provinces.map((x) => x.id),
  );
  const plans = provinces.map((province, i) => {
    const tree = trees[i]!;
    const groups = grouping(tree, province.id, "current", p.today);
    const lean =
      p.summaries !== false && !!months && !groups.byVillage.length && groups.communes.every((c) => summarisable(months, c.valid_to));
    return { province, tree, groups, lean };
  });
  // A closing replaces a commune's figures of that month or quarter (../closing/overlay.ts): such a province is rolled up whole.
  if ((CLOSABLE_KINDS as readonly string[]).includes(period.kind)) {
    const ids = plans.filter((x) => x.lean).flatMap((x) => x.groups.communes.map((c) => c.id));
    const closed = await closings.closedOf(ids, period.key);
    for (const x of plans) if (x.groups.communes.some((c) => closed.has(c.id))) x.lean = false;
  }
  const req: LeanRequest = {
    period,
    months: months ?? [],
    quarters: quartersToCheck(period, p.today),
    // The table shows no weekly count (propaganda, task areas): none is read or summed.
    counts: [],
    now,
  };
  const t1 = Date.now();
  // The summarised provinces read in a few parts (one batch per part and database), each summed as soon
  // as it arrives while the next parts are still being read; the others rolled up whole meanwhile.
  const lean = plans.filter((x) => x.lean);
  const size = Math.ceil(lean.length / PARTS);
  const rows = new Map<string, ProvinceRow>();
  let read = 0;
  let sums = 0;
  const [whole] = await Promise.all([
    Promise.all(
      plans
        .filter((x) => !x.lean)
        .map((x) => provinceRow(db, shards, closings, { period: p.period, today: p.today, now, province: x.province, tree: x.tree })),
    ),
    ...Array.from({ length: size ? Math.ceil(lean.length / size) : 0 }, async (_, i) => {
      const part = lean.slice(i * size, (i + 1) * size);
      const got = await readNational(
        shards,
        part.flatMap((x) => x.groups.communes.map((c) => c.id)),
        req,
      );
      const t = Date.now();
      read = Math.max(read, t - t1);
      for (const { province, tree, groups } of part) {
        const l = leanProvince(got, groups, {
          ...req,
          today: p.today,
          math: NO_COUNTS,
          communeEnd: (id) => tree.get(id)?.valid_to ?? null,
        });
        rows.set(province.id, {
          province,
          communes: communesToday(tree, province.id, p.today),
          shown: l.shown,
          figures: l.figures,
          extras: { missingTeams: l.missingTeams, open: l.open, skipped: l.skipped, commendations: l.commendations },
          via: "summaries",
        });
      }
      sums += Date.now() - t;
    }),
  ]);
  for (const r of whole) rows.set(r.province.id, r);
  const out = plans.map((x) => rows.get(x.province.id)!);
  const t2 = Date.now();
  const totals = sumRows(out);
  return {
    period: { kind: period.kind, key: period.key, start: period.start, end: period.end, label_vi: period.label_vi },
    today: p.today,
    provinces: out,
    ms: { plan: t1 - t0, read, sums, all: t2 - t0 },
    totals,
  };
}

/** The sum of province rows: counts added, rates and percentages computed again from the sums (./figures.ts `finish`). */
export function sumRows(rows: readonly ProvinceRow[]): NationalRollup["totals"] {
  const f = weeklyFigures.emptyFigures(false);
  const extras = noExtras();
  let communes = 0;
  let shown = 0;
  for (const row of rows) {
    communes += row.communes;
    shown += row.shown;
    weeklyFigures.addFigures(f, { ...weeklyFigures.emptyFigures(false), ...row.figures });
    for (const k of Object.keys(extras) as (keyof PageExtras)[]) extras[k] += row.extras[k];
  }
  finish(f);
  return { communes, shown, figures: { register: f.register, reporting: f.reporting }, extras };
}

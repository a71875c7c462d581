/**
 * The commune link's "Mẫu tin nhắn báo cáo tuần" (/r/<link>/bao-cao-zalo): each team's weekly report
 * form as the Zalo message the add-on gives (shared/zalo/form.ts, the same text), for the week asked
 * for — by default the week after the commune's last report, or the current week.
 */
import { isoWeekKey, parsePeriodKey, shiftDate } from "../../../shared/periods";
import { type FormTeam, weeklyFormText } from "../../../shared/zalo/form";
import { oneDatabase, perShard, type ShardGroups } from "../db/shard";

export interface ZaloFormsView {
  week: string;
  label: string;
  forms: (FormTeam & { text: string })[];
  /** The week given could not be read: the default is shown. */
  invalid: boolean;
}

export async function loadZaloForms(
  db: D1Database,
  communeIds: readonly string[],
  weekParam: string | undefined,
  today: string,
  shards: ShardGroups = oneDatabase(db),
): Promise<ZaloFormsView> {
  // Per database holding some of the communes (../db/shard.ts), then merged: teams in code order, the latest week.
  const parts = await perShard(shards, communeIds, (d, part) => {
    const ids = JSON.stringify(part);
    return d.batch<Record<string, unknown>>([
      d
        .prepare(
          `SELECT team_code, team_name, ethnic_identity, founded_on, dissolved_on FROM agg_teams
         WHERE commune_id IN (SELECT value FROM json_each(?1)) ORDER BY team_code`,
        )
        .bind(ids),
      d.prepare(`SELECT max(last_week) AS last_week FROM agg_communes WHERE commune_id IN (SELECT value FROM json_each(?1))`).bind(ids),
    ]);
  });
  const teams = {
    results: parts
      .flatMap(([t]) => t!.results)
      .sort((a, b) => {
        const [x, y] = [String(a.team_code), String(b.team_code)];
        return x < y ? -1 : x > y ? 1 : 0;
      }),
  };
  const weeks = parts.map(([, m]) => m!.results[0]?.last_week as string | null | undefined).filter((w): w is string => !!w);
  const current = isoWeekKey(today);
  const last = weeks.sort().at(-1);
  const next = last ? isoWeekKey(shiftDate(parsePeriodKey(last)!.end, 1)) : null;
  const asked = weekParam ? parsePeriodKey(weekParam) : null;
  const p = asked?.kind === "week" ? asked : parsePeriodKey(next && next < current ? next : current)!;
  const forms = (
    teams.results as unknown as {
      team_code: string;
      team_name: string;
      ethnic_identity: number;
      founded_on: string;
      dissolved_on: string | null;
    }[]
  )
    .filter((t) => t.founded_on <= p.end && (!t.dissolved_on || t.dissolved_on > p.start))
    .map((t) => {
      const team = { team_code: t.team_code, team_name: t.team_name, ethnic: t.ethnic_identity !== 0 };
      return { ...team, text: weeklyFormText(team, p.key) };
    });
  return { week: p.key, label: p.label_vi, forms, invalid: !!weekParam && asked?.kind !== "week" };
}

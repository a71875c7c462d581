/**
 * The commune link's "Mẫu tin nhắn báo cáo tuần" (/r/<link>/bao-cao-zalo): each team's weekly report
 * form as the Zalo message the add-on gives (shared/zalo/form.ts, the same text), for the week asked
 * for — by default the week after the commune's last report, or the current week.
 */
import { isoWeekKey, parsePeriodKey, shiftDate } from "../../../shared/periods";
import { type FormTeam, weeklyFormText } from "../../../shared/zalo/form";

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
): Promise<ZaloFormsView> {
  const ids = JSON.stringify(communeIds);
  const [teams, meta] = await db.batch<Record<string, unknown>>([
    db
      .prepare(
        `SELECT team_code, team_name, ethnic_identity, founded_on, dissolved_on FROM agg_teams
         WHERE commune_id IN (SELECT value FROM json_each(?1)) ORDER BY team_code`,
      )
      .bind(ids),
    db.prepare(`SELECT max(last_week) AS last_week FROM agg_communes WHERE commune_id IN (SELECT value FROM json_each(?1))`).bind(ids),
  ]);
  const current = isoWeekKey(today);
  const last = meta!.results[0]?.last_week as string | null | undefined;
  const next = last ? isoWeekKey(shiftDate(parsePeriodKey(last)!.end, 1)) : null;
  const asked = weekParam ? parsePeriodKey(weekParam) : null;
  const p = asked?.kind === "week" ? asked : parsePeriodKey(next && next < current ? next : current)!;
  const forms = (
    teams!.results as { team_code: string; team_name: string; ethnic_identity: number; founded_on: string; dissolved_on: string | null }[]
  )
    .filter((t) => t.founded_on <= p.end && (!t.dissolved_on || t.dissolved_on > p.start))
    .map((t) => {
      const team = { team_code: t.team_code, team_name: t.team_name, ethnic: t.ethnic_identity !== 0 };
      return { ...team, text: weeklyFormText(team, p.key) };
    });
  return { week: p.key, label: p.label_vi, forms, invalid: !!weekParam && asked?.kind !== "week" };
}

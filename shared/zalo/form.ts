/**
 * The weekly report form as a Zalo message (plan II.1.2: teams report weekly "qua điện thoại hoặc
 * Zalo theo mẫu"): one line per figure, the team and the week filled in, for the leader to fill and
 * send back. The add-on ("Mẫu tin nhắn Zalo") and the commune's link (/r/<link>/bao-cao-zalo) show
 * this same text; "Dán báo cáo Zalo" reads it back (./parse.ts).
 */
import { parsePeriodKey } from "../periods";
import { formatDateVi } from "../text";
import { isEthnicFigure, WEEKLY_FIGURES } from "../weekly";
import { FIELDS, figureLabel } from "./labels";

export interface FormTeam {
  team_code: string;
  team_name: string;
  /** The team's village has the ethnic-identity task: its two figures are asked for. */
  ethnic: boolean;
}

/** "41/2022 (10/10–16/10/2022)" for '2022-W41'. */
export function weekText(week: string): string {
  const p = parsePeriodKey(week);
  if (p?.kind !== "week") return week;
  return `${week.slice(6)}/${week.slice(0, 4)} (${formatDateVi(p.start).slice(0, 5)}–${formatDateVi(p.end)})`;
}

/** The message text for one team and week. */
export function weeklyFormText(team: FormTeam, week: string): string {
  const figures = WEEKLY_FIGURES.filter((k) => team.ethnic || !isEthnicFigure(k));
  return [
    "BÁO CÁO TUẦN - TỔ DÂN VẬN CỘNG ĐỒNG",
    `${FIELDS.team.label}: ${team.team_code} - ${team.team_name}`,
    `${FIELDS.week.label}: ${weekText(week)}`,
    `${FIELDS.reporter.label}: `,
    ...figures.map((k, i) => `${i + 1}. ${figureLabel(k)}: `),
    `${FIELDS.difficulties.label}: `,
    `${FIELDS.proposals.label}: `,
    '(Ghi số sau dấu ":", không có thì ghi 0; gửi lại cả tin nhắn này.)',
  ].join("\n");
}

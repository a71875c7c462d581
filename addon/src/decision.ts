/**
 * The founding decision (Quyết định thành lập các Tổ Dân vận cộng đồng) with its attached member
 * list (mẫu 01), laid out as in the district plan, as plain blocks a Docs adapter renders. Pure.
 */
import { TEAM_ROLES } from "../../shared/enums";
import type { Workbook } from "../../shared/schemas";
import { compareVi } from "../../shared/text";

export type Block =
  | {
      kind: "para";
      text: string;
      align?: "left" | "center" | "right" | "justify";
      bold?: boolean;
      italic?: boolean;
      heading?: "title" | "h1" | "h2";
    }
  | { kind: "table"; header: string[]; rows: string[][] }
  | { kind: "pagebreak" };

export interface DecisionInput {
  communeName: string;
  /** 'yyyy-MM-dd' */
  today: string;
  workbook: Pick<Workbook, "villages" | "teams" | "members">;
}

const ROLE_ORDER: Record<string, number> = { leader: 0, deputy: 1, member: 2 };

/** Member list rows in mẫu 01 order: village, team, then leader, deputy, members. */
export function memberTable(wb: DecisionInput["workbook"]): { header: string[]; rows: string[][] } {
  const header = ["TT", "Tổ Dân vận cộng đồng", "Tổ", "STT", "Họ và tên", "Chức vụ hiện tại", "Chức vụ tham gia Tổ DVCĐ"];
  const rows: string[][] = [];
  let vi = 0;
  for (const v of wb.villages) {
    const teams = wb.teams.filter((t) => t.village_code === v.village_code && !t.dissolved_on);
    if (!teams.length) continue;
    vi++;
    let firstOfVillage = true;
    for (const t of teams) {
      const members = wb.members
        .filter((m) => m.team_code === t.team_code)
        .sort(
          (a, b) =>
            (ROLE_ORDER[a.role] ?? 9) - (ROLE_ORDER[b.role] ?? 9) || a.member_no - b.member_no || compareVi(a.full_name, b.full_name),
        );
      members.forEach((m, i) => {
        rows.push([
          firstOfVillage ? String(vi) : "",
          firstOfVillage ? v.village_name : "",
          i === 0 ? t.team_name : "",
          String(i + 1),
          m.full_name,
          m.current_position ?? "",
          TEAM_ROLES[m.role] ?? m.role,
        ]);
        firstOfVillage = false;
      });
    }
  }
  return { header, rows };
}

/** The commune's name without "Xã" ("Quý Sơn"). */
export const communeOf = (name: string) => name.replace(/^xã\s+/i, "").trim() || "…";

/** Issuer, national title and motto, number, place and date, and the title of a decision of the Ban Thường vụ Đảng ủy xã. */
export function decisionHead(communeName: string, today: string, subject: string): Block[] {
  const [y, mo, d] = today.split("-");
  const commune = communeOf(communeName);
  return [
    { kind: "para", text: `ĐẢNG BỘ XÃ ${commune.toUpperCase()}`, bold: true },
    { kind: "para", text: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align: "right", bold: true },
    { kind: "para", text: "Độc lập – Tự do – Hạnh phúc", align: "right", bold: true },
    { kind: "para", text: "Số:     -QĐ/ĐU" },
    { kind: "para", text: `${commune}, ngày ${Number(d)} tháng ${Number(mo)} năm ${y}`, align: "right", italic: true },
    { kind: "para", text: "QUYẾT ĐỊNH", heading: "title", align: "center", bold: true },
    { kind: "para", text: "CỦA BAN THƯỜNG VỤ ĐẢNG ỦY XÃ", align: "center", bold: true },
    { kind: "para", text: subject, align: "center", bold: true },
  ];
}

export function decisionBlocks(input: DecisionInput): Block[] {
  const villages = input.workbook.villages
    .filter((v) => input.workbook.teams.some((t) => t.village_code === v.village_code && !t.dissolved_on))
    .map((v) => v.village_name);
  const table = memberTable(input.workbook);
  return [
    ...decisionHead(input.communeName, input.today, "Thành lập các Tổ Dân vận cộng đồng trên địa bàn xã"),
    { kind: "para", text: "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;", italic: true },
    { kind: "para", text: "Căn cứ Quy chế làm việc của Đảng ủy xã khóa …, nhiệm kỳ …;", italic: true },
    {
      kind: "para",
      text: "Căn cứ Kế hoạch số …/KH-HU, ngày …/…/… của Ban Thường vụ Huyện ủy về việc xây dựng thí điểm Tổ Dân vận cộng đồng;",
      italic: true,
    },
    { kind: "para", text: "Xét đề nghị của Khối Dân vận Đảng ủy xã,", italic: true },
    { kind: "para", text: "BAN THƯỜNG VỤ ĐẢNG ỦY XÃ", align: "center", bold: true },
    { kind: "para", text: "QUYẾT ĐỊNH", align: "center", bold: true },
    {
      kind: "para",
      text: `Điều 1. Thành lập Tổ Dân vận cộng đồng tại ${villages.length ? villages.join("; ") : "…"} với thành viên (có danh sách kèm theo).`,
      align: "justify",
    },
    {
      kind: "para",
      text: "Điều 2. Các Tổ Dân vận cộng đồng có trách nhiệm triển khai thực hiện các nhiệm vụ phòng, chống dịch Covid-19; giữ gìn an ninh, trật tự; bảo vệ môi trường và giữ gìn bản sắc dân tộc theo hướng dẫn (gửi kèm). Nhiệm vụ các thành viên do Tổ trưởng phân công.",
      align: "justify",
    },
    {
      kind: "para",
      text: "Điều 3. Các chi bộ, các ông, bà có tên tại Điều 1 và các tổ chức, cá nhân có liên quan căn cứ quyết định thực hiện./.",
      align: "justify",
    },
    { kind: "para", text: "Nơi nhận:", bold: true, italic: true },
    {
      kind: "para",
      text: "- Thường trực Huyện ủy (b/c),\n- Ban Dân vận Huyện ủy (b/c),\n- Thường trực Đảng ủy, HĐND, UBND xã,\n- MTTQ và các tổ chức chính trị - xã hội xã,\n- Thành viên BCĐ xã, Bí thư chi bộ, Trưởng thôn,\n- Lưu.",
    },
    { kind: "para", text: "T/M BAN CHẤP HÀNH\nBÍ THƯ", align: "right", bold: true },
    { kind: "pagebreak" },
    { kind: "para", text: "DANH SÁCH", align: "center", bold: true, heading: "h1" },
    { kind: "para", text: "Các thành viên Tổ Dân vận cộng đồng trên địa bàn xã", align: "center", bold: true },
    { kind: "para", text: "(kèm theo Quyết định số     -QĐ/ĐU của BCH Đảng bộ xã)", align: "center", italic: true },
    { kind: "table", header: table.header, rows: table.rows },
  ];
}

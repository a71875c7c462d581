/**
 * The decision founding the commune's Ban Chỉ đạo (plan II.1.2 and III: "Quyết định thành lập Ban Chỉ
 * đạo xây dựng thí điểm các Tổ Dân vận cộng đồng") with its members, printed after the teams'
 * founding decision (./decision.ts). Pure.
 */
import { STEERING_ROLES } from "../../shared/enums";
import type { SteeringMember } from "../../shared/schemas";
import { type Block, decisionHead } from "./decision";

const ORDER: Record<string, number> = { head: 0, deputy: 1, member: 2 };

export function steeringDecisionBlocks(communeName: string, today: string, members: readonly SteeringMember[]): Block[] {
  const rows = [...members]
    .sort((a, b) => (ORDER[a.role] ?? 9) - (ORDER[b.role] ?? 9) || a.member_no - b.member_no)
    .map((m, i) => [String(i + 1), m.full_name, m.current_position ?? "", STEERING_ROLES[m.role]]);
  return [
    { kind: "pagebreak" },
    ...decisionHead(communeName, today, "Thành lập Ban Chỉ đạo xây dựng thí điểm Tổ Dân vận cộng đồng của xã"),
    { kind: "para", text: "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;", italic: true },
    {
      kind: "para",
      text: "Căn cứ Kế hoạch số …/KH-HU, ngày …/…/… của Ban Thường vụ Huyện ủy về việc xây dựng thí điểm Tổ Dân vận cộng đồng;",
      italic: true,
    },
    { kind: "para", text: "BAN THƯỜNG VỤ ĐẢNG ỦY XÃ", align: "center", bold: true },
    { kind: "para", text: "QUYẾT ĐỊNH", align: "center", bold: true },
    {
      kind: "para",
      text: "Điều 1. Thành lập Ban Chỉ đạo xây dựng thí điểm Tổ Dân vận cộng đồng của xã gồm các đồng chí có tên sau:",
      align: "justify",
    },
    { kind: "table", header: ["TT", "Họ và tên", "Chức vụ hiện tại", "Chức vụ trong Ban Chỉ đạo"], rows },
    {
      kind: "para",
      text: "Điều 2. Ban Chỉ đạo thường xuyên kiểm tra, giám sát, hướng dẫn hoạt động của các Tổ Dân vận cộng đồng; định kỳ hằng quý đánh giá kết quả hoạt động của tổ; hằng năm kiểm tra, đánh giá và đề xuất Hội đồng thi đua khen thưởng xã khen thưởng tập thể, cá nhân làm tốt.",
      align: "justify",
    },
    {
      kind: "para",
      text: "Điều 3. Các đồng chí có tên tại Điều 1 và các tổ chức, cá nhân có liên quan căn cứ quyết định thi hành./.",
      align: "justify",
    },
    { kind: "para", text: "Nơi nhận:", bold: true, italic: true },
    { kind: "para", text: "- Thường trực Huyện ủy (b/c),\n- Ban Dân vận Huyện ủy (b/c),\n- Như Điều 1,\n- Lưu." },
    { kind: "para", text: "T/M BAN THƯỜNG VỤ\nBÍ THƯ", align: "right", bold: true },
  ];
}

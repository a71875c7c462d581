/**
 * What the pilot communes wrote in "Báo cáo kỳ" (../report-sheet.ts) for the plan's three reviews:
 * sơ kết đợt 1 (P1, 01/2022), sơ kết đợt 2 (P2, 06/2022) and tổng kết (P3, 10/2022). Sample text for the
 * demo and the tests; the figures of each report come from the rollup, not from here.
 */
import type { Workbook } from "../schemas";

type Narrative = Workbook["period_reports"][number];

const QUY_SON: Narrative[] = [
  {
    period: "P1",
    results:
      "Các tổ ra mắt đúng kế hoạch, lập nhóm Zalo của thôn Quý Thịnh; tuyên truyền phòng, chống dịch Covid-19 và vận động tiêm vắc xin đến từng hộ.\nNhân dân đồng tình, hưởng ứng; nhiều hộ chủ động báo tin qua nhóm Zalo.",
    shortcomings: "Một số thành viên chưa quen báo cáo tuần; vài hộ người cao tuổi chưa dùng điện thoại thông minh.",
    causes: "Thành viên kiêm nhiệm nhiều việc; thời gian đầu chưa có mẫu báo cáo thống nhất.",
    directions: "Duy trì báo cáo tuần đúng hạn; hướng dẫn con cháu các hộ người cao tuổi tham gia nhóm Zalo.",
    proposals: "Đề nghị Ban Dân vận Huyện ủy tập huấn kỹ năng tuyên truyền trên mạng xã hội cho thành viên các tổ.",
  },
  {
    period: "P2",
    results:
      "Các tổ giữ nền nếp họp quý, phối hợp hòa giải mâu thuẫn đất đai, tổ chức tổng vệ sinh đường thôn hằng tháng; mùa vải thiều giữ được an ninh trật tự.",
    shortcomings: "Tỷ lệ báo cáo đúng hạn giảm trong tháng thu hoạch vải thiều.",
    causes: "Thành viên tập trung thu hoạch, tiêu thụ vải thiều.",
    directions: "Phân công tổ phó nhận báo cáo thay khi tổ trưởng vắng; nhắc báo cáo qua nhóm Zalo vào chiều Chủ nhật.",
    proposals: "Đề nghị hỗ trợ kinh phí hoạt động cho các tổ từ nguồn của xã.",
  },
  {
    period: "P3",
    results:
      "Sau một năm thí điểm, mô hình Tổ Dân vận cộng đồng phát huy hiệu quả: thông tin đến hộ nhanh, các vụ việc được phát hiện, hòa giải từ cơ sở; nhân dân tin tưởng, ủng hộ.",
    shortcomings: "Hoạt động giữa các tổ chưa đồng đều; kinh phí hoạt động còn hạn chế.",
    causes: "Năng lực thành viên không đồng đều; chưa có cơ chế hỗ trợ ổn định.",
    directions: "Nhân rộng mô hình ra các thôn còn lại của xã từ tháng 12/2022; kiện toàn thành viên các tổ.",
    proposals: "Đề nghị Ban Thường vụ Huyện ủy cho nhân rộng mô hình và khen thưởng các tổ hoàn thành xuất sắc nhiệm vụ.",
  },
];

const HONG_GIANG: Narrative[] = [
  {
    period: "P1",
    results:
      "Các tổ thôn Ngọt ra mắt, lập nhóm Zalo; tuyên truyền phòng, chống dịch bằng tiếng Kinh và tiếng Sán Dìu trên loa truyền thanh; duy trì sinh hoạt văn hóa của đồng bào Sán Dìu.",
    shortcomings: "Địa bàn rộng, một số hộ ở xa trung tâm thôn khó đến thường xuyên.",
    causes: "Đường liên xóm hẹp, mùa mưa đi lại khó khăn.",
    directions: "Chia nhỏ địa bàn phụ trách; tăng tin đăng trên nhóm Zalo.",
    proposals: "Đề nghị hỗ trợ loa cầm tay cho các tổ.",
  },
  {
    period: "P2",
    results:
      "Tổ chức lớp hát Soọng cô cho thanh niên, phục dựng trang phục truyền thống người Sán Dìu; vận động các hộ phân loại rác tại nguồn.",
    shortcomings: "Một số hộ chưa phân loại rác thường xuyên.",
    causes: "Thói quen sinh hoạt lâu năm; chưa có điểm tập kết rác riêng.",
    directions: "Tiếp tục vận động phân loại rác; phối hợp Chi hội Phụ nữ kiểm tra hằng tháng.",
    proposals: "Đề nghị xã bố trí điểm tập kết rác thải cho thôn Ngọt.",
  },
  {
    period: "P3",
    results:
      "Mô hình góp phần giữ gìn bản sắc văn hóa dân tộc Sán Dìu, giữ vững an ninh trật tự, vệ sinh môi trường; các tổ hoàn thành nhiệm vụ thí điểm.",
    shortcomings: "Một số thành viên lớn tuổi hạn chế khi dùng Zalo.",
    causes: "Điều kiện tiếp cận công nghệ thông tin còn hạn chế.",
    directions: "Bổ sung thành viên trẻ; nhân rộng mô hình ra các thôn của xã.",
    proposals: "Đề nghị huyện tổ chức tập huấn sử dụng Zalo và khen thưởng các tổ tiêu biểu.",
  },
];

/** The narratives each pilot commune wrote (fresh copies). */
export const pilotNarratives = {
  quySon: (): Narrative[] => QUY_SON.map((n) => ({ ...n })),
  hongGiang: (): Narrative[] => HONG_GIANG.map((n) => ({ ...n })),
};

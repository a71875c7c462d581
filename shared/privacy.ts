/**
 * The privacy notice: what the product collects about households and team members, why, who sees
 * what, how long it is kept and whom to ask. One text, shown by the add-on's "Thiết lập mẫu"
 * (addon/src/menu/setup.ts) and on the commune's own link page (worker/src/views/rollup/privacy.tsx).
 * Required since 1 January 2026 by Law 91/2025/QH15 on personal data protection and Decree
 * 356/2025/NĐ-CP (notice before processing; ethnicity is sensitive personal data).
 */

/** Months raw submissions and row revisions are kept (wrangler.toml `RETENTION_MONTHS`; README, "Personal data"). */
export const DEFAULT_RETENTION_MONTHS = 24;

/** The warning a receipt carries when a submission still holds a household whose data was erased on request. */
export const ERASED_HOUSEHOLD_WARNING = "hộ đã yêu cầu xóa dữ liệu";

export interface PrivacyNotice {
  title: string;
  /** Headed paragraphs, in order. */
  items: { heading: string; text: string }[];
}

/** The notice, with the retention period in months (the deployment's `RETENTION_MONTHS`). */
export function privacyNotice(months: number = DEFAULT_RETENTION_MONTHS): PrivacyNotice {
  return {
    title: "Thông báo về xử lý dữ liệu cá nhân",
    items: [
      {
        heading: "Dữ liệu được thu thập",
        text:
          "Họ tên, năm sinh chủ hộ, số nhân khẩu, dân tộc, tham gia nhóm Zalo của hộ gia đình (mẫu 02); họ tên, chức vụ, " +
          "số điện thoại của thành viên Tổ Dân vận cộng đồng (mẫu 01); biến động dân cư và báo cáo hoạt động của tổ. " +
          "Dân tộc là dữ liệu cá nhân nhạy cảm.",
      },
      {
        heading: "Mục đích",
        text:
          "Chỉ để thực hiện các nhiệm vụ của Tổ Dân vận cộng đồng theo kế hoạch: nắm tình hình hộ dân, phòng chống dịch, " +
          "an ninh trật tự, bảo vệ môi trường, giữ gìn bản sắc dân tộc, và báo cáo tổng hợp.",
      },
      {
        heading: "Ai được xem",
        text:
          "Xã, phường xem được danh sách có họ tên. Huyện, tỉnh chỉ xem số liệu tổng hợp, không có họ tên, năm sinh, " +
          "số điện thoại hay dân tộc; số liệu dưới 5 hộ hoặc 5 người được ẩn.",
      },
      {
        heading: "Thời gian lưu",
        text:
          `Bản gửi gốc và các phiên bản cũ của từng dòng được lưu ${months} tháng rồi tự động xóa; ` +
          "số liệu tổng hợp và biên nhận được giữ lại. Địa chỉ IP của người truy cập chỉ lưu 30 ngày.",
      },
      {
        heading: "Quyền của hộ gia đình",
        text:
          "Hộ gia đình có quyền xem, nhận bản sao và yêu cầu xóa dữ liệu của mình. " +
          "Liên hệ cán bộ phụ trách Dân vận của Ủy ban nhân dân xã, phường.",
      },
    ],
  };
}

/** The notice as plain text (an add-on dialog, a CSV comment): title, then one "Heading: text" line per item. */
export function privacyNoticeText(months: number = DEFAULT_RETENTION_MONTHS): string {
  const n = privacyNotice(months);
  return [n.title.toUpperCase(), ...n.items.map((i) => `• ${i.heading}: ${i.text}`)].join("\n");
}

/** The `RETENTION_MONTHS` var read: a whole number of months from 1 to 120, else the default. */
export function retentionMonths(v: string | undefined): number {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= 120 ? n : DEFAULT_RETENTION_MONTHS;
}

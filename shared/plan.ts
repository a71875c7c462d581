/**
 * The district plan's calendar (huyện Lục Ngạn, 2021, section III "Thời gian thực hiện"): when the
 * teams start, the three phases with their reviews, the dated milestones, and the roll-out.
 * Periods (./periods.ts) read the phases as period keys P1–P3.
 */

/** The teams start operating (plan, section III). */
export const PLAN_START = "2021-10-20";
/** Roll-out beyond the pilot communes, from December 2022. */
export const ROLL_OUT_FROM = "2022-12-01";

/** The plan's three phases; each ends with its review (sơ kết đợt 1, đợt 2, tổng kết). */
export const PLAN_PHASES = [
  { key: "P1", start: "2021-10-20", end: "2022-01-31", label_vi: "Đợt 1: từ 20/10/2021 đến sơ kết tháng 01/2022" },
  { key: "P2", start: "2022-02-01", end: "2022-06-30", label_vi: "Đợt 2: từ 01/02/2022 đến sơ kết tháng 6/2022" },
  { key: "P3", start: "2022-07-01", end: "2022-10-31", label_vi: "Đợt 3: từ 01/07/2022 đến tổng kết tháng 10/2022" },
] as const;

/** The dated steps of the plan (section III, "Thời gian thực hiện"), in order. */
export const PLAN_MILESTONES = [
  {
    code: "M01",
    due_on: "2021-10-10",
    title_vi:
      "Ban Thường vụ Huyện ủy ban hành Kế hoạch triển khai xây dựng thí điểm Tổ Dân vận cộng đồng; ban hành Quyết định thành lập Tổ hướng dẫn và giám sát việc triển khai xây dựng thí điểm các Tổ Dân vận cộng đồng",
  },
  { code: "M02", due_on: "2021-10-15", title_vi: "Hướng dẫn nhiệm vụ của Tổ Dân vận cộng đồng" },
  {
    code: "M03",
    due_on: "2021-10-15",
    title_vi:
      "Đảng ủy xã ban hành Kế hoạch triển khai xây dựng thí điểm các Tổ Dân vận cộng đồng; Quyết định thành lập Ban Chỉ đạo; quyết định thành lập các Tổ Dân vận cộng đồng; tổ chức hội nghị triển khai và hướng dẫn hoạt động Tổ Dân vận cộng đồng",
  },
  {
    code: "M04",
    due_on: "2021-10-20",
    title_vi:
      "Tổ Dân vận cộng đồng bắt đầu đi vào hoạt động và thành lập nhóm Zalo có thành viên là đại diện các hộ gia đình của toàn thôn",
  },
  { code: "M05", due_on: "2022-01-31", title_vi: "Sơ kết rút kinh nghiệm đợt 1 (tháng 01/2022)" },
  { code: "M06", due_on: "2022-06-30", title_vi: "Sơ kết rút kinh nghiệm đợt 2 (tháng 6/2022)" },
  { code: "M07", due_on: "2022-10-31", title_vi: "Tổng kết việc thực hiện thí điểm Tổ Dân vận cộng đồng (tháng 10/2022)" },
  { code: "M08", due_on: "2022-12-31", title_vi: "Thực hiện, triển khai nhân ra diện rộng (từ tháng 12/2022)" },
] as const;

/** Vietnamese name parts for sample data (common family names, middle and given names). */
import type { Random } from "./random";

const FAMILY = [
  "Nguyễn",
  "Trần",
  "Lê",
  "Phạm",
  "Hoàng",
  "Vũ",
  "Đặng",
  "Bùi",
  "Đỗ",
  "Ngô",
  "Thân",
  "Giáp",
  "Lương",
  "Hà",
  "Lục",
  "Vi",
  "Đinh",
  "Dương",
];
const MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Xuân", "Hữu", "Công", "Ngọc"];
const MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Minh"];
const GIVEN_M = [
  "An",
  "Bình",
  "Cường",
  "Dũng",
  "Giang",
  "Hải",
  "Hùng",
  "Khánh",
  "Long",
  "Mạnh",
  "Nam",
  "Phúc",
  "Quân",
  "Sơn",
  "Thắng",
  "Tiến",
  "Toàn",
  "Trung",
  "Tuấn",
  "Việt",
  "Vinh",
  "Xuyên",
];
const GIVEN_F = [
  "Anh",
  "Bích",
  "Chi",
  "Dung",
  "Hà",
  "Hạnh",
  "Hoa",
  "Huệ",
  "Hương",
  "Lan",
  "Liên",
  "Loan",
  "Mai",
  "Ngọc",
  "Nhung",
  "Oanh",
  "Phương",
  "Thảo",
  "Thủy",
  "Trang",
  "Yến",
];

export function personName(r: Random): string {
  const male = r.chance(0.6);
  return [r.pick(FAMILY), r.pick(male ? MIDDLE_M : MIDDLE_F), r.pick(male ? GIVEN_M : GIVEN_F)].join(" ");
}

export const POSITIONS = [
  "Trưởng thôn",
  "Bí thư chi bộ",
  "Chi hội trưởng Hội Phụ nữ",
  "Chi hội trưởng Hội Nông dân",
  "Bí thư Chi đoàn",
  "Công an viên",
  "Y tế thôn",
  "Tình nguyện viên",
];

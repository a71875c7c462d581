/** Menus "Bật / Tắt gửi tự động hằng tuần" and the weekly trigger's handler (the work is in ../gas/auto.ts). */
import { disableAuto, enableAuto, runAutoSubmissions } from "../gas/auto";
import { documentKV, missingSettings, readSettings } from "../gas/props";
import { alert } from "../gas/ui";
import { active, guard } from "./guard";

export function menuAutoOn(): void {
  guard("Bật gửi tự động", () => {
    const s = readSettings(documentKV());
    const missing = missingSettings(s);
    if (missing.length) {
      alert("Chưa bật gửi tự động", missing.join("\n"));
      return;
    }
    enableAuto(active(), s);
    alert(
      "Đã bật gửi tự động",
      "Vào khoảng 7–8 giờ sáng thứ Hai hằng tuần, tiện ích sẽ tự kiểm tra và gửi báo cáo của bảng tính này. Nếu bảng tính còn lỗi thì không gửi. Kết quả ghi ở trang Cài đặt.",
    );
  });
}

export function menuAutoOff(): void {
  guard("Tắt gửi tự động", () => {
    disableAuto(active());
    alert("Đã tắt gửi tự động", "Bảng tính này sẽ không được gửi tự động nữa. Bạn vẫn có thể gửi bằng menu Gửi báo cáo.");
  });
}

/** Time-driven trigger handler (installed by menuAutoOn). No UI here. */
export function autoSubmitWeekly(): void {
  runAutoSubmissions();
}

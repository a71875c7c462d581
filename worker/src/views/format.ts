/** How figures read in Vietnamese: 1.234 for thousands, 85,3% for percents, dd/MM/yyyy for dates (shared/text.ts). */
import { formatDateTimeVi, formatDateVi } from "../../../shared/text";

const INT = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 0 });
const PCT = new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 0, maximumFractionDigits: 1 });

export const num = (n: number | null | undefined): string => (n === null || n === undefined ? "–" : INT.format(n));
export const pct = (n: number | null | undefined): string => (n === null || n === undefined ? "–" : `${PCT.format(n)}%`);

/** 'yyyy-MM-dd' → 'dd/MM/yyyy'; empty for none. */
export const dateVi = (iso: string | null | undefined): string => (iso ? formatDateVi(iso) : "");

/** An instant → 'dd/MM/yyyy HH:mm' in Vietnam time; empty for none. */
export const dateTimeVi = (instant: string | null | undefined): string => (instant ? formatDateTimeVi(instant) : "");

const KIND_WORDS = /^(Tỉnh|Thành phố|Huyện|Quận|Thị xã|Xã|Phường|Thị trấn|Đặc khu|Thôn|Tổ dân phố|Bản|Làng|Ấp|Khu phố|Khu|Xóm|Tổ)\s/;

/** "Xã Hồng Giang" inside a sentence reads "xã Hồng Giang": lower-case a leading unit kind only. */
export function midSentence(label: string): string {
  return KIND_WORDS.test(label) ? label.charAt(0).toLocaleLowerCase("vi") + label.slice(1) : label;
}

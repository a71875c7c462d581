/**
 * The parts of a report around its body, as Nghị định 30/2020/NĐ-CP (Phụ lục I) lays out an
 * administrative document: issuing body under its superior, number and symbol, national title and
 * motto, place and date, kind and subject, "Nơi nhận", signature block. The bodies follow the plan
 * (huyện Lục Ngạn, 2021, mục IV): the commune's Ban Chỉ đạo reports to the Ban Thường vụ of the
 * district's Party committee through its Ban Dân vận, which compiles for the province.
 */
import { documentDateVi, formatDateVi } from "../../../shared/text";
import type { PeriodRef, UnitRef } from "../rollup/types";
import type { ReportDoc, ReportHeading, ReportSignature } from "./types";

const KINDS = ["Thành phố", "Thị xã", "Thị trấn", "Đặc khu", "Tỉnh", "Huyện", "Quận", "Xã", "Phường"];

/** "Huyện Lục Ngạn" → { kind: "huyện", name: "Lục Ngạn" }. */
export function splitLabel(label: string): { kind: string; name: string } {
  const kind = KINDS.find((k) => label.toLocaleLowerCase("vi").startsWith(`${k.toLocaleLowerCase("vi")} `));
  return kind ? { kind: kind.toLocaleLowerCase("vi"), name: label.slice(kind.length + 1) } : { kind: "", name: label };
}

/** The Party committee of a unit: "Đảng ủy xã Quý Sơn", "Huyện ủy Lục Ngạn", "Tỉnh ủy Bắc Giang". */
export function partyCommittee(u: UnitRef): string {
  const { kind, name } = splitLabel(u.label_vi);
  if (u.level === "commune") return `Đảng ủy ${kind || "xã"} ${name}`;
  const word: Record<string, string> = { huyện: "Huyện ủy", quận: "Quận ủy", "thị xã": "Thị ủy", "thành phố": "Thành ủy", tỉnh: "Tỉnh ủy" };
  return `${word[kind] ?? (u.level === "province" ? "Tỉnh ủy" : "Huyện ủy")} ${name}`;
}

const upper = (s: string) => s.toLocaleUpperCase("vi");

/** "Sơ kết đợt 1 …", "Tổng kết …", or the results of a period ("quý I/2022"). */
export function subjectOf(period: PeriodRef, review: ReportDoc["review"]): string {
  const model = "mô hình Tổ Dân vận cộng đồng";
  if (review === "P1") return `Sơ kết đợt 1 thực hiện thí điểm ${model}`;
  if (review === "P2") return `Sơ kết đợt 2 thực hiện thí điểm ${model}`;
  if (review === "P3") return `Tổng kết việc thực hiện thí điểm ${model}`;
  const label = period.label_vi.charAt(0).toLocaleLowerCase("vi") + period.label_vi.slice(1);
  return `Kết quả hoạt động của các Tổ Dân vận cộng đồng ${label}`;
}

export interface Bodies {
  heading: Omit<ReportHeading, "subject" | "span" | "placeDate" | "kind" | "nation" | "motto">;
  place: string;
  /** Who reports, inside a sentence ("Ban Chỉ đạo xã Quý Sơn"). */
  author: string;
  recipients: string[];
  signature: ReportSignature;
}

/** Issuing body, symbol, recipients and signer of a unit's report; `parent` is the unit it reports to. */
export function bodiesOf(unit: UnitRef, parent: UnitRef | undefined): Bodies {
  const place = splitLabel(unit.label_vi).name;
  const committee = partyCommittee(unit);
  if (unit.level === "commune") {
    const up = parent ? partyCommittee(parent) : "";
    return {
      heading: { superior: upper(committee), issuer: "BAN CHỈ ĐẠO TỔ DÂN VẬN CỘNG ĐỒNG", number: "Số:        /BC-BCĐ" },
      place,
      author: `Ban Chỉ đạo ${splitLabel(unit.label_vi).kind || "xã"} ${place}`,
      recipients: [
        ...(up ? [`Ban Thường vụ ${up} (qua Ban Dân vận ${up}) (báo cáo)`] : []),
        `Thường trực ${committee} (báo cáo)`,
        "Các Tổ Dân vận cộng đồng",
        "Lưu: VT",
      ],
      signature: { onBehalf: "T/M BAN CHỈ ĐẠO", title: "TRƯỞNG BAN", note: "(Ký, ghi rõ họ tên)" },
    };
  }
  const symbol = unit.level === "province" ? "BC-BDVTU" : "BC-BDVHU";
  const up = parent ? partyCommittee(parent) : "";
  return {
    heading: { superior: upper(committee), issuer: "BAN DÂN VẬN", number: `Số:        /${symbol}` },
    place,
    author: `Ban Dân vận ${committee}`,
    recipients: [
      `Ban Thường vụ ${committee} (báo cáo)`,
      ...(up ? [`Ban Dân vận ${up} (báo cáo)`] : []),
      "Đảng ủy các xã, phường (để biết)",
      "Lưu: VT",
    ],
    signature: { onBehalf: "", title: "TRƯỞNG BAN", note: "(Ký, ghi rõ họ tên)" },
  };
}

/** The heading of a report of `unit` for `period`, dated `today` ('yyyy-MM-dd', Vietnam). */
export function headingOf(b: Bodies, period: PeriodRef, review: ReportDoc["review"], today: string): ReportHeading {
  return {
    ...b.heading,
    nation: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    motto: "Độc lập - Tự do - Hạnh phúc",
    placeDate: `${b.place}, ${documentDateVi(today)}`,
    kind: "BÁO CÁO",
    subject: subjectOf(period, review),
    span: `Từ ngày ${formatDateVi(period.start)} đến ngày ${formatDateVi(period.end)}`,
  };
}

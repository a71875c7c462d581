/**
 * The statistics office's lists of communes (danh mục đơn vị hành chính): one row per commune, ward
 * or town with its district and province, as of one day. A district without communes (huyện đảo:
 * Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo) is a row with an empty commune and "Huyện".
 */
import { nfc } from "../../shared/text";
import { readCsv, SourceError } from "./csv";
import { communeKindOf, kindedName } from "./names";

export const LIST_HEADER = ["Tỉnh Thành Phố", "Mã TP", "Quận Huyện", "Mã QH", "Phường Xã", "Mã PX", "Cấp", "Tên Tiếng Anh"];

export interface ListedUnit {
  code: string;
  name: string;
  kind_vi: string;
}

export interface ListRow {
  line: number;
  province: ListedUnit;
  district: ListedUnit;
  /** Null for a district without communes. */
  commune: ListedUnit | null;
}

export interface CommuneList {
  file: string;
  rows: ListRow[];
  /** Where a row was read otherwise than written, and why. */
  corrections: string[];
}

/**
 * The rows of a commune list; any row that does not fit throws a SourceError naming its line. Where
 * the name's kind and the "Cấp" column disagree (two rows: "Phường Hàm Rồng" listed as "Xã"), the
 * name is taken — it is what the unit is called — and the row is reported as corrected.
 */
export function parseCommuneList(file: string, text: string): CommuneList {
  const records = readCsv(file, text);
  const header = records[0];
  if (!header || header.cells.map(nfc).join("|") !== LIST_HEADER.join("|")) {
    throw new SourceError(file, header?.line ?? 1, `dòng tiêu đề phải là: ${LIST_HEADER.join(", ")}`);
  }
  const rows: ListRow[] = [];
  const corrections: string[] = [];
  for (const { line, cells } of records.slice(1)) {
    if (cells.every((c) => nfc(c) === "")) continue;
    const [pName, pCode, dName, dCode, cName, cCode, level] = cells.map(nfc);
    const fail = (why: string): never => {
      throw new SourceError(file, line, why);
    };
    if (!/^\d{2}$/.test(pCode ?? "")) fail(`mã tỉnh "${pCode}" phải gồm 2 chữ số`);
    if (!/^\d{3}$/.test(dCode ?? "")) fail(`mã huyện "${dCode}" phải gồm 3 chữ số`);
    const province = kindedName(pName ?? "", "province") ?? fail(`tên tỉnh "${pName}" không bắt đầu bằng Tỉnh/Thành phố`);
    const district = kindedName(dName ?? "", "district") ?? fail(`tên huyện "${dName}" không bắt đầu bằng Quận/Huyện/Thị xã/Thành phố`);
    let commune: ListedUnit | null = null;
    if (cCode === "" && cName === "" && level === "Huyện") {
      commune = null;
    } else {
      if (!/^\d{5}$/.test(cCode ?? "")) fail(`mã xã "${cCode}" phải gồm 5 chữ số`);
      const kind = communeKindOf(level ?? "") ?? fail(`cấp "${level}" phải là Xã, Phường hoặc Thị trấn`);
      const named = kindedName(cName ?? "", "commune") ?? fail(`tên xã "${cName}" không bắt đầu bằng Xã/Phường/Thị trấn`);
      if (named.kind_vi !== kind)
        corrections.push(`${file}, dòng ${line}: "${named.name}" ghi cấp "${level}"; lấy theo tên (${named.kind_vi}).`);
      commune = { code: cCode!, name: named.name, kind_vi: named.kind_vi };
    }
    rows.push({
      line,
      province: { code: pCode!, name: province.name, kind_vi: province.kind_vi },
      district: { code: dCode!, name: district.name, kind_vi: district.kind_vi },
      commune,
    });
  }
  if (rows.length === 0) throw new SourceError(file, null, "không có dòng dữ liệu nào");
  return { file, rows, corrections };
}

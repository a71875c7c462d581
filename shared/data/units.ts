/**
 * Administrative units the product knows from the start: the pilot's province, district, communes
 * and villages, and what became of them in Vietnam's reform of 1 July 2025 (districts abolished;
 * Bắc Giang and the old Bắc Ninh merged into the new Bắc Ninh, which kept code 24; xã Hồng Giang →
 * phường Chũ; xã Quý Sơn → phường Phượng Sơn; the villages continue under the new wards as new
 * versions). Communes of the roll-out are added as data (admin API), not code.
 *
 * IMPORTANT — not verified:
 * - Province codes 24 (Bắc Giang, then the new Bắc Ninh) and 27 (old Bắc Ninh) and district code
 *   219 (Lục Ngạn) are GSO codes. The 5-digit commune/ward codes below could NOT be checked
 *   offline: they are placeholders in the Lục Ngạn range and must be checked against the GSO list
 *   (danhmuchanhchinh.gso.gov.vn) before production. `UNIT_CODES_VERIFIED` says so to code.
 * - Start dates (1997-01-01 = the re-founding of Bắc Giang; villages: the pilot's registration
 *   date) are placeholders, not the legal dates.
 * - Simplified history: from 1 January 2025 (Nghị quyết 1191/NQ-UBTVQH15, per press reports) ten
 *   communes of huyện Lục Ngạn, Hồng Giang, Quý Sơn, Phượng Sơn and Mỹ An among them, formed
 *   thị xã Chũ, and xã Hồng Giang became phường Hồng Giang. That half-year is NOT modelled here:
 *   for 2025-01-01..2025-06-30 this data says huyện Lục Ngạn / xã Hồng Giang. Add those versions
 *   as data before anyone reports on that period. The other units merged into the new wards
 *   (phường Phượng Sơn and xã Mỹ An into phường Phượng Sơn, …) are not listed either.
 */
import type { Unit } from "../units";

/** False until the commune/ward codes below are checked against the GSO list. */
export const UNIT_CODES_VERIFIED = false;

const REFORM = "2025-07-01";

/** Ids of the pilot units; `…Now` are the versions valid from 1 July 2025. */
export const PILOT = {
  bacGiang: "P:24@1997-01-01",
  bacNinhOld: "P:27@1997-01-01",
  bacNinh: "P:24@2025-07-01",
  lucNgan: "D:219@1997-01-01",
  quySon: "C:07636@1997-01-01",
  hongGiang: "C:07615@1997-01-01",
  phuongSon: "C:07630@2025-07-01",
  chu: "C:07573@2025-07-01",
  quyThinh: "V:07636-QT@2021-10-15",
  ngot: "V:07615-NG@2021-10-15",
  quyThinhNow: "V:07630-QT@2025-07-01",
  ngotNow: "V:07573-NG@2025-07-01",
} as const;

/** Validated by `unitSchema` and `validateUnits` in tests/shared/units.test.ts. */
export const UNITS: Unit[] = [
  {
    id: PILOT.bacGiang,
    code: "24",
    level: "province",
    kind_vi: "tỉnh",
    name: "Tỉnh Bắc Giang",
    parent_id: null,
    valid_from: "1997-01-01",
    valid_to: REFORM,
    successor_ids: [PILOT.bacNinh],
  },
  {
    id: PILOT.bacNinhOld,
    code: "27",
    level: "province",
    kind_vi: "tỉnh",
    name: "Tỉnh Bắc Ninh (trước 2025)",
    parent_id: null,
    valid_from: "1997-01-01",
    valid_to: REFORM,
    successor_ids: [PILOT.bacNinh],
  },
  {
    id: PILOT.bacNinh,
    code: "24",
    level: "province",
    kind_vi: "tỉnh",
    name: "Tỉnh Bắc Ninh",
    parent_id: null,
    valid_from: REFORM,
    valid_to: null,
    successor_ids: [],
  },
  {
    id: PILOT.lucNgan,
    code: "219",
    level: "district",
    kind_vi: "huyện",
    name: "Huyện Lục Ngạn",
    parent_id: PILOT.bacGiang,
    valid_from: "1997-01-01",
    valid_to: REFORM,
    successor_ids: [],
  },
  {
    id: PILOT.quySon,
    code: "07636",
    level: "commune",
    kind_vi: "xã",
    name: "Xã Quý Sơn",
    parent_id: PILOT.lucNgan,
    valid_from: "1997-01-01",
    valid_to: REFORM,
    successor_ids: [PILOT.phuongSon],
  },
  {
    id: PILOT.hongGiang,
    code: "07615",
    level: "commune",
    kind_vi: "xã",
    name: "Xã Hồng Giang",
    parent_id: PILOT.lucNgan,
    valid_from: "1997-01-01",
    valid_to: REFORM,
    successor_ids: [PILOT.chu],
  },
  {
    id: PILOT.phuongSon,
    code: "07630",
    level: "commune",
    kind_vi: "phường",
    name: "Phường Phượng Sơn",
    parent_id: PILOT.bacNinh,
    valid_from: REFORM,
    valid_to: null,
    successor_ids: [],
  },
  {
    id: PILOT.chu,
    code: "07573",
    level: "commune",
    kind_vi: "phường",
    name: "Phường Chũ",
    parent_id: PILOT.bacNinh,
    valid_from: REFORM,
    valid_to: null,
    successor_ids: [],
  },
  // Villages (no GSO code). Thôn Ngọt is a Sán Dìu community: the ethnic-identity task area is on.
  {
    id: PILOT.quyThinh,
    code: "07636-QT",
    level: "village",
    kind_vi: "thôn",
    name: "Thôn Quý Thịnh",
    parent_id: PILOT.quySon,
    valid_from: "2021-10-15",
    valid_to: REFORM,
    successor_ids: [PILOT.quyThinhNow],
    ethnic_identity: false,
  },
  {
    id: PILOT.ngot,
    code: "07615-NG",
    level: "village",
    kind_vi: "thôn",
    name: "Thôn Ngọt",
    parent_id: PILOT.hongGiang,
    valid_from: "2021-10-15",
    valid_to: REFORM,
    successor_ids: [PILOT.ngotNow],
    ethnic_identity: true,
  },
  {
    id: PILOT.quyThinhNow,
    code: "07630-QT",
    level: "village",
    kind_vi: "thôn",
    name: "Thôn Quý Thịnh",
    parent_id: PILOT.phuongSon,
    valid_from: REFORM,
    valid_to: null,
    successor_ids: [],
    ethnic_identity: false,
  },
  {
    id: PILOT.ngotNow,
    code: "07573-NG",
    level: "village",
    kind_vi: "thôn",
    name: "Thôn Ngọt",
    parent_id: PILOT.chu,
    valid_from: REFORM,
    valid_to: null,
    successor_ids: [],
    ethnic_identity: true,
  },
];

/**
 * The pilot's administrative units, as the product knows them from the start (tests, the demo of
 * `npm start`): the province, districts, communes and villages of the pilot, through the two changes
 * that reached them. Every province, district and commune here is the same unit, field for field, as
 * in the national unit history (shared/data/vn/units.json, built from the statistics office's lists
 * by `npm run units:build`; tests/shared/units-vn.test.ts checks it). The villages have no GSO code:
 * a village's code is its commune's code + "-" + a short code, so it changes with its commune's code.
 *
 * The chain (dates: shared/data/vn/README.md):
 * - from 2021-02-03 (the first list): Tỉnh Bắc Giang (24) › Huyện Lục Ngạn (219) › Xã Quý Sơn (07576),
 *   Xã Hồng Giang (07561); the teams of thôn Quý Thịnh and thôn Ngọt from 2021-10-15;
 * - from 2025-01-01: Thị xã Chũ (224), formed from part of Lục Ngạn, holds Xã Quý Sơn (07576) and
 *   Phường Hồng Giang (07561) — new versions of the units, and of their villages;
 * - from 2025-07-01 (the reform): districts end; Bắc Giang and the old Bắc Ninh (27) form Tỉnh Bắc
 *   Ninh (24); Phường Hồng Giang goes whole into Phường Chũ (07525), Xã Quý Sơn whole into Phường
 *   Phượng Sơn (07612); the villages continue under the new wards as new versions.
 */
import type { Unit } from "../units";

const FIRST_LIST = "2021-02-03";
const CHU = "2025-01-01";
const REFORM = "2025-07-01";
const PILOT_START = "2021-10-15";

/** Ids of the pilot units: the 2021 versions, `…Chu` from 1 Jan 2025 (Thị xã Chũ), `…Now` from 1 July 2025. */
export const PILOT = {
  bacGiang: "P:24@2021-02-03",
  bacNinhOld: "P:27@2021-02-03",
  bacNinh: "P:24@2025-07-01",
  lucNgan: "D:219@2021-02-03",
  thiXaChu: "D:224@2025-01-01",
  quySon: "C:07576@2021-02-03",
  hongGiang: "C:07561@2021-02-03",
  quySonChu: "C:07576@2025-01-01",
  hongGiangChu: "C:07561@2025-01-01",
  phuongSon: "C:07612@2025-07-01",
  chu: "C:07525@2025-07-01",
  quyThinh: "V:07576-QT@2021-10-15",
  ngot: "V:07561-NG@2021-10-15",
  quyThinhChu: "V:07576-QT@2025-01-01",
  ngotChu: "V:07561-NG@2025-01-01",
  quyThinhNow: "V:07612-QT@2025-07-01",
  ngotNow: "V:07525-NG@2025-07-01",
} as const;

/** A unit of the pilot; fields as in shared/data/vn/units.json. */
const unit = (
  id: string,
  level: Unit["level"],
  kind_vi: string,
  name: string,
  parent_id: string | null,
  valid_from: string,
  valid_to: string | null,
  successor_ids: string[] = [],
): Unit => ({ id, code: id.slice(2, id.indexOf("@")), level, kind_vi, name, parent_id, valid_from, valid_to, successor_ids });

/** A village (thôn) of the pilot. Thôn Ngọt is a Sán Dìu community: the ethnic-identity task area is on. */
const village = (
  id: string,
  name: string,
  parent_id: string,
  valid_from: string,
  valid_to: string | null,
  next: string[],
  ethnic: boolean,
): Unit => ({
  ...unit(id, "village", "thôn", name, parent_id, valid_from, valid_to, next),
  ethnic_identity: ethnic,
});

/** Validated by `unitSchema` and `validateUnits` in tests/shared/units.test.ts. */
export const UNITS: Unit[] = [
  unit(PILOT.bacGiang, "province", "tỉnh", "Tỉnh Bắc Giang", null, FIRST_LIST, REFORM, [PILOT.bacNinh]),
  unit(PILOT.bacNinhOld, "province", "tỉnh", "Tỉnh Bắc Ninh", null, FIRST_LIST, REFORM, [PILOT.bacNinh]),
  unit(PILOT.bacNinh, "province", "tỉnh", "Tỉnh Bắc Ninh", null, REFORM, null),
  unit(PILOT.lucNgan, "district", "huyện", "Huyện Lục Ngạn", PILOT.bacGiang, FIRST_LIST, REFORM),
  unit(PILOT.thiXaChu, "district", "thị xã", "Thị xã Chũ", PILOT.bacGiang, CHU, REFORM),
  unit(PILOT.quySon, "commune", "xã", "Xã Quý Sơn", PILOT.lucNgan, FIRST_LIST, CHU, [PILOT.quySonChu]),
  unit(PILOT.hongGiang, "commune", "xã", "Xã Hồng Giang", PILOT.lucNgan, FIRST_LIST, CHU, [PILOT.hongGiangChu]),
  unit(PILOT.quySonChu, "commune", "xã", "Xã Quý Sơn", PILOT.thiXaChu, CHU, REFORM, [PILOT.phuongSon]),
  unit(PILOT.hongGiangChu, "commune", "phường", "Phường Hồng Giang", PILOT.thiXaChu, CHU, REFORM, [PILOT.chu]),
  unit(PILOT.phuongSon, "commune", "phường", "Phường Phượng Sơn", PILOT.bacNinh, REFORM, null),
  unit(PILOT.chu, "commune", "phường", "Phường Chũ", PILOT.bacNinh, REFORM, null),
  village(PILOT.quyThinh, "Thôn Quý Thịnh", PILOT.quySon, PILOT_START, CHU, [PILOT.quyThinhChu], false),
  village(PILOT.ngot, "Thôn Ngọt", PILOT.hongGiang, PILOT_START, CHU, [PILOT.ngotChu], true),
  village(PILOT.quyThinhChu, "Thôn Quý Thịnh", PILOT.quySonChu, CHU, REFORM, [PILOT.quyThinhNow], false),
  village(PILOT.ngotChu, "Thôn Ngọt", PILOT.hongGiangChu, CHU, REFORM, [PILOT.ngotNow], true),
  village(PILOT.quyThinhNow, "Thôn Quý Thịnh", PILOT.phuongSon, REFORM, null, [], false),
  village(PILOT.ngotNow, "Thôn Ngọt", PILOT.chu, REFORM, null, [], true),
];

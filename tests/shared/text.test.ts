import { TZDate } from "@date-fns/tz";
import { lightFormat } from "date-fns";
import { describe, expect, it } from "vitest";
import { compareVi, fold, formatDateTimeVi, formatDateVi, nfc, sortVi, TZ, viCollator } from "../../shared/text";

// "Nguyễn Thị Ánh" written with combining marks (NFD) and precomposed (NFC).
const NFD_NAME = "Nguye\u0302\u0303n Thi\u0323 A\u0301nh";
const NFC_NAME = "Nguy\u1EC5n Th\u1ECB \u00C1nh";

describe("nfc", () => {
  it.each([
    [NFD_NAME, NFC_NAME],
    [`  ${NFD_NAME.replace(" ", "   ")}\t\n`, NFC_NAME],
    ["\u00A0Quý\u00A0\u00A0Sơn\u3000", "Quý Sơn"],
    ["a\r\nb", "a b"],
    ["", ""],
    [null, ""],
    [undefined, ""],
    [123, "123"],
  ])("nfc(%j) = %j", (input, expected) => {
    expect(nfc(input)).toBe(expected);
  });

  it("gives precomposed letters", () => {
    expect(nfc("Nguye\u0302\u0303n")).toHaveLength(6);
    expect(nfc("Nguye\u0302\u0303n")).toBe("Nguy\u1EC5n");
  });
});

describe("fold", () => {
  it.each([
    ["Nguyễn Thị  Ánh", "nguyen thi anh"],
    ["NGUYEN THI ANH", "nguyen thi anh"],
    [NFD_NAME, "nguyen thi anh"],
    ["Nguye\u0302\u0303n", "nguyen"],
    ["Đặng Văn Đức", "dang van duc"],
    ["ĐOÀN KẾT", "doan ket"],
    ["Thôn Ngọt", "thon ngot"],
    ["  Xã   Hồng Giang ", "xa hong giang"],
    ["Trường", "truong"],
    ["Tru\u031Bo\u0300\u031Bng", "truong"], // marks out of canonical order
    ["Ưu ƠN", "uu on"],
    ["\u00D0ức", "duc"], // Ð (U+00D0) used for Đ by bad converters
    ["a \u0301 b", "a b"], // a stray mark between spaces leaves no double space
    ["Tổ 3", "to 3"],
    ["", ""],
    [null, ""],
  ])("fold(%j) = %j", (input, expected) => {
    expect(fold(input)).toBe(expected);
  });

  it.each([
    ["Nguyễn Thị  Ánh", "NGUYEN THI ANH"],
    [NFD_NAME, NFC_NAME],
    ["Quý Sơn", "quy son"],
    ["ĐỖ", "đỗ"],
  ])("fold(%j) === fold(%j)", (a, b) => {
    expect(fold(a)).toBe(fold(b));
  });

  it.each([
    ["Sơn", "Sơn A"],
    ["Hồng", "Hùng"],
    ["Đông", "Đồng Nai"],
  ])("fold(%j) !== fold(%j)", (a, b) => {
    expect(fold(a)).not.toBe(fold(b));
  });
});

describe("Vietnamese order", () => {
  it.each([
    ["a", "ă"],
    ["ă", "â"],
    ["â", "b"],
    ["d", "đ"],
    ["đ", "e"],
    ["e", "ê"],
    ["o", "ô"],
    ["ô", "ơ"],
    ["ơ", "p"],
    ["u", "ư"],
    ["ư", "v"],
    ["An", "Ánh"],
    ["Dương", "Đặng"],
  ])("%s < %s", (a, b) => {
    expect(compareVi(a, b)).toBeLessThan(0);
    expect(compareVi(b, a)).toBeGreaterThan(0);
  });

  it("equal strings compare 0", () => {
    expect(compareVi("Quý Sơn", "Quý Sơn")).toBe(0);
  });

  it("the collator is Vietnamese", () => {
    expect(viCollator).toBeInstanceOf(Intl.Collator);
    expect(viCollator.resolvedOptions().locale).toBe("vi");
  });

  it("sortVi sorts a copy", () => {
    const names = ["Đặng", "Dương", "Bùi", "Ánh", "An"];
    expect(sortVi(names)).toEqual(["An", "Ánh", "Bùi", "Dương", "Đặng"]);
    expect(names).toEqual(["Đặng", "Dương", "Bùi", "Ánh", "An"]);
  });

  it("sortVi by a key", () => {
    const villages = [{ name: "Ơn" }, { name: "Ông" }, { name: "Oanh" }, { name: "Ư" }, { name: "U" }];
    expect(sortVi(villages, (v) => v.name).map((v) => v.name)).toEqual(["Oanh", "Ông", "Ơn", "U", "Ư"]);
  });
});

describe("dates shown in Vietnamese", () => {
  it("TZ is Vietnam", () => {
    expect(TZ).toBe("Asia/Ho_Chi_Minh");
  });

  it.each([
    ["2022-01-05", "05/01/2022"],
    ["2024-02-29", "29/02/2024"],
    ["2021-10-20", "20/10/2021"],
    [" 2022-01-05 ", "05/01/2022"],
    ["05/01/2022", "05/01/2022"], // not an ISO date: unchanged
    ["", ""],
  ])("formatDateVi(%j) = %j", (input, expected) => {
    expect(formatDateVi(input)).toBe(expected);
  });

  it.each([
    ["2022-01-04T17:30:00Z", "05/01/2022 00:30"],
    ["2022-01-04T16:59:00Z", "04/01/2022 23:59"],
    ["2021-12-31T17:00:00.000Z", "01/01/2022 00:00"],
    ["2022-06-15T10:05:00+07:00", "15/06/2022 10:05"],
    ["2024-02-28T20:00:00Z", "29/02/2024 03:00"],
    ["không phải ngày", "không phải ngày"],
  ])("formatDateTimeVi(%j) = %j", (input, expected) => {
    expect(formatDateTimeVi(input)).toBe(expected);
  });

  it("formatDateTimeVi takes a Date", () => {
    expect(formatDateTimeVi(new Date("2022-01-03T17:30:00Z"))).toBe("04/01/2022 00:30");
  });

  it("formatDateTimeVi (UTC+7 from 1976 on) gives what the time-zone database gives, before 1976 too", () => {
    const viaTz = (t: number) => lightFormat(new TZDate(t, TZ), "dd/MM/yyyy HH:mm");
    const instants = [Date.UTC(1960, 5, 1, 3), Date.UTC(1975, 11, 31, 16, 59), Date.UTC(1975, 11, 31, 17), Date.UTC(2099, 11, 31, 23, 59)];
    // Every 7 h 13 min from 1970 to 2040: every hour of the day, month ends, leap days.
    for (let t = Date.UTC(1970, 0, 1); t < Date.UTC(2040, 0, 1); t += 26_000_000) instants.push(t);
    expect(instants.length).toBeGreaterThan(80_000);
    for (const t of instants) expect(formatDateTimeVi(new Date(t)), new Date(t).toISOString()).toBe(viaTz(t));
  });
});

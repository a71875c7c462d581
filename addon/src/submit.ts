/**
 * Submission logic without Apps Script: which submission id to use (a retry of the same content
 * reuses the pending id, so the worker counts it once), the endpoint, and what the worker's answer
 * means in Vietnamese. Pure.
 */
import {
  type DeletionCounts,
  type ErrorBody,
  errorBodySchema,
  REGISTER_SHEET_KEYS,
  type Receipt,
  type RegisterSheetKey,
  receiptBodySchema,
} from "../../shared/contract";
import { describeIssue } from "../../shared/issues";
import { SHEETS } from "../../shared/templates";
import { formatDateVi } from "../../shared/text";

export interface Pending {
  submission_id: string;
  content_hash: string;
  generated_at: string;
}

export function parsePending(json: string | null): Pending | null {
  if (!json) return null;
  try {
    const p = JSON.parse(json) as Partial<Pending>;
    return typeof p.submission_id === "string" && typeof p.content_hash === "string" && typeof p.generated_at === "string"
      ? (p as Pending)
      : null;
  } catch {
    return null;
  }
}

/**
 * The submission to send for content with `hash`: the pending one when its content is the same
 * (a retry), else a new id. A pending id whose content changed is dropped: the earlier attempt,
 * if it reached the worker at all, is simply superseded by the newer data.
 */
export function chooseSubmission(
  pending: Pending | null,
  hash: string,
  newId: () => string,
  now: () => string,
): { pending: Pending; retry: boolean } {
  if (pending && pending.content_hash === hash) return { pending, retry: true };
  return { pending: { submission_id: newId(), content_hash: hash, generated_at: now() }, retry: false };
}

/** The worker's base URL as typed by the clerk → the submissions endpoint. */
export function submissionsUrl(base: string): string {
  let u = base.trim().replace(/\/+$/, "");
  u = u.replace(/\/api\/submissions$/, "").replace(/\/api$/, "");
  return `${u}/api/submissions`;
}

export function validWorkerUrl(u: string): boolean {
  return /^https?:\/\/[^\s/]+(\/\S*)?$/i.test(u.trim());
}

export type SubmitOutcome =
  | { kind: "accepted"; receipt: Receipt; title: string; message: string }
  | {
      /** The worker asks the clerk to confirm deleting many register rows; send `confirm` back to go ahead. */
      kind: "confirm";
      status: number;
      code: "confirm_deletions_required";
      confirm: DeletionCounts;
      title: string;
      message: string;
    }
  | { kind: "rejected" | "auth" | "outdated" | "retry"; status: number | null; title: string; message: string; code?: string };

const RETRY_SAFE = "Có thể bấm Gửi báo cáo lại bất cứ lúc nào: lần gửi lại dùng cùng mã lần gửi nên máy chủ chỉ tính một lần.";

/** Receipt in Vietnamese: counts per sheet and warnings. */
export function formatReceipt(r: Receipt): string {
  const lines: string[] = [];
  if (r.duplicate) lines.push("Máy chủ đã nhận báo cáo này từ trước (không tính hai lần).");
  else lines.push("Máy chủ đã nhận báo cáo.");
  lines.push(`Mã lần gửi: ${r.submission_id}`);
  lines.push(`Thời điểm nhận: ${r.received_at}`);
  if (r.unit_valid_to) {
    lines.push(`Đơn vị đã kết thúc từ ngày ${formatDateVi(r.unit_valid_to)}: chỉ nhận số liệu các kỳ trước ngày đó.`);
  }
  lines.push("", "Số dòng theo từng trang:");
  for (const [sheet, c] of Object.entries(r.counts)) {
    const title = SHEETS[sheet as keyof typeof SHEETS].title;
    const removed = SHEETS[sheet as keyof typeof SHEETS].part === "register" ? `xóa ${c.deleted}` : `rút lại ${c.withdrawn}`;
    lines.push(`• ${title}: thêm ${c.inserted}, sửa ${c.updated}, giữ nguyên ${c.unchanged}, ${removed}`);
  }
  if (r.warnings_total) {
    lines.push("", `Cảnh báo (${r.warnings_total}):`);
    for (const w of r.warnings.slice(0, 15)) lines.push(`• ${describeIssue(w)}`);
    if (r.warnings_total > 15) lines.push(`… và ${r.warnings_total - 15} cảnh báo khác.`);
  }
  return lines.join("\n");
}

/** The question put to the clerk when the worker asks to confirm deletions (`confirm_deletions_required`). */
export function deletionQuestion(confirm: DeletionCounts, stored?: DeletionCounts): string {
  const parts = (REGISTER_SHEET_KEYS as RegisterSheetKey[])
    .filter((k) => confirm[k] > 0)
    .map((k) => `• ${SHEETS[k].title}: xóa ${confirm[k]}${stored ? ` trong số ${stored[k]}` : ""} dòng`);
  return [
    "Lần gửi này sẽ XÓA khỏi máy chủ các dòng mà lần gửi trước có nhưng bảng tính bây giờ không còn:",
    ...parts,
    "",
    "Nếu xã cố ý xóa (ví dụ: sắp xếp lại tổ, hộ chuyển đi), chọn Có để gửi.",
    "Nếu không, chọn Không rồi kiểm tra các trang: bộ lọc đang bật, dòng bị cắt hoặc xóa nhầm, dán nhầm trang. Chưa có gì bị xóa.",
  ].join("\n");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** What a worker response (status and body) means for the clerk. Bodies are read with the API contract (shared/contract.ts). */
export function interpretResponse(status: number, body: string): SubmitOutcome {
  const json = parseJson(body);
  const accepted = receiptBodySchema.safeParse(json);
  if ((status === 200 || status === 201) && accepted.success) {
    const receipt = accepted.data.receipt;
    return { kind: "accepted", receipt, title: "Đã gửi báo cáo", message: formatReceipt(receipt) };
  }
  const parsed = errorBodySchema.safeParse(json);
  // A body outside the contract (a proxy's page, a newer worker's new code): its message, if any, is still shown.
  const loose = (json as { error?: { message?: unknown } } | undefined)?.error?.message;
  const err: Partial<ErrorBody["error"]> | undefined = parsed.success
    ? parsed.data.error
    : typeof loose === "string"
      ? { message: loose }
      : undefined;
  const details = (err?.details ?? []).slice(0, 15).map((d) => `• ${describeIssue(d)}`);
  const more = (err?.details?.length ?? 0) > 15 ? [`… và ${(err?.details?.length ?? 0) - 15} lỗi khác.`] : [];
  const serverSays = err?.message ? `Máy chủ báo: ${err.message}` : "";
  const code = err?.code;
  if (code === "confirm_deletions_required" && err?.confirm_deletions) {
    return {
      kind: "confirm",
      status,
      code,
      confirm: err.confirm_deletions,
      title: "Xác nhận xóa dữ liệu",
      message: deletionQuestion(err.confirm_deletions, err.stored),
    };
  }
  if (code === "commune_mismatch") {
    return {
      kind: "auth",
      status,
      code,
      title: "Không gửi được: mã xã không khớp",
      message: [
        serverSays || "Mã xã trong bảng tính không khớp với xã của mã truy cập.",
        "Kiểm tra mã xã (menu Dân vận → Thiết lập mẫu) và mã truy cập (Cài đặt kết nối).",
      ].join("\n"),
    };
  }
  if (code === "submission_id_conflict") {
    return {
      kind: "rejected",
      status,
      code,
      title: "Cần gửi lại",
      message: [
        serverSays || "Mã lần gửi đã được dùng cho một nội dung khác.",
        "Hãy bấm Gửi báo cáo thêm một lần nữa: tiện ích sẽ tạo lần gửi mới.",
      ].join("\n"),
    };
  }
  if (status === 401 || status === 403) {
    return {
      kind: "auth",
      status,
      code,
      title: "Không gửi được: mã truy cập không hợp lệ",
      message: [
        "Mã truy cập của xã không đúng, đã hết hạn hoặc đã bị thu hồi.",
        serverSays,
        "Vào menu Dân vận → Cài đặt kết nối để nhập mã truy cập mới do huyện cấp.",
      ]
        .filter(Boolean)
        .join("\n"),
    };
  }
  if (code === "schema_version_too_new") {
    return {
      kind: "outdated",
      status,
      code,
      title: "Không gửi được: máy chủ chưa cập nhật",
      message: [
        serverSays || "Tiện ích mới hơn máy chủ.",
        "Báo cán bộ huyện (quản trị máy chủ) cập nhật máy chủ; dữ liệu trong bảng tính vẫn giữ nguyên.",
      ].join("\n"),
    };
  }
  if (code === "stale_schema_version" || status === 426) {
    return {
      kind: "outdated",
      status,
      code,
      title: "Không gửi được: tiện ích đã cũ",
      message: [serverSays || "Phiên bản mẫu của tiện ích đã cũ.", "Hãy cập nhật tiện ích Dân vận rồi gửi lại."].join("\n"),
    };
  }
  if (status === 429 || status >= 500 || status === 408 || json === undefined) {
    return {
      kind: "retry",
      status,
      code,
      title: "Không gửi được: máy chủ đang bận hoặc gặp lỗi",
      message: [`Máy chủ trả lời mã ${status}.`, serverSays, "Dữ liệu trong bảng tính không bị ảnh hưởng.", RETRY_SAFE]
        .filter(Boolean)
        .join("\n"),
    };
  }
  return {
    kind: "rejected",
    status,
    code,
    title: "Máy chủ không nhận báo cáo",
    message: [
      serverSays || `Máy chủ trả lời mã ${status}.`,
      ...details,
      ...more,
      "Hãy sửa các lỗi trên, chạy Kiểm tra dữ liệu rồi gửi lại.",
    ]
      .filter(Boolean)
      .join("\n"),
  };
}

/** A failed fetch (no answer at all: no network, DNS, timeout). */
export function networkFailure(error: unknown): SubmitOutcome {
  const m = (error as { message?: unknown } | null)?.message;
  const why = typeof m === "string" ? m : String(error);
  return {
    kind: "retry",
    status: null,
    title: "Không gửi được: lỗi kết nối mạng",
    message: [
      `Không kết nối được tới máy chủ (${why}).`,
      "Hãy kiểm tra mạng Internet và địa chỉ máy chủ trong Cài đặt kết nối.",
      RETRY_SAFE,
    ].join("\n"),
  };
}

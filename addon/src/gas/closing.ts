/** "Chốt số liệu kỳ" against Apps Script: one POST to the worker with the commune's token. The logic: ../closing.ts. */
import type { CloseRequest } from "../../../shared/closing";
import { closingsUrl } from "../closing";
import type { Settings } from "./props";

/** Status and body of `POST /api/closings`; a network failure as status 0. */
export function postClosing(s: Settings, body: CloseRequest): { status: number; body: string } {
  try {
    const res = UrlFetchApp.fetch(closingsUrl(s.workerUrl), {
      method: "post",
      headers: { Authorization: `Bearer ${s.token}` },
      contentType: "application/json",
      payload: JSON.stringify(body),
      muteHttpExceptions: true,
    });
    return { status: res.getResponseCode(), body: res.getContentText() };
  } catch (e) {
    return { status: 0, body: String((e as { message?: unknown })?.message ?? e) };
  }
}

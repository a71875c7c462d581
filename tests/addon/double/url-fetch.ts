/** UrlFetchApp: every request is recorded and answered by the test's handler. */
export interface FetchRequest {
  url: string;
  method: string;
  contentType: string;
  headers: Record<string, string>;
  payload: string;
  muteHttpExceptions: boolean;
}
export type FetchHandler = (req: FetchRequest) => { status: number; body: string; headers?: Record<string, string> };

/** The UrlFetchApp global: records into `requests`, answers with `handler()` (read at each call). */
export function urlFetchApp(requests: FetchRequest[], handler: () => FetchHandler) {
  return {
    fetch: (url: string, params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {}) => {
      const req: FetchRequest = {
        url,
        method: String(params.method ?? "get").toLowerCase(),
        contentType: String(params.contentType ?? ""),
        headers: { ...(params.headers as Record<string, string> | undefined) },
        payload: String(params.payload ?? ""),
        muteHttpExceptions: !!params.muteHttpExceptions,
      };
      requests.push(req);
      const res = handler()(req);
      if (!req.muteHttpExceptions && res.status >= 400) throw new Error(`Request failed for ${url} returned code ${res.status}`);
      return {
        getResponseCode: () => res.status,
        getContentText: () => res.body,
        getHeaders: () => res.headers ?? {},
      };
    },
  };
}

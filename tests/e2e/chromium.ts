/**
 * Chromium from Debian (`apt-get install chromium`, see scripts/ci-system-deps.sh), driven with
 * playwright-core (no browser download). The flags: headless, no background networking, and a host
 * resolver that fails every name except 127.0.0.1 (so it never looks up Google's hosts).
 */
import { existsSync } from "node:fs";
import { type Browser, chromium, type Page, type Request } from "playwright-core";

/** Debian's Chromium; DAN_VAN_CHROMIUM points elsewhere (tests/e2e/programs.test.ts points it at nothing). */
export const CHROMIUM = process.env.DAN_VAN_CHROMIUM || "/usr/bin/chromium";

/** Whether Chromium is installed (the bench falls back to reading the HTML without it; the tests never do). */
export const hasChromium = () => existsSync(CHROMIUM);

/** Chromium's path; throws when it is missing, so the suite fails rather than skips (CI installs it). */
export function requireChromium(): string {
  if (hasChromium()) return CHROMIUM;
  throw new Error(
    `Chromium not found at ${CHROMIUM}: the browser tests need it. Install it with scripts/ci-system-deps.sh (apt-get install chromium).`,
  );
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-dev-shm-usage",
  "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: requireChromium(),
    args: CHROMIUM_ARGS,
    timeout: 60_000,
    handleSIGINT: true,
    handleSIGTERM: true,
  });
}

/** True when the URL's host is 127.0.0.1 (or it is an in-page data:/about: URL that needs no network). */
export function isLoopback(url: string): boolean {
  if (url.startsWith("data:") || url.startsWith("about:") || url.startsWith("blob:")) return true;
  try {
    return new URL(url).hostname === "127.0.0.1";
  } catch {
    return false;
  }
}

/** Records every request a page makes, and console errors / page errors. */
export function watchPage(page: Page) {
  const requests: { url: string; method: string; type: string }[] = [];
  const failed: string[] = [];
  const consoleErrors: string[] = [];
  page.on("request", (r: Request) => requests.push({ url: r.url(), method: r.method(), type: r.resourceType() }));
  page.on("requestfailed", (r: Request) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ""}`));
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => consoleErrors.push(`pageerror: ${e.message}`));
  return {
    requests,
    failed,
    consoleErrors,
    external: () => requests.filter((r) => !isLoopback(r.url)),
    reset() {
      requests.length = 0;
      failed.length = 0;
      consoleErrors.length = 0;
    },
  };
}

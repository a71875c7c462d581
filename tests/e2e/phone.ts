/**
 * How a page fits a phone's screen (issue 17, item 6): the page's width against the screen's, what
 * sticks out past the right edge, and any box that scrolls sideways inside the page (a `.scroll`
 * table box counts too: on a phone nothing should need a sideways swipe).
 */
import type { Page } from "playwright-core";

export interface Fit {
  /** The screen's width in CSS pixels (documentElement.clientWidth). */
  width: number;
  /** The page's width; more than `width` means the page scrolls sideways. */
  scrollWidth: number;
  /** Elements whose right edge is past the screen's (tag, class, where it ends, its text). */
  out: string[];
  /** Boxes that scroll sideways inside the page (their content wider than the box). */
  scrollers: string[];
}

/**
 * Measures the page as laid out. Mobile Chromium widens the layout viewport (window.innerWidth) to fit
 * content that sticks out, so the screen's width is documentElement.clientWidth.
 */
export function measureFit(page: Page): Promise<Fit> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const name = (e: Element) => `<${e.tagName.toLowerCase()}${e.className ? ` class="${e.className}"` : ""}>`;
    const text = (e: Element) => (e.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 60);
    const all = [...document.querySelectorAll("body *")];
    const out = all
      .filter((e) => e.getBoundingClientRect().right > width + 1)
      .map((e) => `${name(e)} ends at ${Math.round(e.getBoundingClientRect().right)}px: ${text(e)}`);
    const scrollers = all
      .filter((e) => {
        const s = getComputedStyle(e);
        return /auto|scroll/.test(s.overflowX) && e.scrollWidth > e.clientWidth + 1;
      })
      .map((e) => `${name(e)} is ${e.scrollWidth}px wide in ${e.clientWidth}px: ${text(e)}`);
    return { width, scrollWidth: document.documentElement.scrollWidth, out, scrollers };
  });
}

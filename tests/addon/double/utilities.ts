/** Utilities: UUIDs, formatDate in a time zone, sleep (does not wait). */
import { randomUUID } from "node:crypto";

export function utilities() {
  return {
    getUuid: () => randomUUID(),
    formatDate: (d: Date, tz: string, fmt: string) => {
      const p: Record<string, string> = {};
      for (const x of new Intl.DateTimeFormat("en-GB", {
        timeZone: tz,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
        hourCycle: "h23",
      }).formatToParts(d))
        p[x.type] = x.value;
      return fmt
        .replace("yyyy", p.year!)
        .replace("MM", p.month!)
        .replace("dd", p.day!)
        .replace("HH", p.hour!)
        .replace("mm", p.minute!)
        .replace("ss", p.second!);
    },
    sleep: () => undefined,
  };
}

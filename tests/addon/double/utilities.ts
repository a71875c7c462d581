/** Utilities: UUIDs, digests (signed bytes, as Apps Script's Java gives them), formatDate in a time zone, sleep (records each wait in `sleeps`, does not wait). */
import { createHash, randomUUID } from "node:crypto";

const DigestAlgorithm = { MD5: "md5", SHA_1: "sha1", SHA_256: "sha256", SHA_384: "sha384", SHA_512: "sha512" } as const;
const Charset = { UTF_8: "utf8" } as const;

export function utilities(sleeps: number[]) {
  return {
    getUuid: () => randomUUID(),
    DigestAlgorithm,
    Charset,
    /** computeDigest(algorithm, value, charset?): https://developers.google.com/apps-script/reference/utilities/utilities#computeDigest(DigestAlgorithm,String,Charset) */
    computeDigest: (algorithm: string, value: string | number[], charset?: string) => {
      if (!Object.values(DigestAlgorithm).includes(algorithm as never)) throw new Error(`Invalid argument: algorithm ${algorithm}`);
      // The double models the UTF-8 charset only (what the add-on passes); say so rather than guess another.
      if (typeof value === "string" && charset !== Charset.UTF_8) throw new Error("double: computeDigest of a string needs Charset.UTF_8");
      const bytes = typeof value === "string" ? Buffer.from(value, "utf8") : Buffer.from(value.map((b) => b & 0xff));
      return [...createHash(algorithm).update(bytes).digest()].map((b) => (b > 127 ? b - 256 : b));
    },
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
    sleep: (ms: number) => void sleeps.push(ms),
  };
}

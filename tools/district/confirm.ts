/**
 * `pull --confirm-deletions <mã xã>:villages=0,teams=1,members=4,households=40`: the operator's
 * confirmation of register deletions, the CLI's counterpart of the add-on's "Xác nhận xóa" dialog.
 * The worker refuses a pull that deletes a large share of a commune's register
 * (`confirm_deletions_required`, worker/src/ingest/deletions.ts) and names the counts; the tool prints
 * this flag with those counts, the operator checks them with the commune and runs again with it. The
 * worker accepts only the same counts, so a register that changed in between is refused again.
 */
import { type DeletionCounts, deletionCountsSchema, REGISTER_SHEET_KEYS, type RegisterSheetKey } from "../../shared/contract";

export class ConfirmFlagError extends Error {}

/** The flag's value for a commune and the counts the worker named. */
export function confirmFlag(communeCode: string, counts: DeletionCounts): string {
  return `${communeCode}:${REGISTER_SHEET_KEYS.map((k) => `${k}=${counts[k as RegisterSheetKey]}`).join(",")}`;
}

/** Commune code → confirmed counts, from every `--confirm-deletions` given. */
export function parseConfirmFlags(values: readonly string[]): Map<string, DeletionCounts> {
  const out = new Map<string, DeletionCounts>();
  for (const value of values) {
    const m = /^\s*([^:\s]+)\s*:(.*)$/.exec(value);
    const bad = () =>
      new ConfirmFlagError(
        `--confirm-deletions "${value}" không đúng dạng <mã xã>:villages=…,teams=…,members=…,households=… (chép đúng dòng công cụ đã in).`,
      );
    if (!m) throw bad();
    const counts: Record<string, number> = {};
    for (const part of m[2]!.split(",")) {
      const kv = /^\s*([a-z]+)\s*=\s*(\d+)\s*$/.exec(part);
      if (!kv || kv[1]! in counts) throw bad();
      counts[kv[1]!] = Number(kv[2]);
    }
    const parsed = deletionCountsSchema.safeParse(counts);
    if (!parsed.success) throw bad();
    if (out.has(m[1]!)) throw new ConfirmFlagError(`--confirm-deletions cho xã ${m[1]} được ghi hai lần.`);
    out.set(m[1]!, parsed.data);
  }
  return out;
}

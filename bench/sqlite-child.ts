/**
 * The SQLite baseline in its own process. better-sqlite3 is a native module built by `npm ci` for
 * the Node that ran npm (system Node 20 here), while the bench runs on the pinned Node 22; so the
 * baseline runs under that Node (npm_node_execpath) and gets its rows over IPC. Only the insert
 * transaction is timed (in this process), so the IPC copy is not part of the baseline.
 */
import type { Workbook } from "../shared/schemas";
import type { Unit } from "../shared/units";
import { SqliteBaseline } from "./sqlite-baseline";

type Msg =
  | { op: "init"; root: string; units: Unit[] }
  | { op: "insert"; batch: { communeId: string; submissionId: string; workbook: Workbook }[] }
  | { op: "close" };

let db: SqliteBaseline | undefined;
process.on("message", (m: Msg) => {
  try {
    if (m.op === "init") {
      db = new SqliteBaseline(m.root, m.units);
      process.send!({ ok: true, node: process.version });
    } else if (m.op === "insert") {
      process.send!({ ok: true, ...db!.insert(m.batch) });
    } else {
      db?.close();
      process.send!({ ok: true }, () => process.exit(0));
    }
  } catch (e) {
    process.send!({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
process.on("disconnect", () => {
  db?.close();
  process.exit(0);
});

/** The part of better-sqlite3's API the SQLite baseline uses (@types/better-sqlite3 is not installed). */
declare module "better-sqlite3" {
  namespace Database {
    interface Statement {
      run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
    }
    interface Database {
      pragma(source: string): unknown;
      exec(source: string): this;
      prepare(source: string): Statement;
      transaction<F extends (...args: any[]) => unknown>(fn: F): F;
      close(): this;
    }
  }
  const Database: new (filename: string, options?: Record<string, unknown>) => Database.Database;
  export = Database;
}

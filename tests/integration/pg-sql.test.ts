import type pg from "pg";
import { migratePg } from "@/lib/server/store/pg/migrations";
import { createPgSql, numberPlaceholders } from "@/lib/server/store/pg/pg-sql";
import { openPgPool } from "@/lib/server/store/pg/pool";
import type { Sql } from "@/lib/server/store/sql";
import { freshSchema } from "@/tests/support/pg";

/** The repositories' portable SQL seam on PostgreSQL. */
describe("Sql on PostgreSQL", () => {
  let fresh: Awaited<ReturnType<typeof freshSchema>>;
  let pool: pg.Pool;
  let sql: Sql;
  beforeEach(async () => {
    fresh = await freshSchema();
    pool = await openPgPool(fresh.url, { schema: fresh.schema });
    await migratePg(pool);
    sql = createPgSql(pool);
  });
  afterEach(async () => {
    await pool.end();
    await fresh.drop();
  });

  it("numbers ? placeholders, leaving those in literals, quoted names and comments", async () => {
    expect(numberPlaceholders(`SELECT ?, '?', 'it''s ?', "a?b", ? -- ?\n, /* ? */ ?`)).toBe(`SELECT $1, '?', 'it''s ?', "a?b", $2 -- ?\n, /* ? */ $3`);
    await sql.run("INSERT INTO settings (key, value) VALUES (?, ?)", ["k?", "it's ?"]);
    expect(await sql.get("SELECT key, value, '?' AS q FROM settings WHERE key = ?", ["k?"])).toEqual({ key: "k?", value: "it's ?", q: "?" });
  });

  it("reads rows, counts changes and numbers", async () => {
    await sql.run("INSERT INTO settings (key, value) VALUES (?, ?), (?, ?)", ["a", "1", "b", "2"]);
    expect(await sql.all("SELECT key FROM settings ORDER BY key")).toEqual([{ key: "a" }, { key: "b" }]);
    expect(await sql.get("SELECT key FROM settings WHERE key = ?", ["zz"])).toBeUndefined();
    expect(await sql.run("UPDATE settings SET value = ? WHERE key <> ?", ["x", "zz"])).toEqual({ changes: 2 });
    expect(await sql.run("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING", ["a", "y"])).toEqual({ changes: 0 });
    expect(await sql.get("SELECT COUNT(*) AS n FROM settings")).toEqual({ n: 2 });
  });

  it("keeps a transaction whole or not at all; a nested one rolls back alone", async () => {
    await expect(
      sql.transaction(async (tx) => {
        await tx.run("INSERT INTO settings (key, value) VALUES (?, ?)", ["gone", "1"]);
        throw new Error("no");
      }),
    ).rejects.toThrow("no");
    expect(await sql.get("SELECT * FROM settings WHERE key = ?", ["gone"])).toBeUndefined();

    let handle: Sql | undefined;
    const result = await sql.transaction(async (tx) => {
      handle = tx;
      await tx.run("INSERT INTO settings (key, value) VALUES (?, ?)", ["kept", "1"]);
      // A failing statement inside the nested transaction: only its part is undone, the outer one goes on.
      await expect(
        tx.transaction(async (inner) => {
          await inner.run("INSERT INTO settings (key, value) VALUES (?, ?)", ["inner", "1"]);
          await inner.run("INSERT INTO settings (key, value) VALUES (?, ?)", ["kept", "dup"]);
        }),
      ).rejects.toMatchObject({ code: "23505" });
      // Outside the transaction, its uncommitted row is not seen yet.
      expect(await sql.get("SELECT * FROM settings WHERE key = ?", ["kept"])).toBeUndefined();
      return (await tx.all<{ key: string }>("SELECT key FROM settings ORDER BY key")).map((r) => r.key);
    });
    expect(result).toEqual(["kept"]);
    expect((await sql.all<{ key: string }>("SELECT key FROM settings ORDER BY key")).map((r) => r.key)).toEqual(["kept"]);
    await expect(handle!.get("SELECT 1")).rejects.toThrow(/transaction has ended/);
  });
});

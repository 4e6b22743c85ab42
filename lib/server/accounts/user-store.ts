import type { Sql } from "../store/sql";

export type Role = "organiser" | "trainer";

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: number;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  // Numbers on SQLite; PostgreSQL hands BIGINT columns back as strings.
  created_at: number | string;
  session_version: number | string;
}

function toUser(r: UserRow): User {
  return { id: r.id, email: r.email, name: r.name, role: r.role, createdAt: Number(r.created_at) };
}

export interface UserStore {
  count(): Promise<number>;
  /**
   * Null when the email is taken, in any letter case (a value, not an
   * exception: route handlers and server.ts load separate copies of this module).
   */
  create(input: { id: string; email: string; name: string; role: Role; passwordHash: string; createdAt: number }): Promise<User | null>;
  /** Creates the first organiser only if no account exists yet; returns null otherwise. Atomic, also across servers sharing a database. */
  createFirst(input: { id: string; email: string; name: string; passwordHash: string; createdAt: number }): Promise<User | null>;
  byId(id: string): Promise<User | null>;
  /** The account with this email, whatever its letter case. */
  byEmailWithHash(email: string): Promise<(User & { passwordHash: string; sessionVersion: number }) | null>;
  list(): Promise<User[]>;
  /** The user a sign-in cookie names, only while the cookie's session version is the account's current one. */
  bySession(id: string, sessionVersion: number): Promise<User | null>;
  sessionVersion(id: string): Promise<number | null>;
  /** Signs the account out everywhere: every cookie made before stops working. Returns the new version. */
  revokeSessions(id: string): Promise<number | null>;
  /**
   * Stores a new password hash. A password change (`revoke`) also signs the
   * account out everywhere; a rehash of the same password (bcrypt to scrypt) does not.
   * Returns the session version after the change.
   */
  setPasswordHash(id: string, passwordHash: string, opts: { revoke: boolean }): Promise<number | null>;
}

export function createUserStore(sql: Sql): UserStore {
  const byId = (db: Sql, id: string) => db.get<UserRow>("SELECT * FROM users WHERE id = ?", [id]);
  const count = async (db: Sql) => Number((await db.get<{ n: number | string }>("SELECT COUNT(*) AS n FROM users"))?.n ?? 0);
  /** The `v` column of a row that may not exist (no such account). */
  const versionAfter = async (row: Promise<{ v: number | string } | undefined>) => {
    const r = await row;
    return r ? Number(r.v) : null;
  };
  const sessionVersion = (id: string) => versionAfter(sql.get("SELECT session_version AS v FROM users WHERE id = ?", [id]));

  /** On `db` (the root handle or a transaction's). */
  async function create(db: Sql, input: Parameters<UserStore["create"]>[0]): Promise<User | null> {
    // A taken email (in any case: the unique index folds it) inserts nothing; no error, so it also works inside a transaction.
    const { changes } = await db.run(
      "INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
      [input.id, input.email.trim(), input.name.trim(), input.role, input.passwordHash, input.createdAt],
    );
    if (changes === 0) return null;
    const row = await byId(db, input.id);
    return row ? toUser(row) : null;
  }

  return {
    count: () => count(sql),
    create: (input) => create(sql, input),
    createFirst: (input) =>
      sql.transaction(async (tx) => {
        // SQLite's BEGIN IMMEDIATE already holds the only write lock; on PostgreSQL two servers could
        // both count none at once, so the table is locked against other writers until commit.
        if (tx.dialect === "postgres") await tx.run("LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE");
        if ((await count(tx)) > 0) return null;
        return create(tx, { ...input, role: "organiser" });
      }),
    async byId(id) {
      const r = await byId(sql, id);
      return r ? toUser(r) : null;
    },
    async byEmailWithHash(email) {
      const r = await sql.get<UserRow>("SELECT * FROM users WHERE lower(email) = lower(?)", [email.trim()]);
      return r ? { ...toUser(r), passwordHash: r.password_hash, sessionVersion: Number(r.session_version) } : null;
    },
    list: async () => (await sql.all<UserRow>("SELECT * FROM users ORDER BY role, name")).map(toUser),
    async bySession(id, version) {
      const r = await byId(sql, id);
      return r && Number(r.session_version) === version ? toUser(r) : null;
    },
    sessionVersion,
    // RETURNING: the version this change made, even while another server bumps it too.
    revokeSessions: (id) => versionAfter(sql.get("UPDATE users SET session_version = session_version + 1 WHERE id = ? RETURNING session_version AS v", [id])),
    setPasswordHash: (id, passwordHash, opts) =>
      versionAfter(
        sql.get("UPDATE users SET password_hash = ?, session_version = session_version + ? WHERE id = ? RETURNING session_version AS v", [
          passwordHash,
          opts.revoke ? 1 : 0,
          id,
        ]),
      ),
  };
}

import type { Db } from "../store/db";

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
  created_at: number;
  session_version: number;
}


function toUser(r: UserRow): User {
  return { id: r.id, email: r.email, name: r.name, role: r.role, createdAt: r.created_at };
}

export interface UserStore {
  count(): number;
  /** Null when the email is taken (a value, not an exception: route handlers and server.ts load separate copies of this module). */
  create(input: { id: string; email: string; name: string; role: Role; passwordHash: string; createdAt: number }): User | null;
  /** Creates the first organiser only if no account exists yet; returns null otherwise. Atomic. */
  createFirst(input: { id: string; email: string; name: string; passwordHash: string; createdAt: number }): User | null;
  byId(id: string): User | null;
  byEmailWithHash(email: string): (User & { passwordHash: string; sessionVersion: number }) | null;
  list(): User[];
  /** The user a sign-in cookie names, only while the cookie's session version is the account's current one. */
  bySession(id: string, sessionVersion: number): User | null;
  sessionVersion(id: string): number | null;
  /** Signs the account out everywhere: every cookie made before stops working. Returns the new version. */
  revokeSessions(id: string): number | null;
  /**
   * Stores a new password hash. A password change (`revoke`) also signs the
   * account out everywhere; a rehash of the same password (bcrypt to scrypt) does not.
   * Returns the session version after the change.
   */
  setPasswordHash(id: string, passwordHash: string, opts: { revoke: boolean }): number | null;
}

export function createUserStore(db: Db): UserStore {
  const insert = db.prepare(
    "INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const countStmt = db.prepare("SELECT COUNT(*) AS n FROM users");
  const byIdStmt = db.prepare("SELECT * FROM users WHERE id = ?");
  const byEmailStmt = db.prepare("SELECT * FROM users WHERE email = ?");
  const listStmt = db.prepare("SELECT * FROM users ORDER BY role, name");
  const versionStmt = db.prepare("SELECT session_version AS v FROM users WHERE id = ?");
  const bumpStmt = db.prepare("UPDATE users SET session_version = session_version + 1 WHERE id = ?");
  const setHashStmt = db.prepare("UPDATE users SET password_hash = ?, session_version = session_version + ? WHERE id = ?");
  const sessionVersion = (id: string) => (versionStmt.get(id) as { v: number } | undefined)?.v ?? null;

  function create(input: Parameters<UserStore["create"]>[0]): User | null {
    try {
      insert.run(input.id, input.email.trim(), input.name.trim(), input.role, input.passwordHash, input.createdAt);
    } catch (err) {
      if ((err as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE") return null;
      throw err;
    }
    return toUser(byIdStmt.get(input.id) as UserRow);
  }

  const createFirstTx = db.transaction((input: Parameters<UserStore["createFirst"]>[0]) => {
    if ((countStmt.get() as { n: number }).n > 0) return null;
    return create({ ...input, role: "organiser" });
  });

  return {
    count: () => (countStmt.get() as { n: number }).n,
    create,
    createFirst: (input) => createFirstTx(input),
    byId(id) {
      const r = byIdStmt.get(id) as UserRow | undefined;
      return r ? toUser(r) : null;
    },
    byEmailWithHash(email) {
      const r = byEmailStmt.get(email.trim()) as UserRow | undefined;
      return r ? { ...toUser(r), passwordHash: r.password_hash, sessionVersion: r.session_version } : null;
    },
    list: () => (listStmt.all() as UserRow[]).map(toUser),
    bySession(id, version) {
      const r = byIdStmt.get(id) as UserRow | undefined;
      return r && r.session_version === version ? toUser(r) : null;
    },
    sessionVersion,
    revokeSessions(id) {
      return bumpStmt.run(id).changes ? sessionVersion(id) : null;
    },
    setPasswordHash(id, passwordHash, opts) {
      return setHashStmt.run(passwordHash, opts.revoke ? 1 : 0, id).changes ? sessionVersion(id) : null;
    },
  };
}

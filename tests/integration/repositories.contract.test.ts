import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEFAULT_COMPLETION_RULE } from "@/lib/domain/impact";
import { createUserStore } from "@/lib/server/accounts/user-store";
import { getCompletionRule, setCompletionRule } from "@/lib/server/impact/completion-rule";
import { MediaLibrary } from "@/lib/server/media/media-library";
import { getRetentionDays, setRetentionDays } from "@/lib/server/reports/retention";
import { openDatabase } from "@/lib/server/store/db";
import { createHelpStore } from "@/lib/server/store/help-store";
import { openPostgres } from "@/lib/server/store/pg";
import { loadPlanFiles } from "@/lib/server/store/plan-files";
import { PlanLibrary } from "@/lib/server/store/plan-library";
import { createSafeguardingStore } from "@/lib/server/store/safeguarding-store";
import { loadSecret } from "@/lib/server/store/secret";
import type { Sql } from "@/lib/server/store/sql";
import { createSqliteSql } from "@/lib/server/store/sqlite-sql";
import { freshSchema } from "../support/pg";
import { cid, send, staffState, startTestServer, type TestServer } from "../support/test-server";

/**
 * Every repository other than the event log, the same checks on the embedded
 * SQLite file and on PostgreSQL (a schema of its own, dropped afterwards);
 * then the whole server on each, as DATABASE_URL would run it.
 */
interface Backend {
  sql: Sql;
  /** Closes the database and opens it again, as a restart would. */
  reopen(): Promise<Sql>;
  close(): Promise<void>;
}

async function sqlite(): Promise<Backend> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ortaq-repos-")), "t.db");
  let db = openDatabase(file);
  const backend: Backend = {
    sql: createSqliteSql(db),
    async reopen() {
      db.close();
      db = openDatabase(file);
      backend.sql = createSqliteSql(db);
      return backend.sql;
    },
    async close() {
      db.close();
    },
  };
  return backend;
}

async function postgres(): Promise<Backend> {
  const schema = await freshSchema();
  let pg = await openPostgres(schema.url, { schema: schema.schema });
  const backend: Backend = {
    sql: pg.sql,
    async reopen() {
      await pg.close();
      pg = await openPostgres(schema.url, { schema: schema.schema });
      backend.sql = pg.sql;
      return backend.sql;
    },
    async close() {
      await pg.close();
      await schema.drop();
    },
  };
  return backend;
}

const WEBM_HEAD = [0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0xf2, 0x81];
const streamOf = (bytes: Uint8Array<ArrayBuffer> | string) => new Blob([bytes]).stream();

describe.each([
  ["SQLite", sqlite],
  ["PostgreSQL", postgres],
])("repositories on %s", (_name, open) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await open();
  });
  afterAll(async () => {
    await backend?.close();
  });

  const account = (id: string, email: string, role: "organiser" | "trainer" = "trainer", name = `Name ${id}`) => ({
    id,
    email,
    name,
    role,
    passwordHash: `hash-${id}`,
    createdAt: 1_700_000_000_000,
  });

  describe("accounts", () => {
    it("creates the first organiser once, even when two ask at the same moment", async () => {
      const users = createUserStore(backend.sql);
      expect(await users.count()).toBe(0);
      const first = (id: string) => ({ id, email: `${id}@example.org`, name: `Name ${id}`, passwordHash: "x", createdAt: 1_700_000_000_000 });
      const [a, b] = await Promise.all([users.createFirst(first("first-a")), users.createFirst(first("first-b"))]);
      expect([a, b].filter(Boolean)).toHaveLength(1);
      expect(a ?? b).toMatchObject({ role: "organiser", createdAt: 1_700_000_000_000 });
      expect(await users.count()).toBe(1);
      expect(await users.createFirst(first("first-c"))).toBeNull();
      expect(await users.count()).toBe(1);
    });

    it("finds an account by its email in any letter case, and refuses the same email in another case", async () => {
      const users = createUserStore(backend.sql);
      const created = await users.create(account("ada", "  Ada.Lovelace@Example.org ", "trainer", " Ada "));
      expect(created).toEqual({ id: "ada", email: "Ada.Lovelace@Example.org", name: "Ada", role: "trainer", createdAt: 1_700_000_000_000 });
      expect(await users.byId("ada")).toEqual(created);
      expect(await users.byId("nobody")).toBeNull();
      for (const asked of ["ada.lovelace@example.org", "ADA.LOVELACE@EXAMPLE.ORG", " Ada.Lovelace@Example.org "]) {
        expect(await users.byEmailWithHash(asked)).toEqual({ ...created, passwordHash: "hash-ada", sessionVersion: 0 });
      }
      expect(await users.byEmailWithHash("ada@example.org")).toBeNull();

      const before = await users.count();
      expect(await users.create(account("ada-again", "ADA.LOVELACE@example.ORG"))).toBeNull();
      expect(await users.byId("ada-again")).toBeNull();
      expect(await users.count()).toBe(before);
    });

    it("lists accounts by role, then name", async () => {
      const users = createUserStore(backend.sql);
      await users.create(account("zed", "zed@example.org", "trainer", "Zed"));
      await users.create(account("bea", "bea@example.org", "organiser", "Bea"));
      expect((await users.list()).map((u) => [u.role, u.name])).toEqual([
        ["organiser", "Bea"],
        ["organiser", expect.stringMatching(/^Name first-[ab]$/)],
        ["trainer", "Ada"],
        ["trainer", "Zed"],
      ]);
    });

    it("ends every older cookie version when the account signs out everywhere", async () => {
      const users = createUserStore(backend.sql);
      await users.create(account("sv", "sv@example.org"));
      expect(await users.sessionVersion("sv")).toBe(0);
      expect(await users.bySession("sv", 0)).toMatchObject({ id: "sv" });
      expect(await users.revokeSessions("sv")).toBe(1);
      expect(await users.bySession("sv", 0)).toBeNull();
      expect(await users.bySession("sv", 1)).toMatchObject({ id: "sv" });
      expect(await users.revokeSessions("sv")).toBe(2);
      expect(await users.bySession("sv", 1)).toBeNull();
      expect(await users.sessionVersion("sv")).toBe(2);
      expect(await users.revokeSessions("nobody")).toBeNull();
      expect(await users.sessionVersion("nobody")).toBeNull();
      expect(await users.bySession("nobody", 0)).toBeNull();
    });

    it("changes a password (signing out everywhere) and rehashes one (not signing out)", async () => {
      const users = createUserStore(backend.sql);
      await users.create(account("pw", "pw@example.org"));
      expect(await users.setPasswordHash("pw", "rehashed", { revoke: false })).toBe(0);
      expect(await users.byEmailWithHash("pw@example.org")).toMatchObject({ passwordHash: "rehashed", sessionVersion: 0 });
      expect(await users.setPasswordHash("pw", "changed", { revoke: true })).toBe(1);
      expect(await users.byEmailWithHash("PW@example.org")).toMatchObject({ passwordHash: "changed", sessionVersion: 1 });
      expect(await users.bySession("pw", 0)).toBeNull();
      expect(await users.setPasswordHash("nobody", "x", { revoke: true })).toBeNull();
    });
  });

  describe("plans", () => {
    const library = () => new PlanLibrary(backend.sql, loadPlanFiles(path.resolve("content/plans")));

    it("copies a file plan into custom plans, saves edits, lists and deletes them", async () => {
      const plans = library();
      const copy = (await plans.duplicate("trafficking-prevention", "ada", 1_000))!;
      expect(copy.id).toBe("trafficking-prevention-copy");
      expect(copy.title.en).toMatch(/\(copy\)$/);
      const second = (await plans.duplicate("trafficking-prevention", "ada", 2_000))!;
      expect(second.id).toBe("trafficking-prevention-copy-2");
      expect(await plans.duplicate("no-such-plan", "ada", 3_000)).toBeNull();

      expect(await plans.get(copy.id)).toEqual({ plan: copy, source: "custom" });
      expect((await plans.get("trafficking-prevention"))?.source).toBe("file");
      expect(await plans.get("nothing")).toBeNull();

      const edited = { ...copy, title: { ...copy.title, en: "Edited title" } };
      const saved = await plans.save(copy.id, edited, 4_000);
      expect(saved).toMatchObject({ ok: true });
      expect((await plans.get(copy.id))?.plan.title.en).toBe("Edited title");
      // The id in the body cannot move the plan.
      expect(await plans.save(copy.id, { ...edited, id: "elsewhere" }, 5_000)).toMatchObject({ ok: true });
      expect(await plans.get("elsewhere")).toBeNull();
      expect(await plans.save(copy.id, { ...edited, steps: "none" }, 6_000)).toMatchObject({ ok: false });
      expect((await plans.get(copy.id))?.plan.title.en).toBe("Edited title");
      expect(await plans.save("trafficking-prevention", edited, 7_000)).toEqual({ ok: false, notEditable: true });

      const listed = await plans.list();
      expect(listed.map((p) => [p.id, p.source, p.basedOn])).toEqual([
        ["trafficking-prevention", "file", null],
        [copy.id, "custom", "trafficking-prevention"],
        [second.id, "custom", "trafficking-prevention"],
      ]);
      expect(listed[1]).toMatchObject({ title: { en: "Edited title" }, steps: copy.steps.length });

      expect(await plans.delete(copy.id)).toBe(true);
      expect(await plans.delete(copy.id)).toBe(false);
      expect(await plans.get(copy.id)).toBeNull();
      expect((await plans.list()).map((p) => p.id)).toEqual(["trafficking-prevention", second.id]);
    });
  });

  describe("settings", () => {
    it("keeps the help contacts as entered", async () => {
      const help = createHelpStore(backend.sql);
      expect(await help.get()).toEqual([]);
      expect(await help.forSession()).toMatchObject({ examples: true });
      const contacts = [{ name: "Hotline", phone: "8 800 000", hours: "24/7", helpsWith: "Advice", verifiedOn: "2026-01-02", source: "its website" }];
      await help.set(contacts);
      expect(await help.get()).toEqual(contacts);
      expect(await help.forSession()).toEqual({ contacts, examples: false });
      await help.set([]);
      expect(await help.forSession()).toMatchObject({ examples: true });
    });

    it("keeps the consent notice and the help-request policy", async () => {
      const safeguarding = createSafeguardingStore(backend.sql);
      expect(await safeguarding.consent()).toMatchObject({ required: true, custom: false });
      expect(await safeguarding.helpRetention()).toBe("purge");
      const notice = { en: "We keep notes anonymous.", ru: "Заметки анонимны.", kk: "Жазбалар жасырын." };
      expect(await safeguarding.setConsent({ required: false, notice })).toEqual({ required: false, notice, custom: true });
      expect(await safeguarding.consent()).toEqual({ required: false, notice, custom: true });
      expect(await safeguarding.setConsent({ required: true, notice: null })).toMatchObject({ required: true, custom: false });
      await safeguarding.setHelpRetention("keep");
      expect(await safeguarding.helpRetention()).toBe("keep");
    });

    it("keeps the retention period and the completion rule", async () => {
      const { sql } = backend;
      expect(await getRetentionDays(sql)).toBe(0);
      await setRetentionDays(sql, 30);
      expect(await getRetentionDays(sql)).toBe(30);
      await setRetentionDays(sql, 0);
      expect(await getRetentionDays(sql)).toBe(0);

      expect(await getCompletionRule(sql)).toEqual(DEFAULT_COMPLETION_RULE);
      expect(await setCompletionRule(sql, { minStepPercent: 50, requirePost: false })).toEqual({ minStepShare: 0.5, requirePost: false });
      expect(await getCompletionRule(sql)).toEqual({ minStepShare: 0.5, requirePost: false });
    });
  });

  describe("media", () => {
    it("lists uploaded videos from the database and forgets deleted ones", async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ortaq-repos-media-"));
      const media = new MediaLibrary(backend.sql, dir, 1_000_000);
      expect(await media.list()).toEqual([]);
      const added = await media.addVideo("Our film", streamOf(new Uint8Array([...WEBM_HEAD, 1, 2, 3, 4])), "ada");
      if (!added.ok) throw new Error(added.message);
      expect(added.media).toMatchObject({ title: "Our film", type: "video/webm", size: 20 });
      expect(await media.addCaptions(added.media.id, "ru", streamOf("WEBVTT\n\n00:00.000 --> 00:01.000\nПривет\n"))).toEqual({ ok: true });
      expect(await media.addCaptions("no-such-video", "ru", streamOf("WEBVTT\n"))).toMatchObject({ ok: false, code: "MEDIA_NOT_FOUND" });
      const refused = await media.addVideo("Not a film", streamOf("plain text, not a video"), "ada");
      expect(refused).toMatchObject({ ok: false, code: "MEDIA_TYPE" });

      const listed = await media.list();
      expect(listed).toEqual([{ ...added.media, captions: ["ru"] }]);
      expect(typeof listed[0].size).toBe("number");
      expect(typeof listed[0].createdAt).toBe("number");

      expect(await media.remove(added.media.id)).toBe(true);
      expect(await media.remove(added.media.id)).toBe(false);
      expect(await media.list()).toEqual([]);
      expect(fs.readdirSync(dir)).toEqual([]);
    });
  });

  describe("transactions", () => {
    it("rolls back all of a failed transaction, and nobody else's statement is caught in it", async () => {
      const { sql } = backend;
      const write = (s: Sql, key: string) => s.run("INSERT INTO settings (key, value) VALUES (?, ?)", [key, "1"]);
      let outside: Promise<unknown> = Promise.resolve();
      await expect(
        sql.transaction(async (tx) => {
          await write(tx, "tx-first");
          // Another caller, while the transaction is open.
          outside = write(sql, "outside");
          await write(tx, "tx-second");
          throw new Error("changed my mind");
        }),
      ).rejects.toThrow("changed my mind");
      await outside;
      const keys = (await sql.all<{ key: string }>("SELECT key FROM settings WHERE key IN ('tx-first', 'tx-second', 'outside')")).map((r) => r.key);
      expect(keys).toEqual(["outside"]);

      expect(await sql.transaction(async (tx) => (await write(tx, "tx-kept")).changes)).toBe(1);
      expect(await sql.get("SELECT value FROM settings WHERE key = ?", ["tx-kept"])).toEqual({ value: "1" });
    });
  });

  describe("the secret", () => {
    it("is made once, kept, and the same after a restart; SESSION_SECRET wins", async () => {
      const secret = await loadSecret(backend.sql, undefined);
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await loadSecret(backend.sql, undefined)).toBe(secret);
      const again = await backend.reopen();
      expect(await loadSecret(again, undefined)).toBe(secret);
      expect(await loadSecret(again, "x".repeat(40))).toBe("x".repeat(40));
      // The rest is still there too.
      expect(await createUserStore(again).byEmailWithHash("ADA.lovelace@example.org")).toMatchObject({ id: "ada" });
    });

    it("is one secret when two starts race to make it", async () => {
      await backend.sql.run("DELETE FROM settings WHERE key = 'session_secret'");
      const [a, b] = await Promise.all([loadSecret(backend.sql, undefined), loadSecret(backend.sql, undefined)]);
      expect(a).toBe(b);
      expect(await loadSecret(backend.sql, undefined)).toBe(a);
    });
  });
});

describe.each([
  ["SQLite", async () => ({ opts: {}, drop: async () => {} })],
  [
    "PostgreSQL",
    async () => {
      const schema = await freshSchema();
      return { opts: { databaseUrl: schema.url, schema: schema.schema }, drop: schema.drop };
    },
  ],
])("the server on %s", (_name, database) => {
  let t: TestServer;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = await database();
    drop = db.drop;
    t = await startTestServer(db.opts);
  });
  afterAll(async () => {
    await t?.close();
    await drop?.();
  });

  it("signs a trainer's socket in, runs a custom plan and lets a phone join under the organisation's settings", async () => {
    const { plans, help, safeguarding } = t.server.services;
    const trainer = await t.account("trainer");
    const copy = (await plans.duplicate("trafficking-prevention", trainer.id, Date.now()))!;
    await help.set([{ name: "Hotline", phone: "8 800 000", hours: "24/7", helpsWith: "Advice" }]);
    await safeguarding.setConsent({ required: true, notice: null });
    const c = await t.connect({ cookie: trainer.cookie });
    const created = await send(c, "session:create", { id: cid(), title: "On this database", language: "en", planId: copy.id });
    if (!created.ok) throw new Error(created.error.code);
    const phone = await t.connect();
    expect(await send(phone, "participant:join", { id: cid(), code: created.code, nickname: "Ainur" })).toMatchObject({ ok: false, error: { code: "CONSENT_REQUIRED" } });
    const joined = await send(phone, "participant:join", { id: cid(), code: created.code, nickname: "Ainur", consent: true });
    expect(joined.ok).toBe(true);
    const state = await staffState(c, created.sessionId as string);
    expect(state.plan.id).toBe(copy.id);
    expect(state.help).toMatchObject({ examples: false, contacts: [{ name: "Hotline" }] });

    // Signed out everywhere: the old cookie no longer signs a socket in.
    await t.server.services.users.revokeSessions(trainer.id);
    const stale = await t.connect({ cookie: trainer.cookie });
    expect(await send(stale, "session:create", { id: cid(), title: "Again", language: "en" })).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
  });
});

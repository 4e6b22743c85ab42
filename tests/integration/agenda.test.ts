import { cid, nextEvent, send, startTestServer, type TestServer } from "../support/test-server";

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await t.close();
});

async function planSession() {
  const trainer = await t.account("trainer");
  const c = await t.connect({ cookie: trainer.cookie });
  const created = await send(c, "session:create", { id: cid(), title: "With plan", language: "ru", planId: "trafficking-prevention" });
  if (!created.ok) throw new Error(created.error.code);
  await send(c, "session:watch", { id: cid(), sessionId: created.sessionId, lastSeq: 0 });
  const phone = await t.connect();
  const joined = await send(phone, "participant:join", { id: cid(), code: created.code, nickname: "Aida" });
  if (!joined.ok) throw new Error(joined.error.code);
  return { c, phone, sessionId: created.sessionId as string, joined };
}

describe("agenda over the socket", () => {
  it("hands phones the plan and moves them step by step", async () => {
    const s = await planSession();
    if (!s.joined.ok || s.joined.sync.kind !== "snapshot") throw new Error("expected snapshot");
    expect(s.joined.sync.state.plan.steps).toHaveLength(8);
    expect(s.joined.sync.state.stepIndex).toBe(-1);
    expect(s.joined.now).toEqual(expect.any(Number));

    // The case (step 3) waits for the trainer to start its timer.
    const moved = nextEvent(s.phone, "agenda:moved");
    const ack = await send(s.c, "agenda:goto", { id: cid(), sessionId: s.sessionId, index: 2 });
    expect(ack.ok).toBe(true);
    const e = await moved;
    expect(e.payload).toEqual({ index: 2, timer: { status: "idle", durationMs: 10 * 60_000, remainingMs: 10 * 60_000, endsAt: null } });

    const started = nextEvent(s.phone, "timer:set");
    const before = Date.now();
    await send(s.c, "timer:start", { id: cid(), sessionId: s.sessionId });
    const timer = (await started).payload.timer;
    expect(timer.status).toBe("running");
    expect(timer.endsAt).toBeGreaterThanOrEqual(before + 10 * 60_000);
  });

  it("opens the plan's group discussion with its timer already running, on every phone and the projector", async () => {
    const s = await planSession();
    const watch = await send(s.c, "session:watch", { id: cid(), sessionId: s.sessionId, lastSeq: 0 });
    if (!watch.ok || watch.sync.kind !== "snapshot") throw new Error("expected snapshot");
    expect(watch.sync.state.plan.steps[3]).toMatchObject({ id: "group-discussion", autoStartTimer: true, durationMinutes: 20 });
    const heard = [s.phone, s.c].map((sock) => nextEvent(sock, "agenda:moved"));
    const before = Date.now();
    expect((await send(s.c, "agenda:goto", { id: cid(), sessionId: s.sessionId, index: 3 })).ok).toBe(true);
    for (const e of await Promise.all(heard)) {
      expect(e.payload.timer).toMatchObject({ status: "running", durationMs: 20 * 60_000 });
      expect(e.payload.timer.endsAt).toBeGreaterThanOrEqual(before + 20 * 60_000);
      expect(e.payload.timer.endsAt).toBeLessThanOrEqual(Date.now() + 20 * 60_000);
    }
  });

  it("starts every timed step by itself once the trainer turns on the session option; a step with no duration stays without a timer", async () => {
    const s = await planSession();
    const configured = nextEvent(s.phone, "timer:configured");
    expect((await send(s.c, "timer:configure", { id: cid(), sessionId: s.sessionId, autoStart: true })).ok).toBe(true);
    expect((await configured).payload.settings).toEqual({ autoStart: true, sound: false });
    // A phone coming back gets the option in its snapshot too.
    const again = await t.connect();
    const resync = await send(again, "participant:resume", { id: cid(), token: s.joined.ok ? s.joined.token : "", lastSeq: 0 });
    if (!resync.ok || resync.sync.kind !== "snapshot") throw new Error("expected snapshot");
    expect(resync.sync.state.timerSettings).toEqual({ autoStart: true, sound: false });

    // The welcome (10 min, no mark in the plan) now starts by itself.
    let moved = nextEvent(s.phone, "agenda:moved");
    await send(s.c, "agenda:goto", { id: cid(), sessionId: s.sessionId, index: 0 });
    expect((await moved).payload.timer).toMatchObject({ status: "running", durationMs: 10 * 60_000 });

    // A plan step without a duration has nothing to start.
    const untimed = await t.connect({ cookie: (await t.account("trainer")).cookie });
    const created = await send(untimed, "session:create", { id: cid(), title: "No plan", language: "en" });
    if (!created.ok) throw new Error(created.error.code);
    expect((await send(untimed, "timer:configure", { id: cid(), sessionId: created.sessionId, autoStart: true })).ok).toBe(true);
    const staffView = await send(untimed, "session:watch", { id: cid(), sessionId: created.sessionId, lastSeq: 0 });
    if (!staffView.ok || staffView.sync.kind !== "snapshot") throw new Error("expected snapshot");
    expect(staffView.sync.state.timer).toEqual({ status: "idle", durationMs: 0, remainingMs: 0, endsAt: null });

    // Off again: the next step waits for the trainer.
    expect((await send(s.c, "timer:configure", { id: cid(), sessionId: s.sessionId, autoStart: false, sound: true })).ok).toBe(true);
    moved = nextEvent(s.phone, "agenda:moved");
    await send(s.c, "agenda:goto", { id: cid(), sessionId: s.sessionId, index: 2 });
    expect((await moved).payload.timer).toMatchObject({ status: "idle", durationMs: 10 * 60_000 });
    expect(await send(s.phone, "timer:configure", { id: cid(), sessionId: s.sessionId, autoStart: true })).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
  });

  it("rejects a step outside the plan and an unknown plan", async () => {
    const s = await planSession();
    expect(await send(s.c, "agenda:goto", { id: cid(), sessionId: s.sessionId, index: 8 })).toMatchObject({ error: { code: "STEP_NOT_FOUND" } });
    expect(await send(s.c, "session:create", { id: cid(), title: "X", language: "en", planId: "no-such-plan" })).toMatchObject({ error: { code: "PLAN_NOT_FOUND" } });
    expect(await send(s.c, "timer:extend", { id: cid(), sessionId: s.sessionId, seconds: 99999 })).toMatchObject({ error: { code: "BAD_REQUEST" } });
  });

  it("keeps the agenda and timer out of participants' hands", async () => {
    const s = await planSession();
    for (const [ev, extra] of [
      ["agenda:goto", { index: 0 }],
      ["timer:start", {}],
      ["timer:extend", { seconds: 60 }],
    ] as const) {
      expect(await send(s.phone, ev, { id: cid(), sessionId: s.sessionId, ...extra })).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    }
  });

  it("snapshots the plan into the session, so editing the plan later changes nothing", async () => {
    const s = await planSession();
    const watch = await send(s.c, "session:watch", { id: cid(), sessionId: s.sessionId, lastSeq: 0 });
    if (!watch.ok || watch.sync.kind !== "snapshot") throw new Error("expected snapshot");
    expect(watch.sync.state.plan.id).toBe("trafficking-prevention");
    expect(watch.sync.state.help.examples).toBe(true);
  });
});

describe("plan files at start", () => {
  it("starts with the valid plans when one plan file is broken", async () => {
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const { parseEnv } = await import("@/lib/env");
    const { startServer } = await import("@/lib/server/start-server");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ortaq-plans-"));
    fs.copyFileSync(path.join(__dirname, "../../content/plans/trafficking-prevention.yaml"), path.join(dir, "good.yaml"));
    fs.writeFileSync(path.join(dir, "broken.yaml"), "id: broken\ntitle: {en: B}\nsteps:\n  - id: x\n    kind: poll\n    title: {en: Poll}\n");
    const warnings: string[] = [];
    const logger = { info() {}, error() {}, warn: (m: string, f?: Record<string, unknown>) => warnings.push(`${m} ${JSON.stringify(f)}`) };
    const env = parseEnv({ PORT: "0", HOST: "127.0.0.1", DATABASE_PATH: path.join(dir, "t.db"), PLANS_DIR: dir });
    const server = await startServer({ env, logger });
    try {
      expect((await server.services.plans.list()).map((p) => p.id)).toEqual(["trafficking-prevention"]);
      expect(warnings).toEqual([expect.stringMatching(/plan file skipped.*broken\.yaml.*"step":"x".*"field":"questions".*needs questions/)]);
    } finally {
      await server.close();
    }
  });
});

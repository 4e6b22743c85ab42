import crypto from "node:crypto";
import { Client } from "pg";
import { sketchIdFor } from "@/lib/domain/sketch";
import { sealScreenKey } from "@/lib/server/accounts/tokens";
import { packPoints, unpackPoints } from "@/lib/protocol/stroke-packing";
import { freshSchema } from "../support/pg";
import { pickWriter } from "@/lib/server/live/cluster-link";
import { hubCounters } from "@/lib/server/live/session-hub";
import { cid, collect, nextEvent, send, sleep, staffState, startTestServer, type TestServer } from "../support/test-server";

/**
 * Two instances in one process on one PostgreSQL schema (the cluster link
 * and the PostgreSQL adapter, as in production): the video's pause point is
 * kept by every instance holding the session, so it is stored once while
 * both run, and still stops the video when the instance that started it is
 * gone.
 */
let schema: Awaited<ReturnType<typeof freshSchema>>;
let a: TestServer;
let b: TestServer;
let aClosed = false;

beforeEach(async () => {
  schema = await freshSchema();
  a = await startTestServer({ databaseUrl: schema.url, schema: schema.schema });
  b = await startTestServer({ databaseUrl: schema.url, schema: schema.schema });
  aClosed = false;
});
afterEach(async () => {
  await b.close();
  if (!aClosed) await a.close();
  await schema.drop();
});

/** The trainer on A, on the video step with its warning given; a phone on B. */
async function videoOnA() {
  const trainer = await a.account("trainer");
  const c = await a.connect({ cookie: trainer.cookie });
  const created = await send(c, "session:create", { id: cid(), title: "V", language: "en", planId: "trafficking-prevention" });
  if (!created.ok) throw new Error(created.error.code);
  const sessionId = created.sessionId as string;
  await send(c, "session:watch", { id: cid(), sessionId, lastSeq: 0 });
  const phone = await b.connect();
  expect((await send(phone, "participant:join", { id: cid(), code: created.code, nickname: "Aida" })).ok).toBe(true);
  await send(c, "agenda:goto", { id: cid(), sessionId, index: 1 });
  expect((await send(c, "video:confirm-warning", { id: cid(), sessionId })).ok).toBe(true);
  return { c, phone, sessionId };
}

async function pausesStored(sessionId: string): Promise<number> {
  const client = new Client({ connectionString: schema.url, options: `-c search_path=${schema.schema}` });
  await client.connect();
  try {
    const r = await client.query("SELECT payload FROM events WHERE session_id = $1 AND type = 'video:controlled' ORDER BY seq", [sessionId]);
    return r.rows.filter((row) => JSON.parse(row.payload).pausePoint === 20).length;
  } finally {
    await client.end();
  }
}

it("both instances keep the pause point: the video stops at 20 s once, for the phone on the other instance", async () => {
  const v = await videoOnA();
  const stopped = nextEvent(v.phone, "video:controlled", (e) => e.payload.action === "pause", 5000);
  expect((await send(v.c, "video:play", { id: cid(), sessionId: v.sessionId, position: 19 })).ok).toBe(true);
  expect((await stopped).payload).toMatchObject({ action: "pause", position: 20, pausePoint: 20 });
  await sleep(500);
  expect(await pausesStored(v.sessionId)).toBe(1);
});

it("the instance that started the video stops: the other one stops it at the pause point", async () => {
  const v = await videoOnA();
  const stopped = nextEvent(v.phone, "video:controlled", (e) => e.payload.action === "pause", 8000);
  expect((await send(v.c, "video:play", { id: cid(), sessionId: v.sessionId, position: 17.5 })).ok).toBe(true);
  // Give B a moment to hear of the play, then take A away before the point.
  await sleep(300);
  aClosed = true;
  await a.close();
  expect((await stopped).payload).toMatchObject({ action: "pause", position: 20, pausePoint: 20 });
  expect(await pausesStored(v.sessionId)).toBe(1);
}, 20_000);

it("the adapter listens again after the database drops its connection: B's phones still show on A's console", async () => {
  const trainer = await a.account("trainer");
  const c = await a.connect({ cookie: trainer.cookie });
  const created = await send(c, "session:create", { id: cid(), title: "Drop", language: "en" });
  if (!created.ok) throw new Error(created.error.code);
  const sessionId = created.sessionId as string;
  await send(c, "session:watch", { id: cid(), sessionId, lastSeq: 0 });
  let online = 0;
  c.on("presence:changed", (p: { count: number }) => (online = p.count));

  // A restart or failover of the database, as the instances see it: their LISTEN connections end.
  const admin = new Client({ connectionString: schema.url });
  await admin.connect();
  try {
    const cut = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE $1`, [`LISTEN "ortaq.${schema.schema}%`]);
    expect(cut.rowCount).toBeGreaterThanOrEqual(2);
  } finally {
    await admin.end();
  }
  await sleep(500);

  const phone = await b.connect();
  expect((await send(phone, "participant:join", { id: cid(), code: created.code, nickname: "Aida" })).ok).toBe(true);
  const until = Date.now() + 10_000;
  while (online !== 1 && Date.now() < until) await sleep(50);
  expect(online).toBe(1);
}, 30_000);

it("live drawing crosses instances: a stroke drawn on A reaches the group mate on B and the projector on B, not the other group", async () => {
  const trainer = await a.account("trainer");
  const c = await a.connect({ cookie: trainer.cookie });
  const created = await send(c, "session:create", { id: cid(), title: "Draw", language: "en" });
  if (!created.ok) throw new Error(created.error.code);
  const sessionId = created.sessionId as string;
  await send(c, "session:watch", { id: cid(), sessionId, lastSeq: 0 });
  const screen = await b.connect();
  await send(screen, "session:watch", { id: cid(), sessionId, lastSeq: 0, screenKey: await sealScreenKey(sessionId, a.server.services.secret) });
  // Phones alternate between A and B.
  const phones: { socket: Awaited<ReturnType<TestServer["connect"]>>; id: string; on: "a" | "b" }[] = [];
  for (let i = 0; i < 6; i++) {
    const on = i % 2 ? "b" : "a";
    const socket = await (on === "a" ? a : b).connect();
    const ack = await send(socket, "participant:join", { id: cid(), code: created.code, nickname: `P${i}` });
    if (!ack.ok) throw new Error(ack.error.code);
    phones.push({ socket, id: ack.participantId as string, on });
  }
  // B's phones hear of the groups and the sketch mode once B has read them (and moved its sockets into the group rooms).
  const heardOnB = phones.filter((p) => p.on === "b").map((p) => nextEvent(p.socket, "sketch:configured", () => true, 10_000));
  expect((await send(c, "groups:form", { id: cid(), sessionId, by: "count", n: 2 })).ok).toBe(true);
  // Groups are drawn at random; put the drawer (on A) with a mate on B, and another phone on B in the other group.
  const [drawer, mate, other] = [phones[0], phones[1], phones[3]];
  const formed = await staffState(c, sessionId);
  const groupIds = Object.keys(formed.groups);
  expect(groupIds).toHaveLength(2);
  for (const [p, g] of [[drawer, groupIds[0]], [mate, groupIds[0]], [other, groupIds[1]]] as const) {
    if (formed.membership[p.id] === g) continue;
    const moved = await send(c, "participant:move", { id: cid(), sessionId, participantId: p.id, groupId: g });
    expect(moved.ok ? "ok" : moved.error.code).toBe("ok");
  }
  await send(c, "sketch:configure", { id: cid(), sessionId, mode: "group" });
  await Promise.all(heardOnB);
  const st = await staffState(c, sessionId);
  expect(st.membership[mate.id]).toBe(st.membership[drawer.id]);
  expect(st.membership[other.id]).not.toBe(st.membership[drawer.id]);
  const sketchId = sketchIdFor("group", drawer.id, st.membership[drawer.id], null);
  const toMate = nextEvent(mate.socket, "stroke:progress");
  const toScreen = nextEvent(screen, "stroke:progress");
  const toOther = collect(other.socket, "stroke:progress");
  drawer.socket.emit("stroke:progress", { sketchId, strokeId: "stroke-x-1", colour: "#111827", width: 6, tool: "pen", packed: packPoints([1, 2, 50, 3, 4, 50]) });
  expect(unpackPoints((await toMate).packed)).toEqual([1, 2, 50, 3, 4, 50]);
  expect((await toScreen).authorId).toBe(drawer.id);
  await sleep(200);
  expect(toOther).toEqual([]);
}, 30_000);

it("a stopping writer hands its sessions over: the other instance stops sending it commands and writes them itself, with no wait", async () => {
  const trainer = await a.account("trainer");
  const c = await a.connect({ cookie: trainer.cookie });
  // Both instances have heard each other's heartbeat (and that each takes forwarded commands).
  const ids = [a.server.instanceId!, b.server.instanceId!];
  // A session A writes.
  let created = await send(c, "session:create", { id: cid(), title: "Hand-over", language: "en" });
  while (created.ok && pickWriter(created.sessionId as string, ids) !== ids[0]) created = await send(c, "session:create", { id: cid(), title: "Hand-over", language: "en" });
  if (!created.ok) throw new Error(created.error.code);
  const phone = await b.connect();
  expect((await send(phone, "participant:join", { id: cid(), code: created.code, nickname: "Aida" })).ok).toBe(true);
  const note = () => send(phone, "note:add", { id: cid(), noteId: crypto.randomUUID(), text: "an idea" });

  let before = { ...hubCounters };
  const until = Date.now() + 10_000;
  // B forwards to A once it has heard A's heartbeat.
  while (hubCounters.forwarded === before.forwarded && Date.now() < until) {
    expect((await note()).ok).toBe(true);
    await sleep(100);
  }
  expect(hubCounters.forwarded).toBeGreaterThan(before.forwarded);

  a.server.sockets.retire();
  await sleep(300);
  before = { ...hubCounters };
  const t0 = Date.now();
  expect((await note()).ok).toBe(true);
  expect(Date.now() - t0).toBeLessThan(1_000);
  expect(hubCounters.forwarded).toBe(before.forwarded);
  expect(hubCounters.batches).toBe(before.batches + 1);
}, 30_000);

it("a starting instance knows the others (and they know it) within about a second, not at the next heartbeat", async () => {
  // A and B have been running; C starts now. Until C knows A and B it would write every session itself.
  const t0 = Date.now();
  const c = await startTestServer({ databaseUrl: schema.url, schema: schema.schema });
  try {
    const ids = [a.server.instanceId!, b.server.instanceId!, c.server.instanceId!];
    const knowsAll = () =>
      [a, b, c].every((s, i) => {
        const peers = s.server.sockets.peers();
        return ids.every((id, j) => j === i || peers.includes(id));
      });
    while (!knowsAll() && Date.now() - t0 < 4_000) await sleep(20);
    expect(knowsAll()).toBe(true);
    expect(Date.now() - t0).toBeLessThan(2_000);
  } finally {
    await c.close();
  }
  // C said bye as it stopped: the others no longer count it.
  await sleep(100);
  expect(a.server.sockets.peers()).toEqual([b.server.instanceId]);
}, 30_000);

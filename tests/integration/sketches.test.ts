import { sketchIdFor } from "@/lib/domain/sketch";
import { packPoints, unpackPoints } from "@/lib/protocol/stroke-packing";
import { cid, collect, nextEvent, roomInTwoGroups, send, sleep, staffState, startTestServer, type TestServer } from "../support/test-server";

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await t.close();
});

let n = 0;
const sid = () => `stroke-${Date.now()}-${++n}`;
const stroke = (points = [10, 10, 50, 200, 300, 50, 400, 200, 50]) => ({ id: sid(), colour: "#dc2626", width: 14, tool: "pen", points });

async function room(mode: "individual" | "group") {
  const r = await roomInTwoGroups(t);
  await send(r.c, "sketch:configure", { id: cid(), sessionId: r.sessionId, mode });
  return r;
}

describe("sketches", () => {
  it("share a group canvas: strokes reach the mate and the projector, not the other group", async () => {
    const r = await room("group");
    const sketchId = sketchIdFor("group", r.a.id, r.groupOf(r.a.id), null);
    const toMate = nextEvent(r.mate.socket, "stroke:committed");
    const toScreen = nextEvent(r.screen, "stroke:committed");
    const toOther = collect(r.other.socket, "stroke:committed");
    expect((await send(r.a.socket, "stroke:commit", { id: cid(), sketchId, stroke: stroke() })).ok).toBe(true);
    expect((await toMate).payload).toMatchObject({ sketchId, ownerKind: "group", stroke: { authorId: r.a.id, colour: "#dc2626" } });
    await toScreen;
    // The mate draws on the same canvas.
    expect((await send(r.mate.socket, "stroke:commit", { id: cid(), sketchId, stroke: stroke() })).ok).toBe(true);
    await sleep(50);
    expect(toOther).toEqual([]);
    expect((await staffState(r.c, r.sessionId)).sketches[sketchId].strokes).toHaveLength(2);
  });

  it("relay live progress to the group and the projector only, and never store it", async () => {
    const r = await room("group");
    const sketchId = sketchIdFor("group", r.a.id, r.groupOf(r.a.id), null);
    const live = nextEvent(r.screen, "stroke:progress");
    const mateLive = nextEvent(r.mate.socket, "stroke:progress");
    const otherLive = collect(r.other.socket, "stroke:progress");
    const selfLive = collect(r.a.socket, "stroke:progress");
    r.a.socket.emit("stroke:progress", { sketchId, strokeId: sid(), colour: "#111827", width: 6, tool: "pen", packed: packPoints([1, 2, 50, 3, 4, 50]) });
    expect((await live).authorId).toBe(r.a.id);
    // The points arrive packed as they were sent.
    expect(unpackPoints((await mateLive).packed)).toEqual([1, 2, 50, 3, 4, 50]);
    await sleep(50);
    expect(otherLive).toEqual([]);
    expect(selfLive).toEqual([]);
    // Another group's canvas is off limits, even for progress.
    const foreign = sketchIdFor("group", r.other.id, r.groupOf(r.other.id), null);
    const screenGot = collect(r.screen, "stroke:progress");
    r.a.socket.emit("stroke:progress", { sketchId: foreign, strokeId: sid(), colour: "#111827", width: 6, tool: "pen", packed: packPoints([1, 2, 50]) });
    await sleep(80);
    expect(screenGot).toEqual([]);
    expect(Object.keys((await staffState(r.c, r.sessionId)).sketches)).toEqual([]);
  });

  it("refuse strokes on someone else's sketch, oversized strokes, and undo of others' strokes", async () => {
    const r = await room("individual");
    const mine = sketchIdFor("individual", r.a.id, r.groupOf(r.a.id), null);
    const theirs = sketchIdFor("individual", r.mate.id, r.groupOf(r.mate.id), null);
    expect(await send(r.a.socket, "stroke:commit", { id: cid(), sketchId: theirs, stroke: stroke() })).toMatchObject({ error: { code: "NOT_YOUR_SKETCH" } });
    const huge = Array.from({ length: 1501 * 3 }, (_, i) => (i % 3 === 2 ? 50 : i % 700));
    expect(await send(r.a.socket, "stroke:commit", { id: cid(), sketchId: mine, stroke: stroke(huge) })).toMatchObject({ error: { code: "STROKE_TOO_LARGE" } });
    const s1 = stroke();
    expect((await send(r.a.socket, "stroke:commit", { id: cid(), sketchId: mine, stroke: s1 })).ok).toBe(true);
    expect(await send(r.mate.socket, "stroke:undo", { id: cid(), sketchId: mine, strokeId: s1.id })).toMatchObject({ error: { code: "NOT_YOUR_SKETCH" } });
    expect((await send(r.a.socket, "stroke:undo", { id: cid(), sketchId: mine, strokeId: s1.id })).ok).toBe(true);
    expect((await staffState(r.c, r.sessionId)).sketches[mine].strokes).toEqual([]);
    expect(await send(r.a.socket, "stroke:commit", { id: cid(), sketchId: "p_../../etc_free", stroke: stroke() })).toMatchObject({ ok: false });
  });

  it("apply a resent stroke once, mark done, and hide from the projector", async () => {
    const r = await room("individual");
    const mine = sketchIdFor("individual", r.a.id, r.groupOf(r.a.id), null);
    const id = cid();
    const s1 = stroke();
    const first = await send(r.a.socket, "stroke:commit", { id, sketchId: mine, stroke: s1 });
    expect(await send(r.a.socket, "stroke:commit", { id, sketchId: mine, stroke: s1 })).toEqual(first);
    expect((await staffState(r.c, r.sessionId)).sketches[mine].strokes).toHaveLength(1);
    const done = nextEvent(r.screen, "sketch:marked");
    expect((await send(r.a.socket, "sketch:mark", { id: cid(), sketchId: mine, done: true })).ok).toBe(true);
    expect((await done).payload.done).toBe(true);
    const hidden = nextEvent(r.screen, "sketch:hidden");
    expect((await send(r.c, "sketch:hide", { id: cid(), sessionId: r.sessionId, sketchId: mine })).ok).toBe(true);
    await hidden;
    const screenGot = collect(r.screen, "stroke:committed");
    await send(r.a.socket, "stroke:commit", { id: cid(), sketchId: mine, stroke: stroke() });
    await sleep(50);
    expect(screenGot).toEqual([]);
    expect(await send(r.a.socket, "sketch:hide", { id: cid(), sessionId: r.sessionId, sketchId: mine })).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
  });
});

import { rooms } from "@/lib/server/live/socket-types";
import { packPoints } from "@/lib/protocol/stroke-packing";
import { freshId, STROKE } from "../support/live-fixture";
import { cid, collect, nextEvent, roomInTwoGroups, send, sleep, staffState, startTestServer, type TestServer, type TestSocket } from "../support/test-server";

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await t.close();
});

/** The group rooms a client socket is in on the server. */
function groupRooms(socket: TestSocket, sessionId: string): string[] {
  const server = t.server.sockets.io.sockets.sockets.get(socket.id!);
  if (!server) throw new Error("no such socket on the server");
  return [...server.rooms].filter((r) => r.startsWith(rooms.group(sessionId, ""))).sort();
}

type Room = Awaited<ReturnType<typeof roomInTwoGroups>>;

/**
 * Sends one message of each kind to each group — a note, a stroke on the
 * group's shared canvas, a live stroke packet, a trainer broadcast — and
 * returns what `listener` heard from each group. A broadcast to everyone,
 * sent last, tells when all of it has arrived.
 */
async function whatReaches(r: Room, listener: TestSocket, speakers: Record<string, TestSocket>): Promise<Record<string, string[]>> {
  const notes = collect(listener, "note:added");
  const strokes = collect(listener, "stroke:committed");
  const live = collect(listener, "stroke:progress");
  const broadcasts = collect(listener, "broadcast:sent");
  for (const [groupId, speaker] of Object.entries(speakers)) {
    expect((await send(speaker, "note:add", { id: cid(), noteId: freshId("note"), text: `note in ${groupId}` })).ok).toBe(true);
    expect((await send(speaker, "stroke:commit", { id: cid(), sketchId: `g_${groupId}_free`, stroke: { id: freshId("stroke"), ...STROKE } })).ok).toBe(true);
    expect((await send(r.c, "broadcast:send", { id: cid(), sessionId: r.sessionId, text: `news for ${groupId}`, groupId })).ok).toBe(true);
  }
  // Live stroke packets are volatile (dropped while the link is busy): sent a few times once all else is quiet.
  await sleep(30);
  for (let i = 0; i < 3; i++) {
    for (const [groupId, speaker] of Object.entries(speakers)) {
      speaker.emit("stroke:progress", { sketchId: `g_${groupId}_free`, strokeId: freshId("live"), colour: STROKE.colour, width: STROKE.width, tool: STROKE.tool, packed: packPoints([1, 2, 1]) });
    }
    await sleep(15);
  }
  const done = nextEvent(listener, "broadcast:sent", (e) => e.payload.text === "marker");
  expect((await send(r.c, "broadcast:send", { id: cid(), sessionId: r.sessionId, text: "marker", groupId: null })).ok).toBe(true);
  await done;
  await sleep(30);
  const name = (g: string | null) => g ?? "all";
  const heard: Record<string, string[]> = {};
  const add = (g: string | null, what: string) => {
    const list = (heard[name(g)] ??= []);
    if (!list.includes(what)) list.push(what);
  };
  for (const n of notes) add(n.payload.note.groupId, "note");
  for (const s of strokes) add(s.payload.groupId, "stroke");
  for (const p of live) add(/^g_(.+)_free$/.exec(p.sketchId)![1], "live stroke");
  for (const b of broadcasts) if (b.payload.text !== "marker") add(b.payload.groupId, "broadcast");
  for (const k of Object.keys(heard)) heard[k].sort();
  return heard;
}

const EVERYTHING = ["broadcast", "live stroke", "note", "stroke"];

describe("group rooms follow membership", () => {
  it("a phone moved by the trainer hears its new group's events and not its old group's", async () => {
    const r = await roomInTwoGroups(t);
    const from = r.groupOf(r.a.id);
    const to = r.groupOf(r.other.id);
    expect(groupRooms(r.a.socket, r.sessionId)).toEqual([rooms.group(r.sessionId, from)]);

    const moves = collect(r.a.socket, "participant:moved");
    expect((await send(r.c, "participant:move", { id: cid(), sessionId: r.sessionId, participantId: r.a.id, groupId: to })).ok).toBe(true);
    expect(groupRooms(r.a.socket, r.sessionId)).toEqual([rooms.group(r.sessionId, to)]);
    await sleep(50);
    // The very event that moved it came in its new group's form, and only once.
    expect(moves).toHaveLength(1);
    expect(moves[0].payload.view.groupId).toBe(to);

    const heard = await whatReaches(r, r.a.socket, { [from]: r.mate.socket, [to]: r.other.socket });
    expect(heard).toEqual({ [to]: EVERYTHING });
    // The mate left behind still hears its own group, and not the mover's new one.
    // (It speaks for its group itself, and live stroke packets are never echoed to their sender.)
    const mateHeard = await whatReaches(r, r.mate.socket, { [from]: r.mate.socket, [to]: r.other.socket });
    expect(mateHeard).toEqual({ [from]: EVERYTHING.filter((k) => k !== "live stroke") });
  });

  it("moves every socket of the participant (two tabs), and only that participant's", async () => {
    const r = await roomInTwoGroups(t);
    const from = r.groupOf(r.a.id);
    const to = r.groupOf(r.other.id);
    const ack = await send(r.a.socket, "participant:resume", { id: cid(), token: "x", lastSeq: 0 });
    expect(ack).toMatchObject({ ok: false, error: { code: "TOKEN_INVALID" } });
    // A second tab of the same phone: resume with the pass from its join.
    const st = await staffState(r.c, r.sessionId);
    expect(st.membership[r.a.id]).toBe(from);
    const tabs = await t.connect();
    const token = await passOf(r, r.a.id);
    expect((await send(tabs, "participant:resume", { id: cid(), token, lastSeq: 0 })).ok).toBe(true);
    expect(groupRooms(tabs, r.sessionId)).toEqual([rooms.group(r.sessionId, from)]);

    await send(r.c, "participant:move", { id: cid(), sessionId: r.sessionId, participantId: r.a.id, groupId: to });
    expect(groupRooms(r.a.socket, r.sessionId)).toEqual([rooms.group(r.sessionId, to)]);
    expect(groupRooms(tabs, r.sessionId)).toEqual([rooms.group(r.sessionId, to)]);
    expect(groupRooms(r.mate.socket, r.sessionId)).toEqual([rooms.group(r.sessionId, from)]);
    expect(groupRooms(r.other.socket, r.sessionId)).toEqual([rooms.group(r.sessionId, to)]);
  });

  it("a phone moved out of every group hears no group's events, and rejoins when moved back", async () => {
    const r = await roomInTwoGroups(t);
    const from = r.groupOf(r.a.id);
    const to = r.groupOf(r.other.id);
    expect((await send(r.c, "participant:move", { id: cid(), sessionId: r.sessionId, participantId: r.a.id, groupId: null })).ok).toBe(true);
    expect(groupRooms(r.a.socket, r.sessionId)).toEqual([]);
    expect(await whatReaches(r, r.a.socket, { [from]: r.mate.socket, [to]: r.other.socket })).toEqual({});

    expect((await send(r.c, "participant:move", { id: cid(), sessionId: r.sessionId, participantId: r.a.id, groupId: from })).ok).toBe(true);
    expect(groupRooms(r.a.socket, r.sessionId)).toEqual([rooms.group(r.sessionId, from)]);
    expect(await whatReaches(r, r.a.socket, { [from]: r.mate.socket, [to]: r.other.socket })).toEqual({ [from]: EVERYTHING });
  });

  it("a phone offline during its move resumes straight into its new group's room", async () => {
    const r = await roomInTwoGroups(t);
    const from = r.groupOf(r.a.id);
    const to = r.groupOf(r.other.id);
    const token = await passOf(r, r.a.id);
    r.a.socket.disconnect();
    await sleep(30);
    expect((await send(r.c, "participant:move", { id: cid(), sessionId: r.sessionId, participantId: r.a.id, groupId: to })).ok).toBe(true);
    const back = await t.connect();
    expect((await send(back, "participant:resume", { id: cid(), token, lastSeq: 0 })).ok).toBe(true);
    expect(groupRooms(back, r.sessionId)).toEqual([rooms.group(r.sessionId, to)]);
    expect(await whatReaches(r, back, { [from]: r.mate.socket, [to]: r.other.socket })).toEqual({ [to]: EVERYTHING });
  });

  it("merging moves the merged group's phones into the group they joined", async () => {
    const r = await roomInTwoGroups(t);
    const from = r.groupOf(r.a.id);
    const into = r.groupOf(r.other.id);
    expect((await send(r.c, "groups:merge", { id: cid(), sessionId: r.sessionId, from, into })).ok).toBe(true);
    for (const p of r.phones) expect(groupRooms(p.socket, r.sessionId)).toEqual([rooms.group(r.sessionId, into)]);
    expect(await whatReaches(r, r.a.socket, { [into]: r.other.socket })).toEqual({ [into]: EVERYTHING });
  });

  it("splitting moves half the group into the new group's room and leaves the rest", async () => {
    const r = await roomInTwoGroups(t, { n: 8 });
    const g = r.groupOf(r.a.id);
    expect((await send(r.c, "group:split", { id: cid(), sessionId: r.sessionId, groupId: g })).ok).toBe(true);
    const st = await staffState(r.c, r.sessionId);
    const fresh = st.groupOrder.find((x: string) => x !== g && x !== r.groupOf(r.other.id));
    expect(fresh).toBeDefined();
    for (const p of r.phones) expect({ p: p.id, rooms: groupRooms(p.socket, r.sessionId) }).toEqual({ p: p.id, rooms: [rooms.group(r.sessionId, st.membership[p.id])] });
    const stayed = r.phones.find((p) => st.membership[p.id] === g)!;
    const moved = r.phones.filter((p) => st.membership[p.id] === fresh);
    expect(moved.length).toBe(2);
    expect(await whatReaches(r, moved[0].socket, { [g]: stayed.socket, [fresh]: moved[moved.length - 1].socket })).toEqual({ [fresh]: EVERYTHING });
  });

  it("dissolving the groups takes every phone out of every group room", async () => {
    const r = await roomInTwoGroups(t);
    expect((await send(r.c, "groups:dissolve", { id: cid(), sessionId: r.sessionId })).ok).toBe(true);
    const st = await staffState(r.c, r.sessionId);
    expect(st.membership).toEqual({});
    for (const p of r.phones) expect(groupRooms(p.socket, r.sessionId)).toEqual([]);
  });

  it("forming new groups re-seats everyone, with no stale room left behind", async () => {
    const r = await roomInTwoGroups(t, { n: 6 });
    expect((await send(r.c, "groups:form", { id: cid(), sessionId: r.sessionId, by: "count", n: 3 })).ok).toBe(true);
    const st = await staffState(r.c, r.sessionId);
    expect(st.groupOrder).toHaveLength(3);
    for (const p of r.phones) expect({ p: p.id, rooms: groupRooms(p.socket, r.sessionId) }).toEqual({ p: p.id, rooms: [rooms.group(r.sessionId, st.membership[p.id])] });
  });
});

/** A phone's pass, as the join handed it out (joined again under a fresh socket if needed). */
async function passOf(r: Room, participantId: string): Promise<string> {
  const { sealParticipantToken } = await import("@/lib/server/accounts/tokens");
  return sealParticipantToken(r.sessionId, participantId, t.server.services.secret);
}

/**
 * Room control against the real socket server: lock, cap, approve joiners,
 * bulk removal (what removed phones still hear, what the others keep), rename,
 * nickname squatting, coalesced presence, the join guard, and the log.
 *
 * Every socket here comes from 127.0.0.1 (one address, like a class behind one
 * Wi-Fi) unless a test binds another loopback address on purpose.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NodeWebSocket } from "engine.io-client";
import { io as ioClient } from "socket.io-client";
import { applyEvent } from "@/lib/domain/apply-event";
import type { SessionState } from "@/lib/domain/session-state";
import { parseEnv } from "@/lib/env";
import { silentLogger } from "@/lib/server/logger";
import { startServer } from "@/lib/server/start-server";
import { createJoinGuard } from "@/lib/server/live/join-guard";
import { DEVICE_COOKIE } from "@/lib/server/live/socket-server";
import { PRESENCE_FLUSH_MS } from "@/lib/server/live/presence-feed";
import { sealScreenKey } from "@/lib/server/accounts/tokens";
import { cid, collect, nextEvent, send, sleep, staffState, startTestServer, type TestServer, type TestSocket } from "../support/test-server";

jest.setTimeout(60_000);

let t: TestServer;
/** Sockets made here outside t.connect(), closed after each test. */
let extra: TestSocket[] = [];
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  extra.forEach((s) => s.disconnect());
  extra = [];
  await t.close();
});

// ---------------------------------------------------------------------------
// Helpers

/**
 * A phone's cookie jar: like a browser, it keeps the cookies the server sets on
 * the engine.io (websocket upgrade) handshake and sends them on every later
 * connection, so one jar is one device across reconnects.
 */
type Jar = Map<string, string>;
const newJar = (): Jar => new Map();

function transportWithJar(jar: Jar) {
  return class JarWebSocket extends NodeWebSocket {
    createSocket(uri: string, protocols: string | string[] | undefined, opts: Record<string, any>) {
      if (jar.size) {
        const own = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
        opts.headers = { ...(opts.headers ?? {}), cookie: [opts.headers?.cookie, own].filter(Boolean).join("; ") };
      }
      const ws = super.createSocket(uri, protocols, opts) as import("ws").WebSocket;
      ws.on("upgrade", (res) => {
        for (const line of [res.headers["set-cookie"] ?? []].flat()) {
          const [pair] = line.split(";");
          const i = pair.indexOf("=");
          if (i > 0) jar.set(pair.slice(0, i).trim(), pair.slice(i + 1).trim());
        }
      });
      return ws;
    }
  };
}

/** Connects as a phone with its own cookie jar, optionally from another loopback address. */
function connectDevice(jar: Jar, opts: { localAddress?: string } = {}): Promise<TestSocket> {
  const socket = ioClient(t.url, {
    transports: [transportWithJar(jar)],
    forceNew: true,
    reconnection: false,
    ...(opts.localAddress ? { localAddress: opts.localAddress } : {}),
  } as Parameters<typeof ioClient>[1]);
  extra.push(socket);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

/**
 * What one client holds: its sync, then every "session:event" folded with the
 * same applyEvent the browser uses. Listens from creation, so nothing is missed.
 */
function mirror(socket: TestSocket, self: string | null = null) {
  const events: any[] = [];
  socket.on("session:event", (e) => events.push(e));
  let base: SessionState | null = null;
  return {
    events,
    self,
    setBase(state: SessionState, me: string | null = self) {
      base = state;
      this.self = me;
    },
    get state(): SessionState {
      if (!base) throw new Error("no sync yet");
      return events.reduce((st: SessionState, e) => applyEvent(st, e, this.self), base);
    },
  };
}
type Mirror = ReturnType<typeof mirror>;

function must<T extends { ok: boolean }>(what: string, ack: T): T & { ok: true } & Record<string, any> {
  if (!ack.ok) throw new Error(`${what} failed: ${JSON.stringify(ack)}`);
  return ack as T & { ok: true } & Record<string, any>;
}

const codeOf = (ack: { ok: boolean; error?: { code: string } }) => (ack.ok ? "ok" : ack.error!.code);
const noteId = () => `note-${crypto.randomUUID()}`;

interface Phone {
  socket: TestSocket;
  id: string;
  token: string;
  jar: Jar;
  nickname: string;
  view: Mirror;
}

/**
 * A trainer's console and a projector watching a fresh session (both
 * mirrored), and a way to add phones, each its own device (cookie jar).
 */
async function classroom(title = "Room") {
  const trainer = await t.account("trainer");
  const console_ = await t.connect({ cookie: trainer.cookie });
  const consoleView = mirror(console_);
  const created = must("create", await send(console_, "session:create", { id: cid(), title, language: "en" }));
  const sessionId = created.sessionId as string;
  const code = created.code as string;
  const watched = must("watch", await send(console_, "session:watch", { id: cid(), sessionId, lastSeq: 0 }));
  consoleView.setBase(watched.sync.state);
  const screenKey = await sealScreenKey(sessionId, t.server.services.secret);
  const screen = await t.connect();
  const screenView = mirror(screen);
  const sw = must("screen watch", await send(screen, "session:watch", { id: cid(), sessionId, lastSeq: 0, screenKey }));
  screenView.setBase(sw.sync.state);

  async function join(nickname: string, jar: Jar = newJar()) {
    const socket = await connectDevice(jar);
    const view = mirror(socket);
    const ack = await send(socket, "participant:join", { id: cid(), code, nickname });
    return { socket, jar, view, ack };
  }
  async function phone(nickname: string, jar: Jar = newJar()): Promise<Phone> {
    const j = await join(nickname, jar);
    const ack = must(`join ${nickname}`, j.ack);
    j.view.setBase(ack.sync.state, ack.participantId);
    return { socket: j.socket, id: ack.participantId, token: ack.token, jar, nickname: ack.sync.state.participants[ack.participantId].nickname, view: j.view };
  }
  const configure = (settings: { locked?: boolean; approveJoiners?: boolean; cap?: number | null }) =>
    send(console_, "room:configure", { id: cid(), sessionId, ...settings });
  return { trainer, console: console_, consoleView, screen, screenView, sessionId, code, screenKey, join, phone, configure };
}

/** Four phones in two groups of two: `a` and `mateA` together, `b` and `mateB` together. */
async function twoGroups(room: Awaited<ReturnType<typeof classroom>>) {
  const phones = [await room.phone("Aida"), await room.phone("Bolat"), await room.phone("Dana"), await room.phone("Erlan")];
  must("groups", await send(room.console, "groups:form", { id: cid(), sessionId: room.sessionId, by: "count", n: 2 }));
  const st = await staffState(room.console, room.sessionId);
  const groupOf = (p: Phone) => st.membership[p.id] as string;
  const a = phones[0];
  const mateA = phones.find((p) => p !== a && groupOf(p) === groupOf(a))!;
  const [b, mateB] = phones.filter((p) => groupOf(p) !== groupOf(a));
  return { phones, a, mateA, b, mateB, groupA: groupOf(a), groupB: groupOf(b) };
}

/** Waits until `check` holds (polling), or fails with `what`. */
async function until(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await sleep(20);
  }
}

// ---------------------------------------------------------------------------

describe("locking the room", () => {
  it("refuses new joiners with SESSION_LOCKED while locked; the console, projector and phones hear room:configured; unlocking lets people in again", async () => {
    const room = await classroom();
    const aida = await room.phone("Aida");
    const heard = [room.console, room.screen, aida.socket].map((s) => nextEvent(s, "room:configured", (e) => e.payload.settings.locked === true));
    must("lock", await room.configure({ locked: true }));
    const events = await Promise.all(heard);
    for (const e of events) expect(e.payload.settings).toEqual({ locked: true, approveJoiners: false, cap: null });

    const late = await room.join("Bolat");
    expect(codeOf(late.ack)).toBe("SESSION_LOCKED");
    // Locked is closed to *new* people: a phone already in the session comes back with its pass.
    const back = await t.connect();
    expect(codeOf(await send(back, "participant:resume", { id: cid(), token: aida.token, lastSeq: 0 }))).toBe("ok");

    const reopened = nextEvent(aida.socket, "room:configured", (e) => e.payload.settings.locked === false);
    must("unlock", await room.configure({ locked: false }));
    await reopened;
    const bolat = await room.join("Bolat");
    expect(codeOf(bolat.ack)).toBe("ok");
    const st = await staffState(room.console, room.sessionId);
    expect(st.participantOrder.map((id: string) => st.participants[id].nickname)).toEqual(["Aida", "Bolat"]);
    expect(room.consoleView.state.room).toEqual({ locked: false, approveJoiners: false, cap: null });
  });

  it("only the session's trainer may lock it", async () => {
    const room = await classroom();
    const aida = await room.phone("Aida");
    expect(codeOf(await send(aida.socket, "room:configure", { id: cid(), sessionId: room.sessionId, locked: true }))).not.toBe("ok");
    const stranger = await t.account("trainer");
    const other = await t.connect({ cookie: stranger.cookie });
    expect(codeOf(await send(other, "room:configure", { id: cid(), sessionId: room.sessionId, locked: true }))).toBe("FORBIDDEN");
    expect(codeOf((await room.join("Bolat")).ack)).toBe("ok");
  });
});

describe("capping the room", () => {
  it("answers SESSION_FULL once the cap is reached, and lets people in when it is raised", async () => {
    const room = await classroom();
    await room.phone("Aida");
    await room.phone("Bolat");
    must("cap", await room.configure({ cap: 3 }));
    expect(codeOf((await room.join("Dana")).ack)).toBe("ok");
    expect(codeOf((await room.join("Erlan")).ack)).toBe("SESSION_FULL");
    expect(codeOf((await room.join("Farida")).ack)).toBe("SESSION_FULL");
    const st = await staffState(room.console, room.sessionId);
    expect(st.participantOrder).toHaveLength(3);
    must("raise", await room.configure({ cap: 4 }));
    expect(codeOf((await room.join("Erlan")).ack)).toBe("ok");
    expect(codeOf((await room.join("Farida")).ack)).toBe("SESSION_FULL");
    must("no cap", await room.configure({ cap: null }));
    expect(codeOf((await room.join("Farida")).ack)).toBe("ok");
  });
});

describe("approving joiners", () => {
  it("keeps a newcomer waiting (AWAITING_APPROVAL, listed for staff) until admitted; then it can post", async () => {
    const room = await classroom();
    const aida = await room.phone("Aida");
    const seenByAida = collect(aida.socket, "session:event");
    must("approve", await room.configure({ approveJoiners: true }));

    const zarina = await room.phone("Zarina");
    expect(zarina.view.state.waiting).toEqual([zarina.id]);
    const refused = await send(zarina.socket, "note:add", { id: cid(), noteId: noteId(), text: "Let me in" });
    expect(codeOf(refused)).toBe("AWAITING_APPROVAL");
    expect(codeOf(await send(zarina.socket, "note:vote", { id: cid(), noteId: noteId(), on: true }))).toBe("AWAITING_APPROVAL");

    const st = await staffState(room.console, room.sessionId);
    expect(st.waiting).toEqual([zarina.id]);
    expect(st.participants[zarina.id].nickname).toBe("Zarina");
    await until("console sees the waiting joiner", () => room.consoleView.state.waiting.includes(zarina.id));

    const admittedOnPhone = nextEvent(zarina.socket, "participants:admitted");
    must("admit", await send(room.console, "participant:admit", { id: cid(), sessionId: room.sessionId, participantIds: [zarina.id] }));
    expect((await admittedOnPhone).payload.participantIds).toEqual([zarina.id]);
    expect(zarina.view.state.waiting).toEqual([]);
    const posted = await send(zarina.socket, "note:add", { id: cid(), noteId: noteId(), text: "Thanks" });
    expect(codeOf(posted)).toBe("ok");
    expect((await staffState(room.console, room.sessionId)).waiting).toEqual([]);
    // Admitting someone who is not waiting is refused.
    expect(codeOf(await send(room.console, "participant:admit", { id: cid(), sessionId: room.sessionId, participantIds: [zarina.id] }))).toBe("PARTICIPANT_NOT_FOUND");

    await sleep(100);
    // Aida (in no group) never learned the waiting person's name, before or after.
    expect(JSON.stringify(seenByAida)).not.toContain("Zarina");
  });

  it("does not tell other phones a waiting person's nickname, ungrouped", async () => {
    const room = await classroom();
    const aida = await room.phone("Aida");
    const bolat = await room.phone("Bolat");
    must("approve", await room.configure({ approveJoiners: true }));
    const seen = [collect(aida.socket, "session:event"), collect(bolat.socket, "session:event")];
    const onConsole = nextEvent(room.console, "participant:joined", (e) => e.payload.nickname === "Zarina");
    await room.phone("Zarina");
    await onConsole;
    await sleep(150);
    for (const s of seen) expect(JSON.stringify(s)).not.toContain("Zarina");
  });

  // BUG (lib/domain/session-commands.ts + lib/domain/visibility.ts): with groups formed, a waiting joiner is
  // put straight into the smallest group, and its participant:joined goes to that group's phones with
  // `view.members` naming it ("Zarina") — and the waiting phone joins the group's socket room, so it
  // hears the group's news before the trainer lets it in. Expected: nothing about a waiting person
  // reaches other phones until participants:admitted.
  it("does not tell group mates a waiting person's nickname when groups are formed", async () => {
    const room = await classroom();
    const g = await twoGroups(room);
    must("approve", await room.configure({ approveJoiners: true }));
    const seen = g.phones.map((p) => collect(p.socket, "session:event"));
    const onConsole = nextEvent(room.console, "participant:joined", (e) => e.payload.nickname === "Zarina");
    const zarina = await room.phone("Zarina");
    await onConsole;
    await sleep(150);
    for (const s of seen) expect(JSON.stringify(s)).not.toContain("Zarina");
    for (const p of g.phones) expect(Object.values(p.view.state.participants).map((x) => x.nickname)).not.toContain("Zarina");
    expect(zarina.view.state.waiting).toEqual([zarina.id]);
  });
});

describe("a waiting phone in a grouped session", () => {
  // BUG (same cause as above): a waiting joiner is bound into its group's socket room at join, and its
  // join snapshot carries its group's notes, so it reads the group's work before the trainer lets it in.
  it("hears none of its group's notes until admitted", async () => {
    const room = await classroom();
    const g = await twoGroups(room);
    for (const p of g.phones) must("note", await send(p.socket, "note:add", { id: cid(), noteId: noteId(), text: `Before, from ${p.nickname}` }));
    must("approve", await room.configure({ approveJoiners: true }));
    const zarina = await room.phone("Zarina");
    for (const p of g.phones) must("note", await send(p.socket, "note:add", { id: cid(), noteId: noteId(), text: `While waiting, from ${p.nickname}` }));
    await until("console has 8 notes", () => room.consoleView.state.noteOrder.length === 8);
    await sleep(150);
    expect(zarina.view.state.noteOrder).toEqual([]);
    expect(zarina.view.events.filter((e) => e.type === "note:added")).toEqual([]);
  });
});

describe("removing participants", () => {
  async function removeTwoOfFour(keepNotes: boolean) {
    const room = await classroom();
    const g = await twoGroups(room);
    const notes = new Map<Phone, string>();
    for (const p of g.phones) {
      const id = noteId();
      notes.set(p, id);
      must(`note by ${p.nickname}`, await send(p.socket, "note:add", { id: cid(), noteId: id, text: `Idea from ${p.nickname}` }));
    }
    await until("console has the 4 notes", () => room.consoleView.state.noteOrder.length === 4);
    await until("mates have their group's notes", () => g.mateA.view.state.noteOrder.length === 2 && g.mateB.view.state.noteOrder.length === 2);
    // Everyone is online and the presence feed has settled.
    await sleep(PRESENCE_FLUSH_MS + 100);

    const removed = [g.a, g.b];
    const kept = [g.mateA, g.mateB];
    const marks = removed.map((p) => p.view.events.length);
    const presence = collect(room.console, "presence:changed");
    const heardByConsole = nextEvent(room.console, "participants:removed");
    const ack = must("remove", await send(room.console, "participant:remove", { id: cid(), sessionId: room.sessionId, participantIds: removed.map((p) => p.id), keepNotes }));
    await heardByConsole;
    await until("removed phones heard", () => removed.every((p, i) => p.view.events.length > marks[i]));
    for (const k of kept) await until(`${k.nickname} heard`, () => k.view.events.some((e) => e.type === "participants:removed"));
    await until("projector heard", () => room.screenView.events.some((e) => e.type === "participants:removed"));
    return { room, g, notes, removed, kept, marks, presence, removeSeq: ack.seq as number };
  }

  // BUG (lib/server/live/socket-server.ts onEvent + lib/domain/visibility.ts routeEvent): a removed phone gets
  // TWO participants:removed: its own form ([its id]) and the "ungrouped" form naming every removed
  // participant. moveGroupRooms takes it out of its group room before the broadcast, but it is still in
  // the session room (socketsLeave comes after broadcastEvent), and the "ungrouped" route is "the session
  // room except trainers, screen and group rooms", so it matches. Expected: one event naming only itself.
  it("tells each removed phone of its own removal only: one participants:removed naming itself", async () => {
    const { removed, kept, marks, removeSeq } = await removeTwoOfFour(true);
    await sleep(100);
    for (const [i, p] of removed.entries()) {
      const told = p.view.events.slice(marks[i]);
      const other = removed.find((x) => x !== p)!;
      expect(told.map((e) => [e.type, e.seq])).toEqual([["participants:removed", removeSeq]]);
      expect(told[0].payload.participantIds).toEqual([p.id]);
      // Nothing about anyone else: no other removed id, no group view with names.
      expect(JSON.stringify(told)).not.toContain(other.id);
      for (const k of kept) expect(JSON.stringify(told)).not.toContain(k.nickname);
    }
  });

  it("tells each removed phone of its own removal (among what it gets)", async () => {
    const { removed, marks, removeSeq } = await removeTwoOfFour(true);
    for (const [i, p] of removed.entries()) {
      const told = p.view.events.slice(marks[i]);
      expect(told.length).toBeGreaterThanOrEqual(1);
      expect(told.every((e) => e.type === "participants:removed" && e.seq === removeSeq)).toBe(true);
      expect(told.some((e) => e.payload.participantIds.length === 1 && e.payload.participantIds[0] === p.id)).toBe(true);
      // Its own view after the event: it is no longer a participant.
      expect(p.view.state.participantOrder).toEqual([]);
    }
  });

  it("then sends a removed phone nothing more: no later note, broadcast, presence, regrouping or lock reaches it", async () => {
    const { room, g, removed, kept } = await removeTwoOfFour(true);
    await sleep(100);
    const after = removed.map((p) => p.view.events.length);
    const afterPresence = removed.map((p) => collect(p.socket, "presence:changed"));
    const afterAnything = removed.map((p) => {
      const seen: string[] = [];
      p.socket.onAny((name) => seen.push(String(name)));
      return seen;
    });
    // The session goes on: notes in both groups, a broadcast to all and to a group, a new grouping, a lock.
    must("mate note", await send(g.mateA.socket, "note:add", { id: cid(), noteId: noteId(), text: "After" }));
    must("mate note", await send(g.mateB.socket, "note:add", { id: cid(), noteId: noteId(), text: "After too" }));
    must("broadcast", await send(room.console, "broadcast:send", { id: cid(), sessionId: room.sessionId, text: "Everyone: break" }));
    must("group broadcast", await send(room.console, "broadcast:send", { id: cid(), sessionId: room.sessionId, text: "Group A only", groupId: g.groupA }));
    must("regroup", await send(room.console, "groups:form", { id: cid(), sessionId: room.sessionId, by: "count", n: 1 }));
    must("lock", await send(room.console, "room:configure", { id: cid(), sessionId: room.sessionId, locked: true }));
    const newcomerRoom = await send(room.console, "room:configure", { id: cid(), sessionId: room.sessionId, locked: false });
    must("unlock", newcomerRoom);
    await room.phone("Galym");
    const lastOnMate = nextEvent(g.mateB.socket, "broadcast:sent", (e) => e.payload.text === "Last");
    must("last", await send(room.console, "broadcast:send", { id: cid(), sessionId: room.sessionId, text: "Last" }));
    await lastOnMate;
    await sleep(PRESENCE_FLUSH_MS + 100);
    removed.forEach((p, i) => expect(p.view.events.slice(after[i])).toEqual([]));
    afterPresence.forEach((x) => expect(x).toEqual([]));
    afterAnything.forEach((x) => expect(x).toEqual([]));
    for (const k of kept) {
      expect(k.view.events.some((e) => e.type === "broadcast:sent" && e.payload.text === "Everyone: break")).toBe(true);
      expect(k.view.events.some((e) => e.type === "groups:formed")).toBe(true);
    }
    // Their sockets are still connected: cut off, not disconnected.
    expect(removed.every((p) => p.socket.connected)).toBe(true);
  });

  it("answers REMOVED to a removed phone's commands, its resume, and a join from its device; another device joins fine", async () => {
    const { room, removed } = await removeTwoOfFour(true);
    for (const p of removed) {
      expect(codeOf(await send(p.socket, "note:add", { id: cid(), noteId: noteId(), text: "Still here?" }))).toBe("REMOVED");
      expect(codeOf(await send(p.socket, "group:mark", { id: cid(), groupId: "whatever-1", done: true }))).toBe("REMOVED");
    }
    const [a] = removed;
    // Reloading the page: a new connection from the same device, with its pass.
    const again = await connectDevice(a.jar);
    expect(codeOf(await send(again, "participant:resume", { id: cid(), token: a.token, lastSeq: 0 }))).toBe("REMOVED");
    // The pass cleared, joining afresh with the code from the same device (same cookie).
    expect(a.jar.get(DEVICE_COOKIE)).toEqual(expect.any(String));
    expect(codeOf(await send(again, "participant:join", { id: cid(), code: room.code, nickname: "Aida again" }))).toBe("REMOVED");
    const fresh = await connectDevice(a.jar);
    expect(codeOf(await send(fresh, "participant:join", { id: cid(), code: room.code, nickname: "Someone" }))).toBe("REMOVED");
    // A different device joins at once.
    const other = await connectDevice(newJar());
    expect(codeOf(await send(other, "participant:join", { id: cid(), code: room.code, nickname: "Galym" }))).toBe("ok");
    const st = await staffState(room.console, room.sessionId);
    expect(st.removed.sort()).toEqual(removed.map((p) => p.id).sort());
    expect(st.participantOrder).toHaveLength(3);
    // Device hashes never reach a console's snapshot.
    expect(st.devices).toEqual({});
    expect(st.bannedDevices).toEqual([]);
  });

  it("with keepNotes=false takes their notes out of every other client's state and of a fresh snapshot; the console's presence count drops", async () => {
    const { room, g, notes, removed, kept, presence } = await removeTwoOfFour(false);
    const goneNotes = removed.map((p) => notes.get(p)!);
    const keptNotes = kept.map((p) => notes.get(p)!);
    await until("presence drop", () => presence.some((x) => x.count === 2));
    const drop = presence.find((x) => x.count === 2);
    expect(drop.left.sort()).toEqual(removed.map((p) => p.id).sort());
    expect(drop.joined).toEqual([]);

    const views: [string, SessionState][] = [
      ["console", room.consoleView.state],
      ["projector", room.screenView.state],
      ["mateA", g.mateA.view.state],
      ["mateB", g.mateB.view.state],
    ];
    for (const [who, st] of views) {
      expect({ who, notes: st.noteOrder.filter((id) => goneNotes.includes(id)) }).toEqual({ who, notes: [] });
      expect({ who, notes: Object.keys(st.notes).filter((id) => goneNotes.includes(id)) }).toEqual({ who, notes: [] });
      expect({ who, people: st.participantOrder.filter((id) => removed.some((p) => p.id === id)) }).toEqual({ who, people: [] });
    }
    expect([...room.consoleView.state.noteOrder].sort()).toEqual([...keptNotes].sort());
    expect([...room.screenView.state.noteOrder].sort()).toEqual([...keptNotes].sort());
    expect(g.mateA.view.state.noteOrder).toEqual([notes.get(g.mateA)]);
    expect(g.mateB.view.state.noteOrder).toEqual([notes.get(g.mateB)]);
    expect([...room.consoleView.state.participantOrder].sort()).toEqual(kept.map((p) => p.id).sort());

    const fresh = await staffState(room.console, room.sessionId);
    expect([...fresh.noteOrder].sort()).toEqual([...keptNotes].sort());
    expect(Object.keys(fresh.notes).sort()).toEqual([...keptNotes].sort());
    const screenFresh = await staffState(room.screen, room.sessionId, room.screenKey);
    expect([...screenFresh.noteOrder].sort()).toEqual([...keptNotes].sort());
    const mateFresh = must("resume", await send(await t.connect(), "participant:resume", { id: cid(), token: g.mateA.token, lastSeq: 0 }));
    expect(mateFresh.sync.state.noteOrder).toEqual([notes.get(g.mateA)]);
    // What the console built from live events is what a fresh snapshot says.
    expect(room.consoleView.state.groupSizes).toEqual(fresh.groupSizes);
    expect(room.consoleView.state.membership).toEqual(fresh.membership);
  });

  it("with keepNotes=true keeps their notes everywhere", async () => {
    const { room, g, notes, presence } = await removeTwoOfFour(true);
    await until("presence drop", () => presence.some((x) => x.count === 2));
    const all = [...notes.values()].sort();
    expect([...room.consoleView.state.noteOrder].sort()).toEqual(all);
    expect([...room.screenView.state.noteOrder].sort()).toEqual(all);
    expect([...g.mateA.view.state.noteOrder].sort()).toEqual([notes.get(g.a), notes.get(g.mateA)].sort());
    expect([...g.mateB.view.state.noteOrder].sort()).toEqual([notes.get(g.b), notes.get(g.mateB)].sort());
    expect([...(await staffState(room.console, room.sessionId)).noteOrder].sort()).toEqual(all);
  });

  // BUG (lib/domain/visibility.ts eventForGroup): device hashes are "server only: never sent to a client",
  // and toClientEvent strips them, but eventForGroup rebuilds the phones' forms from the raw payload
  // (`{ ...p, view }`, `{ ...p, participantIds: [self] }`), so `device` (participant:joined into a group)
  // and `devices` (participants:removed) reach phones: group mates of a late joiner, every kept phone and
  // the removed phones themselves.
  it("never sends a device hash to a phone", async () => {
    const { room, g, removed, kept } = await removeTwoOfFour(true);
    const late = await room.phone("Galym");
    await until("mates heard the late joiner", () => kept.some((k) => k.view.events.some((e) => e.type === "participant:joined" && e.payload.participantId === late.id)));
    for (const p of [...removed, ...kept, late]) {
      for (const e of p.view.events) {
        expect({ type: e.type, keys: Object.keys(e.payload).filter((k) => k === "device" || k === "devices") }).toEqual({ type: e.type, keys: [] });
      }
    }
    expect(g.phones).toHaveLength(4);
  });
});

describe("the device cookie", () => {
  it("is set on the engine.io handshake when the phone has none, and not again when it sends one back", async () => {
    const jar = newJar();
    const first = await connectDevice(jar);
    const device = jar.get(DEVICE_COOKIE);
    expect(device).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    first.disconnect();
    jar.set("probe", "x");
    const second = await connectDevice(jar);
    expect(jar.get(DEVICE_COOKIE)).toBe(device);
    second.disconnect();
  });

  it("bars a phone that joined without a cookie (the server-made id) once it comes back with the cookie it was given", async () => {
    const room = await classroom();
    const jar = newJar();
    const p = await room.phone("Aida", jar);
    expect(jar.get(DEVICE_COOKIE)).toEqual(expect.any(String));
    must("remove", await send(room.console, "participant:remove", { id: cid(), sessionId: room.sessionId, participantIds: [p.id], keepNotes: true }));
    const back = await connectDevice(jar);
    expect(codeOf(await send(back, "participant:join", { id: cid(), code: room.code, nickname: "Aida" }))).toBe("REMOVED");
  });
});

describe("renaming", () => {
  it("shows the new name on the console, the projector, the phone and its group mates; not to other groups; a taken name is numbered", async () => {
    const room = await classroom();
    const g = await twoGroups(room);
    const otherGroup = [g.b, g.mateB].map((p) => collect(p.socket, "session:event"));
    const told = [room.console, room.screen, g.a.socket, g.mateA.socket].map((s) => nextEvent(s, "participant:renamed"));
    const ack = must("rename", await send(room.console, "participant:rename", { id: cid(), sessionId: room.sessionId, participantId: g.a.id, nickname: "Aigul" }));
    for (const e of await Promise.all(told)) expect(e.payload).toMatchObject({ participantId: g.a.id, nickname: "Aigul" });
    expect(g.a.view.state.participants[g.a.id].nickname).toBe("Aigul");
    expect(g.mateA.view.state.participants[g.a.id].nickname).toBe("Aigul");
    expect(room.consoleView.state.participants[g.a.id].nickname).toBe("Aigul");

    // Renaming to someone else's name (any case) numbers it.
    const taken = g.b.nickname.toUpperCase();
    const second = [room.console, g.a.socket].map((s) => nextEvent(s, "participant:renamed", (e) => e.seq > ack.seq));
    must("rename 2", await send(room.console, "participant:rename", { id: cid(), sessionId: room.sessionId, participantId: g.a.id, nickname: taken }));
    for (const e of await Promise.all(second)) expect(e.payload.nickname).toBe(`${taken} 2`);
    // Keeping one's own name is not a clash.
    must("rename 3", await send(room.console, "participant:rename", { id: cid(), sessionId: room.sessionId, participantId: g.mateA.id, nickname: g.mateA.nickname }));
    const st = await staffState(room.console, room.sessionId);
    expect(st.participants[g.mateA.id].nickname).toBe(g.mateA.nickname);
    expect(st.participants[g.a.id].nickname).toBe(`${taken} 2`);

    await sleep(150);
    for (const s of otherGroup) expect(s.filter((e) => e.type === "participant:renamed")).toEqual([]);
    expect(JSON.stringify(otherGroup)).not.toContain("Aigul");
    // Only the trainer renames.
    expect(codeOf(await send(g.a.socket, "participant:rename", { id: cid(), participantId: g.a.id, nickname: "Queen" }))).not.toBe("ok");
  });

  it("tells an ungrouped phone of its own new name only", async () => {
    const room = await classroom();
    const aida = await room.phone("Aida");
    const bolat = await room.phone("Bolat");
    const seenByBolat = collect(bolat.socket, "session:event");
    const own = nextEvent(aida.socket, "participant:renamed");
    must("rename", await send(room.console, "participant:rename", { id: cid(), sessionId: room.sessionId, participantId: aida.id, nickname: "Aigul" }));
    expect((await own).payload.nickname).toBe("Aigul");
    await sleep(100);
    expect(seenByBolat).toEqual([]);
  });
});

describe("nickname squatting", () => {
  it("numbers a second Aigerim instead of refusing or replacing the first", async () => {
    const room = await classroom();
    const first = await room.phone("Aigerim");
    const squatter = await room.phone("Aigerim");
    const third = await room.phone("aigerim");
    expect(first.nickname).toBe("Aigerim");
    expect(squatter.nickname).toBe("Aigerim 2");
    expect(third.nickname).toBe("aigerim 3");
    const st = await staffState(room.console, room.sessionId);
    expect(st.participantOrder.map((id: string) => st.participants[id].nickname)).toEqual(["Aigerim", "Aigerim 2", "aigerim 3"]);
    // The first keeps her identity: her pass still resumes as herself.
    const back = await t.connect();
    const resumed = must("resume", await send(back, "participant:resume", { id: cid(), token: first.token, lastSeq: 0 }));
    expect(resumed.participantId).toBe(first.id);
    // A name at the length limit is shortened to make room for the number.
    const long = "A".repeat(30);
    await room.phone(long);
    const numbered = await room.phone(long);
    expect(numbered.nickname).toBe(`${"A".repeat(28)} 2`);
  });
});

describe("presence", () => {
  it("coalesces 50 joins within about a second into a few small messages (at most one per 250 ms)", async () => {
    const room = await classroom();
    const got: { at: number; bytes: number; payload: any }[] = [];
    room.console.on("presence:changed", (p) => got.push({ at: performance.now(), bytes: Buffer.byteLength(JSON.stringify(p)), payload: p }));
    const sockets = await Promise.all(Array.from({ length: 50 }, () => t.connect()));
    const t0 = performance.now();
    const acks = await Promise.all(
      sockets.map(async (s, i) => {
        await sleep(Math.random() * 900);
        return send(s, "participant:join", { id: cid(), code: room.code, nickname: `Phone ${i}` });
      }),
    );
    const joinedIn = performance.now() - t0;
    expect(acks.map(codeOf)).toEqual(Array(50).fill("ok"));
    expect(joinedIn).toBeLessThan(5000);
    await until("count 50", () => got.some((g) => g.payload.count === 50));
    await sleep(PRESENCE_FLUSH_MS * 2);

    const ids = acks.map((a) => (a as any).participantId as string);
    // The final count is right, and every id came once.
    expect(got[got.length - 1].payload.count).toBe(50);
    const announced = got.flatMap((g) => g.payload.joined as string[]);
    expect(announced.sort()).toEqual([...ids].sort());
    expect(got.every((g) => g.payload.left.length === 0 && !g.payload.full)).toBe(true);
    // At most one message per flush window (the server sends them >= 250 ms apart; arrival jitter allowed).
    for (let i = 1; i < got.length; i++) expect(got[i].at - got[i - 1].at).toBeGreaterThanOrEqual(PRESENCE_FLUSH_MS / 2);
    const span = got[got.length - 1].at - got[0].at;
    expect(got.length).toBeLessThanOrEqual(Math.ceil(span / PRESENCE_FLUSH_MS) + 1);
    expect(got.length).toBeLessThanOrEqual(Math.ceil(joinedIn / PRESENCE_FLUSH_MS) + 2);

    // Bytes: the coalesced messages against one full list per join.
    const bytes = got.reduce((n, g) => n + g.bytes, 0);
    let fullLists = 0;
    for (let k = 1; k <= 50; k++) fullLists += Buffer.byteLength(JSON.stringify({ sessionId: room.sessionId, count: k, joined: ids.slice(0, k), left: [], full: true }));
    expect(bytes).toBeLessThan(fullLists / 10);
    expect(bytes).toBeLessThan(50 * 60);
    // Phones never get presence.
    const phone = sockets[0];
    const phonePresence = collect(phone, "presence:changed");
    await (await t.connect()).timeout(5000).emitWithAck("participant:join", { id: cid(), code: room.code, nickname: "Late" });
    await sleep(PRESENCE_FLUSH_MS + 100);
    expect(phonePresence).toEqual([]);
    console.log(`presence: ${got.length} messages, ${bytes} bytes for 50 joins in ${Math.round(joinedIn)} ms (one full list per join: ${fullLists} bytes)`);
  });
});

describe("the join guard", () => {
  const wrongCode = (i: number) => {
    // Well-formed codes (the alphabet has no 0/1/O/I/L) that are not the session's.
    const alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let n = i + 7919;
    let s = "";
    for (let k = 0; k < 6; k++) {
      s += alphabet[n % alphabet.length];
      n = Math.floor(n / alphabet.length) + 13 * k;
    }
    return s;
  };

  it("slows one socket guessing 200 wrong codes after about 10 guesses", async () => {
    const room = await classroom();
    const guesser = await t.connect();
    const codes: string[] = [];
    for (let i = 0; i < 200; i++) {
      const code = wrongCode(i);
      if (code === room.code) continue;
      codes.push(codeOf(await send(guesser, "participant:join", { id: cid(), code, nickname: "Bot" })));
    }
    const firstLimited = codes.indexOf("RATE_LIMITED");
    expect(firstLimited).toBeGreaterThanOrEqual(5);
    expect(firstLimited).toBeLessThanOrEqual(12);
    const checked = codes.filter((c) => c === "JOIN_CODE_UNKNOWN").length;
    expect(checked).toBeLessThanOrEqual(12);
    expect(codes.filter((c) => c !== "JOIN_CODE_UNKNOWN" && c !== "RATE_LIMITED")).toEqual([]);
    console.log(`one socket, 200 wrong codes: ${checked} checked, first RATE_LIMITED at #${firstLimited + 1}`);
  });

  it("slows 200 wrong codes from fresh sockets on one address: after about 20 they are checked one at a time (doubling) or refused", async () => {
    const room = await classroom();
    const bots = await Promise.all(Array.from({ length: 200 }, () => t.connect()));
    const t0 = performance.now();
    const results = await Promise.all(
      bots.map(async (b, i) => {
        const ack = await send(b, "participant:join", { id: cid(), code: wrongCode(i + 1000), nickname: "Bot" }, 20_000);
        return { code: codeOf(ack), ms: performance.now() - t0 };
      }),
    );
    const checked = results.filter((r) => r.code === "JOIN_CODE_UNKNOWN");
    const limited = results.filter((r) => r.code === "RATE_LIMITED");
    expect(checked.length + limited.length).toBe(200);
    // About twenty get checked at once (the address's budget); a few more one at a time after doubling waits; the rest are refused.
    expect(checked.filter((r) => r.ms < 200).length).toBeLessThanOrEqual(22);
    expect(checked.length).toBeLessThanOrEqual(35);
    expect(limited.length).toBeGreaterThanOrEqual(165);
    expect(room.code).not.toBe("");
  });

  // The trade-off, by design: a code must be checked before it can succeed, so while a guesser on the
  // class's own Wi-Fi is held back, the class's joins queue behind the guesser's one-at-a-time checks too:
  // they are delayed or refused with RATE_LIMITED (the phone says to try again), never let in unchecked.
  it("answers a right code from an address that is being held back with a wait or RATE_LIMITED, never a wrong-code answer", async () => {
    const room = await classroom();
    const bots = await Promise.all(Array.from({ length: 60 }, () => t.connect()));
    const guesses = bots.map((b, i) => send(b, "participant:join", { id: cid(), code: wrongCode(i + 5000), nickname: "Bot" }, 20_000));
    await sleep(100);
    const phones = await Promise.all(Array.from({ length: 5 }, () => t.connect()));
    const acks = await Promise.all(phones.map((p, i) => send(p, "participant:join", { id: cid(), code: room.code, nickname: `Pupil ${i}` }, 20_000)));
    await Promise.all(guesses);
    for (const code of acks.map(codeOf)) expect(["ok", "RATE_LIMITED"]).toContain(code);
  });

  it("lets a right code in at once while the address still has wrong-guess tokens left (a class's own typos)", async () => {
    const room = await classroom();
    for (let i = 0; i < 15; i++) expect(codeOf(await send(await t.connect(), "participant:join", { id: cid(), code: wrongCode(i + 9000), nickname: "Oops" }))).toBe("JOIN_CODE_UNKNOWN");
    const t0 = performance.now();
    const acks = await Promise.all(Array.from({ length: 30 }, async (_, i) => send(await t.connect(), "participant:join", { id: cid(), code: room.code, nickname: `Pupil ${i}` })));
    expect(acks.map(codeOf)).toEqual(Array(30).fill("ok"));
    expect(performance.now() - t0).toBeLessThan(3000);
  });

  it("counts what gets through from many addresses at once (real server, loopback addresses 127.0.0.2-41)", async () => {
    await classroom();
    // Linux routes all of 127/8 to loopback; elsewhere (macOS) only 127.0.0.1 may be bound.
    const probe = await connectDevice(newJar(), { localAddress: "127.0.0.2" }).catch(() => null);
    if (!probe) return console.log("skipped: cannot bind 127.0.0.2 here");
    probe.disconnect();
    const addresses = Array.from({ length: 40 }, (_, i) => `127.0.0.${i + 2}`);
    // Each address sends 15 wrong codes from fresh sockets, all at once.
    const bots = await Promise.all(addresses.flatMap((a) => Array.from({ length: 15 }, () => connectDevice(newJar(), { localAddress: a }))));
    const t0 = performance.now();
    const results = await Promise.all(
      bots.map(async (b, i) => {
        const ack = await send(b, "participant:join", { id: cid(), code: wrongCode(i + 20_000), nickname: "Bot" }, 20_000);
        return { code: codeOf(ack), ms: performance.now() - t0 };
      }),
    );
    const checked = results.filter((r) => r.code === "JOIN_CODE_UNKNOWN");
    const inFirstSecond = checked.filter((r) => r.ms < 1000).length;
    console.log(
      `40 addresses x 15 wrong codes: ${checked.length} checked (${inFirstSecond} within 1 s), ${results.length - checked.length} refused; server-wide budget is 300 wrong codes a minute`,
    );
    // Every address is within its own budget (15 of 20), but the server-wide budget (300 a minute) is passed:
    // from then on every join queues for one of 4 checks a second, for at most 8 s, and the rest are refused.
    expect(checked.length).toBeGreaterThanOrEqual(300);
    expect(checked.length).toBeLessThanOrEqual(300 + 4 * 9);
  });

  // Behind a reverse proxy (TRUST_PROXY=1) the join guard keys by the forwarded address, not the proxy's own.
  it("behind a trusted proxy, counts wrong codes per forwarded address", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ortaq-it-proxy-"));
    const env = parseEnv({ NODE_ENV: "test", PORT: "0", HOST: "127.0.0.1", DATABASE_PATH: path.join(dir, "ortaq.db"), MEDIA_DIR: path.join(dir, "media"), TRUST_PROXY: "1" });
    const server = await startServer({ env, logger: silentLogger });
    const viaProxy = (forwardedFor: string) => {
      const socket = ioClient(server.url, { transports: ["websocket"], forceNew: true, reconnection: false, extraHeaders: { "x-forwarded-for": forwardedFor } });
      extra.push(socket);
      return new Promise<TestSocket>((resolve, reject) => {
        socket.once("connect", () => resolve(socket));
        socket.once("connect_error", reject);
      });
    };
    try {
      // One school's network guesses until it is held back...
      const guesses = await Promise.all(Array.from({ length: 45 }, async (_, i) => codeOf(await send(await viaProxy("203.0.113.7"), "participant:join", { id: cid(), code: wrongCode(i + 30_000), nickname: "Bot" }, 20_000))));
      expect(guesses).toContain("RATE_LIMITED");
      // ...another school's first mistyped code is simply checked.
      const t0 = performance.now();
      const other = await send(await viaProxy("198.51.100.9"), "participant:join", { id: cid(), code: wrongCode(31_000), nickname: "Typo" }, 20_000);
      expect(codeOf(other)).toBe("JOIN_CODE_UNKNOWN");
      expect(performance.now() - t0).toBeLessThan(200);
    } finally {
      extra.forEach((x) => x.disconnect());
      await server.close();
    }
  });

  /**
   * The guard alone on a simulated clock: attackers keep 8 joins in flight
   * per address (a refused one retries after the retry-after it was given,
   * or 50 ms) for one simulated minute; counts the wrong codes checked.
   */
  async function simulate(addresses: number, seconds = 60): Promise<{ checked: number; perAddressMax: number }> {
    let now = 1_000_000;
    const timers: { at: number; fire: () => void }[] = [];
    const sleepFake = (ms: number) => new Promise<void>((r) => timers.push({ at: now + ms, fire: r }));
    const guard = createJoinGuard({ clock: () => now });
    const end = now + seconds * 1000;
    const perAddress = new Map<string, number>();
    let checked = 0;
    const worker = async (address: string) => {
      while (now < end) {
        const r = await guard.guard(
          address,
          async () => {
            if (now < end) {
              checked++;
              perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
            }
            guard.wrong(address);
            return null;
          },
          sleepFake,
        );
        await sleepFake(r && "refused" in r ? Math.max(50, r.retryAfterMs) : 50);
      }
    };
    for (let a = 0; a < addresses; a++) for (let w = 0; w < 8; w++) void worker(`10.0.${a >> 8}.${a & 255}`);
    const flush = () => new Promise((r) => setImmediate(r));
    await flush();
    while (now < end && timers.length) {
      timers.sort((x, y) => x.at - y.at);
      const next = timers.shift()!;
      now = Math.max(now, next.at);
      next.fire();
      // Let everything at this instant run.
      while (timers.length && timers[0].at <= now) timers.shift()!.fire();
      await flush();
    }
    return { checked, perAddressMax: Math.max(...perAddress.values()) };
  }

  it("lets about 50 wrong codes a minute through from one address flat out (simulated clock)", async () => {
    const one = await simulate(1);
    console.log(`join guard, 1 address, 1 minute flat out: ${one.checked} wrong codes checked`);
    expect(one.checked).toBeLessThanOrEqual(60);
    expect(one.checked).toBeGreaterThanOrEqual(10);
  });

  // Once the server-wide budget (300 a minute) is passed, every join queues for one of 4 checks a second.
  it("keeps wrong codes across the server near the server-wide budget when 100 addresses guess (simulated clock)", async () => {
    const many = await simulate(100);
    console.log(`join guard, 100 addresses, 1 minute flat out: ${many.checked} wrong codes checked (budget 300/min), most from one address ${many.perAddressMax}`);
    expect(many.checked).toBeLessThanOrEqual(2 * 300);
  });
});

describe("the log", () => {
  it("holds every room-control event, and the session replays from it to the same staff state", async () => {
    const room = await classroom();
    const seqs: { seq: number; type: string }[] = [];
    const run = async (type: string, event: string, payload: object, socket = room.console) => {
      const ack = must(event, await send(socket, event, { id: cid(), sessionId: room.sessionId, ...payload }));
      seqs.push({ seq: ack.seq, type });
      return ack;
    };
    const g = await twoGroups(room);
    for (const p of g.phones) await run("note:added", "note:add", { noteId: noteId(), text: `From ${p.nickname}` }, p.socket);
    await run("room:configured", "room:configure", { locked: true });
    await run("room:configured", "room:configure", { locked: false, approveJoiners: true, cap: 10 });
    const waiting = await room.phone("Zarina");
    const late = await room.phone("Zarina");
    await run("participants:admitted", "participant:admit", { participantIds: [waiting.id] });
    await run("participant:renamed", "participant:rename", { participantId: g.mateA.id, nickname: "Aida" });
    await run("participants:removed", "participant:remove", { participantIds: [g.a.id, g.b.id], keepNotes: false });
    await run("participants:removed", "participant:remove", { participantIds: [late.id], keepNotes: true });
    await run("room:configured", "room:configure", { approveJoiners: false, cap: null });
    await run("participant:renamed", "participant:rename", { participantId: waiting.id, nickname: "Zarina K" });
    await sleep(PRESENCE_FLUSH_MS + 150);

    const log = await t.server.services.store.readSince(room.sessionId, 0);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    for (const s of seqs) expect({ seq: s.seq, type: log.find((e) => e.seq === s.seq)?.type }).toEqual(s);
    const types = log.map((e) => e.type);
    expect(types.filter((x) => x === "participant:joined")).toHaveLength(6);
    expect(types.filter((x) => x === "participants:removed")).toHaveLength(2);
    // The console's mirror ends where the log ends.
    await until("console caught up", () => room.consoleView.state.seq === log[log.length - 1].seq);

    const before = await staffState(room.console, room.sessionId);
    expect(before.seq).toBe(log[log.length - 1].seq);
    expect([...before.removed].sort()).toEqual([g.a.id, g.b.id, late.id].sort());
    expect(before.waiting).toEqual([]);
    // Renamed to a name in use at the time (Aida, since removed): numbered.
    expect(before.participants[g.mateA.id].nickname).toBe("Aida 2");
    expect(before.room).toEqual({ locked: false, approveJoiners: false, cap: null });

    t.server.sockets.registry.evict(room.sessionId);
    const replayed = await staffState(room.console, room.sessionId);
    expect(replayed).toEqual(before);
    // And what the console built from live events is what the log gives.
    const mirrored = room.consoleView.state;
    for (const k of ["participantOrder", "participants", "noteOrder", "room", "waiting", "removed", "membership", "groupSizes"] as const) {
      expect({ k, v: mirrored[k] }).toEqual({ k, v: replayed[k] });
    }

    // The rules still hold after the reload: removed stay removed, their device stays barred.
    expect(codeOf(await send(await connectDevice(newJar()), "participant:resume", { id: cid(), token: g.a.token, lastSeq: 0 }))).toBe("REMOVED");
    expect(codeOf(await send(await connectDevice(g.b.jar), "participant:join", { id: cid(), code: room.code, nickname: "Back" }))).toBe("REMOVED");
    expect(codeOf(await send(g.mateB.socket, "note:add", { id: cid(), noteId: noteId(), text: "Still on" }))).toBe("ok");
  });
});

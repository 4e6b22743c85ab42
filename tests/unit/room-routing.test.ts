import type { EventBody, SessionEvent } from "@/lib/domain/events";
import { emptySessionState, type SessionState } from "@/lib/domain/session-state";
import { routeEvent, type Route } from "@/lib/domain/visibility";
import { broadcastEvent, roomsFor } from "@/lib/server/live/room-routing";
import { rooms, type OrtaqServer } from "@/lib/server/live/socket-types";

const S = "s1";
/** A session with two groups, "ga" and "gb". */
const grouped: SessionState = { ...emptySessionState(S), groupOrder: ["ga", "gb"] };
const ungroupedSession: SessionState = emptySessionState(S);

describe("roomsFor: the socket.io rooms each route names", () => {
  const cases: [string, Route, SessionState, { to: string[]; except: string[] }][] = [
    ["all", { to: "all" }, grouped, { to: ["session:s1"], except: [] }],
    ["staff (console and projector)", { to: "staff" }, grouped, { to: ["trainers:s1", "screen:s1"], except: [] }],
    ["trainers only", { to: "trainers" }, grouped, { to: ["trainers:s1"], except: [] }],
    ["projector only", { to: "screen" }, grouped, { to: ["screen:s1"], except: [] }],
    ["participants: the session minus staff", { to: "participants" }, grouped, { to: ["session:s1"], except: ["trainers:s1", "screen:s1"] }],
    [
      "participants but one (a voter hears its own form)",
      { to: "participants", except: "p1" },
      grouped,
      { to: ["session:s1"], except: ["trainers:s1", "screen:s1", "participant:s1:p1"] },
    ],
    ["one group", { to: "group", groupId: "ga" }, grouped, { to: ["group:s1:ga"], except: [] }],
    ["one group but one member", { to: "group", groupId: "ga", except: "p2" }, grouped, { to: ["group:s1:ga"], except: ["participant:s1:p2"] }],
    ["one participant", { to: "participant", participantId: "p3" }, grouped, { to: ["participant:s1:p3"], except: [] }],
    ["ungrouped: the session minus staff and every group", { to: "ungrouped" }, grouped, { to: ["session:s1"], except: ["trainers:s1", "screen:s1", "group:s1:ga", "group:s1:gb"] }],
    ["ungrouped with no groups: every phone", { to: "ungrouped" }, ungroupedSession, { to: ["session:s1"], except: ["trainers:s1", "screen:s1"] }],
  ];

  it.each(cases)("%s", (_name, route, after, expected) => {
    expect(roomsFor(S, route, after)).toEqual(expected);
  });

  it("covers every route kind in the table above", () => {
    // Route["to"] as a record key: a new kind of route without a case here fails the type check.
    const kinds: Record<Route["to"], true> = { all: true, staff: true, trainers: true, screen: true, participants: true, group: true, participant: true, ungrouped: true };
    expect(new Set(cases.map(([, r]) => r.to))).toEqual(new Set(Object.keys(kinds)));
  });

  it.each(cases)("never names a room of another session (%s)", (_name, route, after) => {
    const r = roomsFor("other", route, after);
    const all = [...r.to, ...r.except];
    expect(all.length).toBeGreaterThan(0);
    for (const room of all) expect(room).toMatch(/^[a-z]+:other(:|$)/);
  });

  it("leaves staff out of every route meant for phones", () => {
    const phoneRoutes: Route[] = [{ to: "participants" }, { to: "ungrouped" }, { to: "participants", except: "p1" }];
    for (const route of phoneRoutes) {
      const r = roomsFor(S, route, grouped);
      expect(r.except).toEqual(expect.arrayContaining([rooms.trainers(S), rooms.screen(S)]));
    }
  });
});

/**
 * A server stand-in that records every `local.to(...).except(...).emit(...)`:
 * with several instances each sends stored events to its own sockets only,
 * so it has no `to` of its own.
 */
function recordingIo() {
  const sent: { to: string[]; except: string[]; name: string; event: { type: string; seq: number } }[] = [];
  const local = {
    to(to: string[]) {
      return {
        except(except: string[]) {
          return {
            emit(name: string, event: { type: string; seq: number }) {
              sent.push({ to, except, name, event });
              return true;
            },
          };
        },
      };
    },
  };
  return { io: { local } as unknown as OrtaqServer, sent };
}

const stored = (body: EventBody, seq = 7): SessionEvent =>
  ({ ...body, sessionId: S, seq, at: 1000, actor: { kind: "system" }, commandId: null }) as SessionEvent;

describe("broadcastEvent", () => {
  const events: [string, SessionEvent, { to: string[]; except: string[] }[]][] = [
    ["a broadcast to everyone goes to the whole session", stored({ type: "broadcast:sent", payload: { messageId: "m1", text: "hi", groupId: null } }), [{ to: ["session:s1"], except: [] }]],
    [
      "a broadcast to one group goes to staff and that group only (one message: the same form)",
      stored({ type: "broadcast:sent", payload: { messageId: "m2", text: "hi", groupId: "gb" } }),
      [{ to: ["trainers:s1", "screen:s1", "group:s1:gb"], except: [] }],
    ],
    [
      "a profile answer goes to trainers and its own phone, never the projector",
      stored({ type: "participant:profiled", payload: { participantId: "p1", ageBand: "18-24", sex: "female" } }),
      [{ to: ["trainers:s1", "participant:s1:p1"], except: [] }],
    ],
    ["an attendance peak goes to trainers only", stored({ type: "attendance:peaked", payload: { online: 3 } }), [{ to: ["trainers:s1"], except: [] }]],
  ];

  it.each(events)("%s", (_name, event, expected) => {
    const { io, sent } = recordingIo();
    broadcastEvent(io, event, grouped);
    expect(sent.map(({ to, except }) => ({ to, except }))).toEqual(expected);
    for (const s of sent) {
      expect(s.name).toBe("session:event");
      expect(s.event).toMatchObject({ type: event.type, seq: event.seq, sessionId: S, at: event.at });
      // The log's actor and command id never leave the server.
      expect(s.event).not.toHaveProperty("actor");
      expect(s.event).not.toHaveProperty("commandId");
    }
  });

  it("sends a form that several routes carry once, to all their rooms", () => {
    const note = { id: "n1", groupId: "ga", stepId: null, text: "idea", authorId: "p1", anonymous: false, status: "visible" as const, flagged: false, clusterId: null, votes: 0, createdAt: 1, editedAt: null };
    const event = stored({ type: "note:added", payload: { note } });
    const after: SessionState = { ...grouped, notes: { n1: note }, noteOrder: ["n1"] };
    const { io, sent } = recordingIo();
    broadcastEvent(io, event, after);
    // The console's form, and the room's form to the projector and the note's group in one message.
    expect(sent.map(({ to, except }) => ({ to, except }))).toEqual([
      { to: ["trainers:s1"], except: [] },
      { to: ["screen:s1", "group:s1:ga"], except: [] },
    ]);
    const routes = routeEvent(event, after);
    expect(routes).toHaveLength(3);
    expect(sent[1].event).toEqual(routes[1].event);
  });

  it("sends a late join's sizes to every other group in one message", () => {
    const event = stored({ type: "participant:joined", payload: { participantId: "p9", nickname: "N", groupId: "ga", sizes: { ga: 2, gb: 1 } } });
    const three: SessionState = { ...grouped, groupOrder: ["ga", "gb", "gc"], membership: { p9: "ga" }, participants: { p9: { id: "p9", nickname: "N", joinedAt: 1 } }, participantOrder: ["p9"] };
    const { io, sent } = recordingIo();
    broadcastEvent(io, event, three);
    expect(sent.map(({ to, except }) => ({ to, except }))).toEqual([
      { to: ["trainers:s1", "screen:s1"], except: [] },
      { to: ["group:s1:ga"], except: [] },
      { to: ["group:s1:gb", "group:s1:gc"], except: [] },
      { to: ["session:s1"], except: ["trainers:s1", "screen:s1", "group:s1:ga", "group:s1:gb", "group:s1:gc"] },
    ]);
  });

  it("emits one message per form of the domain's routing, to the rooms roomsFor names", () => {
    const event = stored({ type: "groups:formed", payload: { groups: [{ id: "ga", name: "A", colour: "#000000", members: ["p1"] }, { id: "gb", name: "B", colour: "#000000", members: ["p2"] }], selfSelect: false, cap: null, sizes: { ga: 1, gb: 1 } } });
    const { io, sent } = recordingIo();
    broadcastEvent(io, event, grouped);
    const routes = routeEvent(event, grouped);
    expect(sent).toHaveLength(routes.length);
    expect(sent.map(({ to, except }) => ({ to, except }))).toEqual(routes.map((r) => roomsFor(S, r.route, grouped)));
    expect(sent.map((s) => s.event)).toEqual(routes.map((r) => r.event));
  });
});

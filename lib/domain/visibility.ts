import { publicNote, type Note } from "./board";
import type { ClientEvent, GroupView, SessionEvent } from "./events";
import { BROADCASTS_KEPT, membersOf, type SessionState } from "./session-state";
import { parseSketchId } from "./sketch";
import { helpEventForViewer, helpStateFor, isHelpEvent, routeHelpEvent } from "./help-visibility";
import { POLL_EVENTS, pollRoutes, pollsForViewer, roomPollForm, staffPollForm } from "./poll-visibility";
import { roomPlan } from "./polls";

/**
 * Who looks at a session. Staff (the trainer's console) sees the whole
 * record, hidden and held notes included; the projector sees what the room
 * may see; a participant sees the session, itself, and its own group.
 */
export type Viewer = { kind: "staff" } | { kind: "screen" } | { kind: "participant"; participantId: string };

/**
 * Where one form of an event goes. `staff` is consoles and screens together;
 * `participants` every phone; `ungrouped` the phones in no group.
 */
export type Route =
  | { to: "all" }
  | { to: "staff" }
  | { to: "trainers" }
  | { to: "screen" }
  | { to: "participants"; except?: string }
  | { to: "group"; groupId: string; except?: string }
  | { to: "ungrouped" }
  | { to: "participant"; participantId: string };

const MEMBERSHIP_EVENTS = new Set(["groups:formed", "participant:moved", "groups:merged", "group:split"]);
const SKETCH_EVENTS = new Set(["stroke:committed", "stroke:removed", "sketch:marked", "sketch:hidden", "sketch:restored"]);
const NOTE_EVENTS = new Set(["note:added", "note:edited", "note:deleted", "note:hidden", "note:restored", "note:voted", "note:clustered"]);

export function toClientEvent(event: SessionEvent): ClientEvent {
  return { type: event.type, payload: withoutServerOnly(event), sessionId: event.sessionId, seq: event.seq, at: event.at } as ClientEvent;
}

/** Device hashes stay on the server: no client, staff included, ever receives them. */
function withoutServerOnly(event: SessionEvent): SessionEvent["payload"] {
  if (event.type === "participant:joined" && "device" in event.payload) {
    const { device: _device, ...rest } = event.payload;
    return rest;
  }
  if (event.type === "participants:removed" && "devices" in event.payload) {
    const { devices: _devices, ...rest } = event.payload;
    return rest;
  }
  return event.payload;
}

/** The event without what only the server may hold: every client form is made from this. */
function forClients(event: SessionEvent): SessionEvent {
  const payload = withoutServerOnly(event);
  return payload === event.payload ? event : ({ ...event, payload } as SessionEvent);
}

/** State only the server holds. */
const SERVER_ONLY = { devices: {}, bannedDevices: [] } satisfies Partial<SessionState>;

function withPayload(ce: ClientEvent, payload: object): ClientEvent {
  return { ...ce, payload } as ClientEvent;
}

/** A note as the room (projector, phones) may hold it: no author when anonymous, and no word-filter flag (that is for the trainer). */
export function roomNote(note: Note): Note {
  // Nor whether the concern list matched: that is for the trainer alone.
  const { concern: _concern, ...rest } = publicNote(note);
  return { ...rest, flagged: false };
}

/** Notes a phone in `groupId` may see: visible ones of its group and of the whole room (or all, when shown to all). */
export function notesForGroup(state: SessionState, groupId: string | null): Note[] {
  return state.noteOrder
    .map((id) => state.notes[id])
    .filter((n) => n && n.status === "visible" && (state.board.showAll || n.groupId === null || n.groupId === groupId))
    .map(roomNote);
}

/** A phone's own group and its members' nicknames (and notes, when it moved), from the state after the event. */
export function groupView(state: SessionState, groupId: string | null, withNotes = true): GroupView {
  const notes = withNotes && state.noteOrder.length && !state.board.showAll ? notesForGroup(state, groupId) : undefined;
  if (!groupId) return { groupId: null, members: [], ...(notes ? { notes } : {}) };
  return {
    groupId,
    members: membersOf(state, groupId).map((id) => ({ id, nickname: state.participants[id]?.nickname ?? "" })),
    ...(notes ? { notes } : {}),
  };
}

/** The trainer's form of an event: everything, except who wrote an anonymous note. */
function staffForm(event: SessionEvent): ClientEvent {
  const ce = toClientEvent(event);
  if (event.type === "note:added") return withPayload(ce, { note: publicNote(event.payload.note) });
  return staffPollForm(event, ce);
}

/**
 * The room's form of a note event (projector and phones), or null when the
 * room may not see it. `state` is the state after the event when it goes out
 * live, and the current state in a resync: a note hidden, held or deleted
 * since then is not resent, so its text never reaches a client that missed it.
 */
function publicForm(event: SessionEvent, state: SessionState): ClientEvent | null {
  const ce = toClientEvent(event);
  switch (event.type) {
    case "note:added":
      return event.payload.note.status === "visible" && state.notes[event.payload.note.id]?.status === "visible" ? withPayload(ce, { note: roomNote(event.payload.note) }) : null;
    case "note:edited": {
      // A note the filter now holds disappears from the room, text and all; a released one arrives whole.
      const { concern: _concern, ...payload } = event.payload;
      if (payload.held) return withPayload(ce, { ...payload, text: "", flagged: false });
      const note = state.notes[payload.noteId];
      if (note?.status !== "visible") return null;
      return withPayload(ce, { ...payload, flagged: false, ...(payload.released ? { note: roomNote(note) } : {}) });
    }
    case "note:restored": {
      const note = state.notes[event.payload.noteId];
      return note?.status === "visible" ? withPayload(ce, { ...event.payload, note: roomNote(note) }) : null;
    }
    case "note:voted":
      // The room learns the count, not who voted.
      return withPayload(ce, { ...event.payload, voterId: "" });
    default:
      return ce;
  }
}

/** The projector's form of a sketch event: nothing about a hidden sketch but the hiding itself. */
/** `ce`: the event's client form when the caller has it (the same object then goes to the projector and the group: one message). */
function screenSketchForm(event: SessionEvent, state: SessionState, ce: ClientEvent = toClientEvent(event)): ClientEvent | null {
  const id = (event.payload as { sketchId: string }).sketchId;
  const sketch = state.sketches[id];
  if (event.type === "sketch:hidden") return ce;
  if (event.type === "sketch:restored") return sketch && !sketch.hidden ? withPayload(ce, { ...event.payload, sketch }) : null;
  return sketch?.hidden ? null : ce;
}

/**
 * Who sees a sketch live: a group canvas goes to its group; a personal sketch
 * to its owner and the owner's current group (it follows its owner when moved).
 */
export function sketchAudience(sketchId: string, state: SessionState): { owner: string | null; groupId: string | null } {
  const parsed = parseSketchId(sketchId);
  if (!parsed) return { owner: null, groupId: null };
  if (parsed.ownerKind === "group") return { owner: null, groupId: parsed.ownerId };
  return { owner: parsed.ownerId, groupId: state.membership[parsed.ownerId] ?? null };
}

function sketchVisibleTo(event: SessionEvent, state: SessionState, groupId: string | null, participantId: string | null): boolean {
  const a = sketchAudience((event.payload as { sketchId: string }).sketchId, state);
  return (!!a.owner && a.owner === participantId) || (!!a.groupId && a.groupId === groupId);
}

function noteGroup(event: SessionEvent): string | null | undefined {
  if (event.type === "note:added") return event.payload.note.groupId;
  if (NOTE_EVENTS.has(event.type)) return (event.payload as { groupId: string | null }).groupId;
  return undefined;
}

/**
 * The event as participants in `groupId` (null: in no group) may see it, or
 * null when it is not for them. `participantId` lets a participant see its
 * own join.
 */
export function eventForGroup(raw: SessionEvent, state: SessionState, groupId: string | null, participantId: string | null): ClientEvent | null {
  if (isHelpEvent(raw)) return participantId ? helpEventForViewer(raw, { kind: "participant", participantId }) : null;
  const event = forClients(raw);
  const ce = toClientEvent(event);
  const ng = noteGroup(event);
  if (ng !== undefined) {
    if (event.type === "note:deleted") return ce;
    // A voter always hears of its own vote, even from a group it has left since (its votes count against it).
    if (event.type === "note:voted" && event.payload.voterId === participantId) return ce;
    if (!(state.board.showAll || ng === null || ng === groupId)) return null;
    return publicForm(event, state);
  }
  if (SKETCH_EVENTS.has(event.type)) return event.type === "sketch:hidden" || sketchVisibleTo(event, state, groupId, participantId) ? ce : null;
  if (POLL_EVENTS.has(event.type) || event.type === "session:created") return roomPollForm(event, ce, participantId);
  switch (event.type) {
    case "participants:removed": {
      // A removed phone hears of itself only; the rest learn who left their group and the new sizes.
      const p = event.payload;
      if (participantId && p.participantIds.includes(participantId)) return withPayload(ce, { ...p, participantIds: [participantId], view: undefined });
      return withPayload(ce, { ...p, view: groupView(state, groupId) });
    }
    case "participant:renamed":
      return event.payload.participantId === participantId || (event.payload.groupId !== null && event.payload.groupId === groupId) ? ce : null;
    case "participants:admitted":
      return participantId && event.payload.participantIds.includes(participantId) ? withPayload(ce, { participantIds: [participantId] }) : null;
    case "participant:profiled":
      return event.payload.participantId === participantId ? ce : null;
    case "attendance:peaked":
      return null;
    case "broadcast:sent":
      return event.payload.groupId === null || event.payload.groupId === groupId ? ce : null;
    case "group-timer:set":
      return event.payload.groupId === groupId ? ce : null;
    case "participant:joined": {
      const p = event.payload;
      // Only a current group-mate learns the name (a resync must not reveal someone who has since moved on).
      // Their notes did not change: a newcomer to the group brings none, so the view is the members alone.
      if (p.groupId && p.groupId === groupId && state.membership[p.participantId] === groupId) return withPayload(ce, { ...p, view: groupView(state, groupId, false) });
      if (p.participantId === participantId) return ce;
      // Everyone else learns only the new group sizes.
      return p.sizes ? sizesOnly(ce, p.groupId ?? null, p.sizes) : null;
    }
    case "groups:formed": {
      const p = event.payload;
      // Other groups' names and sizes, never their members.
      const groups = p.groups.map((g) => ({ ...g, members: [] }));
      return withPayload(ce, { ...p, groups, view: groupView(state, groupId) });
    }
    case "participant:moved":
    case "groups:merged":
    case "group:split":
      return withPayload(ce, { ...event.payload, view: groupView(state, groupId) });
    case "board:configured":
      return event.payload.settings.showAll ? withPayload(ce, { ...event.payload, notes: notesForGroup(state, groupId) }) : ce;
    default:
      return ce;
  }
}

/** A late join as phones outside the joiner's group get it: who and what name left out. */
function sizesOnly(ce: ClientEvent, groupId: string | null, sizes: Record<string, number>): ClientEvent {
  return withPayload(ce, { participantId: "", nickname: "", groupId, sizes });
}

/** Every form of an event and where it goes, given the state after it. */
export function routeEvent(raw: SessionEvent, after: SessionState): { route: Route; event: ClientEvent }[] {
  if (isHelpEvent(raw)) return routeHelpEvent(raw);
  const event = forClients(raw);
  const full = toClientEvent(event);
  const ng = noteGroup(event);
  if (ng !== undefined) {
    const room = publicForm(event, after);
    const routes: { route: Route; event: ClientEvent }[] = [{ route: { to: "trainers" }, event: staffForm(event) }];
    if (room) {
      const voter = event.type === "note:voted" ? event.payload.voterId : undefined;
      routes.push({ route: { to: "screen" }, event: room });
      // A deletion (ids only) reaches every phone: one that voted for the note from another group gets its vote back.
      const everyone = after.board.showAll || ng === null || event.type === "note:deleted";
      routes.push(everyone ? { route: { to: "participants", except: voter }, event: room } : { route: { to: "group", groupId: ng, except: voter }, event: room });
      if (voter) routes.push({ route: { to: "participant", participantId: voter }, event: full });
    }
    return routes;
  }
  if (SKETCH_EVENTS.has(event.type)) {
    const routes: { route: Route; event: ClientEvent }[] = [{ route: { to: "trainers" }, event: full }];
    const screen = screenSketchForm(event, after, full);
    if (screen) routes.push({ route: { to: "screen" }, event: screen });
    // Every phone hears of a hiding (ids only): a hidden sketch leaves the spotlight, which all phones know.
    if (event.type === "sketch:hidden") return [...routes, { route: { to: "participants" }, event: full }];
    const a = sketchAudience((event.payload as { sketchId: string }).sketchId, after);
    if (a.groupId) routes.push({ route: { to: "group", groupId: a.groupId }, event: full });
    if (a.owner && !a.groupId) routes.push({ route: { to: "participant", participantId: a.owner }, event: full });
    return routes;
  }
  const polls = pollRoutes(event, full);
  if (polls) return polls;
  switch (event.type) {
    case "participant:forgotten":
      // Ids only, to everyone; the forgotten phone leaves the session's rooms first and hears of it in its own.
      return [
        { route: { to: "staff" }, event: full },
        { route: { to: "participants", except: event.payload.participantId }, event: full },
        { route: { to: "participant", participantId: event.payload.participantId }, event: full },
      ];
    case "participants:removed":
      return [
        { route: { to: "staff" }, event: full },
        ...after.groupOrder.map((g) => ({ route: { to: "group" as const, groupId: g }, event: eventForGroup(event, after, g, null)! })),
        { route: { to: "ungrouped" }, event: eventForGroup(event, after, null, null)! },
        // The removed phones are in no group any more: each hears of itself.
        ...event.payload.participantIds.map((pid) => ({ route: { to: "participant" as const, participantId: pid }, event: eventForGroup(event, after, null, pid)! })),
      ];
    case "participant:renamed": {
      const g = event.payload.groupId;
      return [
        { route: { to: "staff" }, event: full },
        g ? { route: { to: "group", groupId: g }, event: full } : { route: { to: "participant", participantId: event.payload.participantId }, event: full },
      ];
    }
    case "participants:admitted":
      return [
        { route: { to: "staff" }, event: full },
        ...event.payload.participantIds.map((pid) => ({ route: { to: "participant" as const, participantId: pid }, event: eventForGroup(event, after, null, pid)! })),
      ];
    case "participant:profiled":
      return [
        { route: { to: "trainers" }, event: full },
        { route: { to: "participant", participantId: event.payload.participantId }, event: full },
      ];
    case "attendance:peaked":
      return [{ route: { to: "trainers" }, event: full }];
    case "broadcast:sent":
      if (event.payload.groupId === null) return [{ route: { to: "all" }, event: full }];
      return [
        { route: { to: "staff" }, event: full },
        { route: { to: "group", groupId: event.payload.groupId }, event: full },
      ];
    case "group-timer:set":
      return [
        { route: { to: "staff" }, event: full },
        { route: { to: "group", groupId: event.payload.groupId }, event: full },
      ];
    case "participant:joined": {
      const { groupId: g, sizes } = event.payload;
      if (!g) return [{ route: { to: "staff" }, event: full }, { route: { to: "participant", participantId: event.payload.participantId }, event: full }];
      const others = sizes ? sizesOnly(full, g, sizes) : null;
      return [
        { route: { to: "staff" }, event: full },
        { route: { to: "group", groupId: g }, event: eventForGroup(event, after, g, null)! },
        // The other phones' group sizes change too.
        ...(others
          ? [...after.groupOrder.filter((x) => x !== g).map((x) => ({ route: { to: "group" as const, groupId: x }, event: others })), { route: { to: "ungrouped" as const }, event: others }]
          : []),
      ];
    }
    case "board:configured":
      if (!event.payload.settings.showAll) return [{ route: { to: "all" }, event: full }];
      return [
        { route: { to: "staff" }, event: full },
        ...after.groupOrder.map((g) => ({ route: { to: "group" as const, groupId: g }, event: eventForGroup(event, after, g, null)! })),
        { route: { to: "ungrouped" }, event: eventForGroup(event, after, null, null)! },
      ];
    default:
      if (!MEMBERSHIP_EVENTS.has(event.type)) return [{ route: { to: "all" }, event: full }];
      return [
        { route: { to: "staff" }, event: full },
        ...after.groupOrder.map((g) => ({ route: { to: "group" as const, groupId: g }, event: eventForGroup(event, after, g, null)! })),
        { route: { to: "ungrouped" }, event: eventForGroup(event, after, null, null)! },
      ];
  }
}

/**
 * Whether a client form of an event carries current state (a note or notes as
 * they stand now, rebuilt when the event is sent): replayed after later
 * events, it would count them twice, so a resync that holds one answers
 * with a snapshot instead.
 */
export function embedsCurrentState(e: ClientEvent): boolean {
  if (e.type === "note:added") return false;
  const p = e.payload;
  if ("note" in p && p.note !== undefined) return true;
  if ("notes" in p && p.notes !== undefined) return true;
  return "view" in p && p.view?.notes !== undefined;
}

/** The event as one viewer receives it, or null when the viewer may not see it. */
export function eventForViewer(raw: SessionEvent, viewer: Viewer, state: SessionState): ClientEvent | null {
  if (isHelpEvent(raw)) return helpEventForViewer(raw, viewer);
  const event = forClients(raw);
  if (viewer.kind === "staff") return staffForm(event);
  if (viewer.kind === "screen") {
    if (event.type === "participant:profiled" || event.type === "attendance:peaked") return null;
    if (noteGroup(event) !== undefined) return publicForm(event, state);
    if (SKETCH_EVENTS.has(event.type)) return screenSketchForm(event, state);
    if (POLL_EVENTS.has(event.type) || event.type === "session:created") return roomPollForm(event, toClientEvent(event), null);
    return toClientEvent(event);
  }
  return eventForGroup(event, state, state.membership[viewer.participantId] ?? null, viewer.participantId);
}

/** The part of the state a viewer may hold. */
export function stateForViewer(state: SessionState, viewer: Viewer): SessionState {
  if (viewer.kind === "staff") {
    const notes = Object.fromEntries(Object.entries(state.notes).map(([id, n]) => [id, publicNote(n)]));
    return { ...state, notes, polls: pollsForViewer(state.polls, "staff"), ...helpStateFor(state, viewer), ...SERVER_ONLY };
  }
  if (viewer.kind === "screen") {
    const visible = state.noteOrder.filter((id) => state.notes[id]?.status === "visible");
    return {
      ...state,
      notes: Object.fromEntries(visible.map((id) => [id, roomNote(state.notes[id])])),
      noteOrder: visible,
      votesBy: {},
      // pastGroups stay: the projector hears every groups:formed with its members and keeps the same record.
      profiles: {},
      // Attendance is the trainers' (its events go to them only).
      peakOnline: 0,
      plan: roomPlan(state.plan),
      polls: pollsForViewer(state.polls, "screen"),
      sketches: Object.fromEntries(Object.entries(state.sketches).filter(([, k]) => !k.hidden)),
      sketchOrder: state.sketchOrder.filter((id) => !state.sketches[id]?.hidden),
      waiting: [],
      removed: [],
      ...helpStateFor(state, viewer),
      ...SERVER_ONLY,
    };
  }
  const me = state.participants[viewer.participantId];
  const groupId = state.membership[viewer.participantId] ?? null;
  const mates = groupId ? membersOf(state, groupId) : [];
  // Group-mates by name only: a phone never learns when others joined.
  const participants = Object.fromEntries(mates.map((id) => [id, { ...state.participants[id], joinedAt: 0 }]));
  if (me) participants[me.id] = me;
  const membership = Object.fromEntries(mates.map((id) => [id, groupId as string]));
  const notes = notesForGroup(state, groupId);
  return {
    ...state,
    participants,
    participantOrder: me ? [me.id] : [],
    membership,
    pastGroups: [],
    groupTimers: groupId && state.groupTimers[groupId] ? { [groupId]: state.groupTimers[groupId] } : {},
    broadcasts: state.broadcasts.filter((b) => b.groupId === null || b.groupId === groupId).slice(-BROADCASTS_KEPT),
    notes: Object.fromEntries(notes.map((n) => [n.id, n])),
    noteOrder: notes.map((n) => n.id),
    votesBy: { [viewer.participantId]: state.votesBy[viewer.participantId] ?? [] },
    profiles: state.profiles[viewer.participantId] ? { [viewer.participantId]: state.profiles[viewer.participantId] } : {},
    peakOnline: 0,
    plan: roomPlan(state.plan),
    polls: pollsForViewer(state.polls, { participantId: viewer.participantId }),
    ...sketchesFor(state, groupId, viewer.participantId),
    waiting: state.waiting.includes(viewer.participantId) ? [viewer.participantId] : [],
    removed: [],
    ...helpStateFor(state, viewer),
    ...SERVER_ONLY,
  };
}

function sketchesFor(state: SessionState, groupId: string | null, participantId: string) {
  const ids = state.sketchOrder.filter((id) => {
    const a = sketchAudience(id, state);
    return (!!a.owner && a.owner === participantId) || (!!a.groupId && a.groupId === groupId);
  });
  return { sketches: Object.fromEntries(ids.map((id) => [id, state.sketches[id]])), sketchOrder: ids };
}

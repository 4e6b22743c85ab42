import type { ClientEvent, GroupView, SessionEvent } from "./events";
import { membersOf, type SessionState } from "./session-state";

/**
 * Who looks at a session. Staff (the trainer's console) sees the whole
 * record; the projector sees what the room may see; a participant sees the
 * session, its own record, and its own group.
 */
export type Viewer = { kind: "staff" } | { kind: "screen" } | { kind: "participant"; participantId: string };

/**
 * Where one form of an event goes. `ungrouped` is every participant who is in
 * no group; `staff` is consoles and screens.
 */
export type Route =
  | { to: "all" }
  | { to: "staff" }
  | { to: "group"; groupId: string }
  | { to: "ungrouped" }
  | { to: "participant"; participantId: string };

const MEMBERSHIP_EVENTS = new Set(["groups:formed", "participant:moved", "groups:merged", "group:split"]);

export function toClientEvent(event: SessionEvent): ClientEvent {
  return { type: event.type, payload: event.payload, sessionId: event.sessionId, seq: event.seq, at: event.at } as ClientEvent;
}

/** A phone's own group and its members' nicknames, from the state after the event. */
export function groupView(state: SessionState, groupId: string | null): GroupView {
  if (!groupId) return { groupId: null, members: [] };
  return { groupId, members: membersOf(state, groupId).map((id) => ({ id, nickname: state.participants[id]?.nickname ?? "" })) };
}

/**
 * The event as participants in `groupId` (null: in no group) may see it, or
 * null when it is not for them. `participantId` lets a participant see its
 * own join.
 */
export function eventForGroup(event: SessionEvent, state: SessionState, groupId: string | null, participantId: string | null): ClientEvent | null {
  const ce = toClientEvent(event);
  switch (event.type) {
    case "session:created":
    case "session:ended":
    case "agenda:moved":
    case "timer:set":
    case "group:renamed":
    case "group:removed":
    case "groups:dissolved":
    case "group:marked":
      return ce;
    case "broadcast:sent":
      return event.payload.groupId === null || event.payload.groupId === groupId ? ce : null;
    case "group-timer:set":
      return event.payload.groupId === groupId ? ce : null;
    case "participant:joined": {
      const p = event.payload;
      if (p.groupId && p.groupId === groupId) return { ...ce, payload: { ...p, view: groupView(state, groupId) } } as ClientEvent;
      if (p.participantId === participantId) return ce;
      return null;
    }
    case "groups:formed": {
      const p = event.payload;
      // Other groups' names and sizes, never their members.
      const groups = p.groups.map((g) => ({ ...g, members: [] }));
      return { ...ce, payload: { ...p, groups, view: groupView(state, groupId) } } as ClientEvent;
    }
    case "participant:moved":
    case "groups:merged":
    case "group:split":
      return { ...ce, payload: { ...event.payload, view: groupView(state, groupId) } } as ClientEvent;
  }
}

/** Every form of an event and where it goes, given the state after it. */
export function routeEvent(event: SessionEvent, after: SessionState): { route: Route; event: ClientEvent }[] {
  const full = toClientEvent(event);
  switch (event.type) {
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
      const g = event.payload.groupId;
      return [
        { route: { to: "staff" }, event: full },
        g
          ? { route: { to: "group", groupId: g }, event: eventForGroup(event, after, g, null)! }
          : { route: { to: "participant", participantId: event.payload.participantId }, event: full },
      ];
    }
    default:
      if (!MEMBERSHIP_EVENTS.has(event.type)) return [{ route: { to: "all" }, event: full }];
      return [
        { route: { to: "staff" }, event: full },
        ...after.groupOrder.map((g) => ({ route: { to: "group" as const, groupId: g }, event: eventForGroup(event, after, g, null)! })),
        { route: { to: "ungrouped" }, event: eventForGroup(event, after, null, null)! },
      ];
  }
}

/** The event as one viewer receives it, or null when the viewer may not see it. */
export function eventForViewer(event: SessionEvent, viewer: Viewer, state: SessionState): ClientEvent | null {
  if (viewer.kind !== "participant") return toClientEvent(event);
  return eventForGroup(event, state, state.membership[viewer.participantId] ?? null, viewer.participantId);
}

/** The part of the state a viewer may hold: a phone keeps itself, its group's members, and no history. */
export function stateForViewer(state: SessionState, viewer: Viewer): SessionState {
  if (viewer.kind !== "participant") return state;
  const me = state.participants[viewer.participantId];
  const groupId = state.membership[viewer.participantId] ?? null;
  const mates = groupId ? membersOf(state, groupId) : [];
  const participants = Object.fromEntries(mates.map((id) => [id, state.participants[id]]));
  if (me) participants[me.id] = me;
  const membership = Object.fromEntries(mates.map((id) => [id, groupId as string]));
  return {
    ...state,
    participants,
    participantOrder: me ? [me.id] : [],
    membership,
    pastGroups: [],
    groupTimers: groupId && state.groupTimers[groupId] ? { [groupId]: state.groupTimers[groupId] } : {},
    broadcasts: state.broadcasts.filter((b) => b.groupId === null || b.groupId === groupId),
  };
}

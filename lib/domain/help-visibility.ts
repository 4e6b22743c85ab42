import type { ClientEvent, SessionEvent } from "./events";
import type { HelpRequest } from "./safeguarding";
import type { SessionState } from "./session-state";

type HelpEvent = Extract<SessionEvent, { type: "help:requested" | "help:acknowledged" | "help:replied" | "help:purged" }>;
type Viewer = { kind: "staff" } | { kind: "screen" } | { kind: "participant"; participantId: string };
type HelpRoute = { route: { to: "trainers" } | { to: "participant"; participantId: string }; event: ClientEvent };

export function isHelpEvent(event: SessionEvent): event is HelpEvent {
  return event.type === "help:requested" || event.type === "help:acknowledged" || event.type === "help:replied" || event.type === "help:purged";
}

/**
 * The one client form of a help event: who asked is never in it. The server
 * alone knows, to route the reply; the trainer sees a nickname only when the
 * participant chose to share it.
 */
function clientForm(event: HelpEvent): ClientEvent {
  const base = { sessionId: event.sessionId, seq: event.seq, at: event.at };
  if (event.type === "help:purged") return { ...base, type: event.type, payload: {} };
  return { ...base, type: event.type, payload: { ...event.payload, participantId: "" } } as ClientEvent;
}

/** Whose phone hears of a help event: the requester's (a purge: each requester's). */
function requesters(event: HelpEvent): string[] {
  if (event.type === "help:purged") return event.payload.participantIds ?? [];
  return [event.payload.participantId];
}

/** Where a help event goes: the trainers' consoles and the asking phone. Never the projector, never another phone. */
export function routeHelpEvent(event: HelpEvent): HelpRoute[] {
  const form = clientForm(event);
  return [{ route: { to: "trainers" }, event: form }, ...requesters(event).map((participantId) => ({ route: { to: "participant" as const, participantId }, event: form }))];
}

/** A help event as one viewer receives it (live or in a resync), or null. */
export function helpEventForViewer(event: HelpEvent, viewer: Viewer): ClientEvent | null {
  if (viewer.kind === "staff") return clientForm(event);
  if (viewer.kind === "participant" && requesters(event).includes(viewer.participantId)) return clientForm(event);
  return null;
}

/** The help requests a viewer may hold: staff all of them, a phone its own, the projector none; never who asked. */
export function helpStateFor(state: SessionState, viewer: Viewer): Pick<SessionState, "helpRequests" | "helpOrder" | "helpCount"> {
  if (viewer.kind === "screen") return { helpRequests: {}, helpOrder: [], helpCount: 0 };
  const order = viewer.kind === "staff" ? state.helpOrder : state.helpOrder.filter((id) => state.helpRequests[id]?.participantId === viewer.participantId);
  const helpRequests: Record<string, HelpRequest> = {};
  for (const id of order) helpRequests[id] = { ...state.helpRequests[id], participantId: null };
  return { helpRequests, helpOrder: order, helpCount: viewer.kind === "staff" ? state.helpCount : 0 };
}

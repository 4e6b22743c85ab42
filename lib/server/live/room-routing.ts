import type { ClientEvent, SessionEvent } from "@/lib/domain/events";
import type { SessionState } from "@/lib/domain/session-state";
import { routeEvent, type Route } from "@/lib/domain/visibility";
import { rooms, type OrtaqServer } from "./socket-types";

/** The socket.io rooms a route names. `except` lists rooms left out. */
export function roomsFor(sessionId: string, route: Route, after: SessionState): { to: string[]; except: string[] } {
  const id = sessionId;
  switch (route.to) {
    case "all":
      return { to: [rooms.session(id)], except: [] };
    case "staff":
      return { to: [rooms.trainers(id), rooms.screen(id)], except: [] };
    case "trainers":
      return { to: [rooms.trainers(id)], except: [] };
    case "screen":
      return { to: [rooms.screen(id)], except: [] };
    case "participants":
      return { to: [rooms.session(id)], except: [rooms.trainers(id), rooms.screen(id), ...(route.except ? [rooms.participant(id, route.except)] : [])] };
    case "group":
      return { to: [rooms.group(id, route.groupId)], except: route.except ? [rooms.participant(id, route.except)] : [] };
    case "participant":
      return { to: [rooms.participant(id, route.participantId)], except: [] };
    case "ungrouped":
      return { to: [rooms.session(id)], except: [rooms.trainers(id), rooms.screen(id), ...after.groupOrder.map((g) => rooms.group(id, g))] };
  }
}

/**
 * Sends every form of a stored event to the rooms allowed to see it. Routes
 * that carry the same form with the same exceptions (the room's form of a
 * note to the projector and to the group; a join's new sizes to every other
 * group) go out as one emit: encoded once, and to no socket twice.
 */
export function broadcastEvent(io: OrtaqServer, event: SessionEvent, after: SessionState): void {
  const sends: { event: ClientEvent; to: string[]; except: string[] }[] = [];
  for (const { route, event: ce } of routeEvent(event, after)) {
    const r = roomsFor(event.sessionId, route, after);
    const same = sends.find((s) => s.event === ce && sameList(s.except, r.except));
    if (same) same.to.push(...r.to);
    else sends.push({ event: ce, to: [...r.to], except: r.except });
  }
  // Local: every instance holding the session applies every stored event and sends it to its own sockets, in seq order.
  for (const s of sends) io.local.to(s.to).except(s.except).emit("session:event", s.event);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

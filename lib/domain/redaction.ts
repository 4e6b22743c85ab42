import type { Actor, EventBody, SessionEvent } from "./events";

/** A stored event rewritten in place: its new body and, when who acted must go too, its new actor. */
export interface Redaction {
  seq: number;
  body: EventBody;
  actor?: Actor;
}

/** Looks at one stored event and says how to rewrite it, or null to leave it. */
export type Redactor = (event: SessionEvent) => Redaction | null;

function body<T extends EventBody["type"]>(type: T, payload: Extract<EventBody, { type: T }>["payload"]): EventBody {
  return { type, payload } as EventBody;
}

/**
 * Blanks everything a participant wrote, drew or answered, and their name,
 * in every event of the log (ids stay, so the log still folds to the same
 * record: the `participant:forgotten` event removes what is left).
 */
export function forgetRedactor(participantId: string): Redactor {
  const by = (e: SessionEvent) => e.actor.kind === "participant" && e.actor.id === participantId;
  return (e) => {
    switch (e.type) {
      case "participant:joined":
        if (e.payload.participantId !== participantId || (e.payload.nickname === "" && !e.payload.device)) return null;
        return { seq: e.seq, body: body(e.type, { ...e.payload, nickname: "", device: null }) };
      case "participant:renamed":
        if (e.payload.participantId !== participantId || e.payload.nickname === "") return null;
        return { seq: e.seq, body: body(e.type, { ...e.payload, nickname: "" }) };
      case "participant:profiled":
        if (e.payload.participantId !== participantId || (e.payload.ageBand === "no-answer" && e.payload.sex === "no-answer")) return null;
        return { seq: e.seq, body: body(e.type, { ...e.payload, ageBand: "no-answer", sex: "no-answer" }) };
      case "note:added":
        if (e.payload.note.authorId !== participantId || e.payload.note.text === "") return null;
        return { seq: e.seq, body: body(e.type, { note: { ...e.payload.note, text: "" } }) };
      case "note:edited":
        // Only the author edits a note.
        if (!by(e) || e.payload.text === "") return null;
        return { seq: e.seq, body: body(e.type, { ...e.payload, text: "" }) };
      case "note:voted":
        if (e.payload.voterId !== participantId) return null;
        return { seq: e.seq, body: body(e.type, { ...e.payload, voterId: "" }) };
      case "stroke:committed":
        if (e.payload.stroke.authorId !== participantId || e.payload.stroke.points.length === 0) return null;
        return { seq: e.seq, body: body(e.type, { ...e.payload, stroke: { ...e.payload.stroke, points: [] } }) };
      case "help:requested":
      case "help:acknowledged":
      case "help:replied":
        return e.payload.participantId === participantId ? helpRedaction(e) : null;
      case "poll:answered": {
        // The choice stays (tallies fold the same; the forgotten event takes it off); the words and who gave them go.
        if (e.payload.participantId !== participantId) return null;
        const previous = e.payload.previous && { ...e.payload.previous, text: e.payload.previous.text === null ? null : "" };
        return { seq: e.seq, body: body(e.type, { ...e.payload, participantId: "", text: e.payload.text === null ? null : "", previous }) };
      }
      case "attendance:step":
        if (!e.payload.online.includes(participantId)) return null;
        return { seq: e.seq, body: body(e.type, { ...e.payload, online: e.payload.online.filter((id) => id !== participantId) }) };
      default:
        return null;
    }
  };
}

/** A help event with its words and its requester gone. */
function helpRedaction(e: Extract<SessionEvent, { type: "help:requested" | "help:acknowledged" | "help:replied" }>): Redaction | null {
  switch (e.type) {
    case "help:requested":
      if (e.payload.participantId === "" && e.payload.message === "" && e.payload.nickname === null && e.actor.kind === "system") return null;
      // Who asked goes too: the request was made by "someone".
      return { seq: e.seq, body: body(e.type, { ...e.payload, participantId: "", message: "", nickname: null }), actor: { kind: "system" } };
    case "help:acknowledged":
      if (e.payload.participantId === "") return null;
      return { seq: e.seq, body: body(e.type, { ...e.payload, participantId: "" }) };
    case "help:replied":
      if (e.payload.participantId === "" && e.payload.text === "") return null;
      return { seq: e.seq, body: body(e.type, { ...e.payload, participantId: "", text: "" }) };
  }
}

/** Every help request's words and requester, purged when the session ends (the organisation's default policy). */
export const helpRedactor: Redactor = (e) => {
  if (e.type === "help:requested" || e.type === "help:acknowledged" || e.type === "help:replied") return helpRedaction(e);
  if (e.type === "help:purged" && e.payload.participantIds?.length) return { seq: e.seq, body: body(e.type, {}) };
  return null;
};

/** The purge an event calls for once it is stored: the forgotten participant's data, or every help request. */
export function purgeFor(event: SessionEvent): Redactor | null {
  if (event.type === "participant:forgotten") return forgetRedactor(event.payload.participantId);
  if (event.type === "help:purged") return helpRedactor;
  return null;
}

import type { ClientEvent, EventType } from "@/lib/domain/events";
import type { SessionState } from "@/lib/domain/session-state";
import type { AckCallback } from "./result";
import type { CommandPayload, StrokeProgress } from "./commands";

/** What a client needs to catch up: the events it missed, or the whole state when that is shorter. */
export type Sync = { kind: "events"; events: ClientEvent[] } | { kind: "snapshot"; state: SessionState };

export type SessionCreateAck = { sessionId: string; code: string };
/** `now` is the server's clock (ms), so clients can show timers in server time. */
export type WatchAck = { sessionId: string; sync: Sync; now: number };
export type JoinAck = { sessionId: string; participantId: string; token: string; sync: Sync; now: number };
export type ResumeAck = { sessionId: string; participantId: string; sync: Sync; now: number };

/** Commands, each answered by an ack. */
export interface ClientToServerEvents {
  "session:create": (payload: CommandPayload<"session:create">, ack: AckCallback<SessionCreateAck>) => void;
  "session:watch": (payload: CommandPayload<"session:watch">, ack: AckCallback<WatchAck>) => void;
  "session:end": (payload: CommandPayload<"session:end">, ack: AckCallback) => void;
  "participant:join": (payload: CommandPayload<"participant:join">, ack: AckCallback<JoinAck>) => void;
  "participant:resume": (payload: CommandPayload<"participant:resume">, ack: AckCallback<ResumeAck>) => void;
  "agenda:goto": (payload: CommandPayload<"agenda:goto">, ack: AckCallback) => void;
  "timer:start": (payload: CommandPayload<"timer:start">, ack: AckCallback) => void;
  "timer:pause": (payload: CommandPayload<"timer:pause">, ack: AckCallback) => void;
  "timer:extend": (payload: CommandPayload<"timer:extend">, ack: AckCallback) => void;
  "timer:reset": (payload: CommandPayload<"timer:reset">, ack: AckCallback) => void;
  "groups:form": (payload: CommandPayload<"groups:form">, ack: AckCallback) => void;
  "participant:move": (payload: CommandPayload<"participant:move">, ack: AckCallback) => void;
  "group:choose": (payload: CommandPayload<"group:choose">, ack: AckCallback) => void;
  "groups:merge": (payload: CommandPayload<"groups:merge">, ack: AckCallback) => void;
  "group:split": (payload: CommandPayload<"group:split">, ack: AckCallback) => void;
  "group:rename": (payload: CommandPayload<"group:rename">, ack: AckCallback) => void;
  "group:remove": (payload: CommandPayload<"group:remove">, ack: AckCallback) => void;
  "groups:dissolve": (payload: CommandPayload<"groups:dissolve">, ack: AckCallback) => void;
  "group:mark": (payload: CommandPayload<"group:mark">, ack: AckCallback) => void;
  "broadcast:send": (payload: CommandPayload<"broadcast:send">, ack: AckCallback) => void;
  "note:add": (payload: CommandPayload<"note:add">, ack: AckCallback<NoteAddAck>) => void;
  "note:edit": (payload: CommandPayload<"note:edit">, ack: AckCallback<NoteAddAck>) => void;
  "note:delete": (payload: CommandPayload<"note:delete">, ack: AckCallback) => void;
  "note:vote": (payload: CommandPayload<"note:vote">, ack: AckCallback) => void;
  "note:hide": (payload: CommandPayload<"note:hide">, ack: AckCallback) => void;
  "note:restore": (payload: CommandPayload<"note:restore">, ack: AckCallback) => void;
  "note:cluster": (payload: CommandPayload<"note:cluster">, ack: AckCallback) => void;
  "cluster:create": (payload: CommandPayload<"cluster:create">, ack: AckCallback) => void;
  "cluster:rename": (payload: CommandPayload<"cluster:rename">, ack: AckCallback) => void;
  "cluster:remove": (payload: CommandPayload<"cluster:remove">, ack: AckCallback) => void;
  "board:configure": (payload: CommandPayload<"board:configure">, ack: AckCallback) => void;
  "stroke:commit": (payload: CommandPayload<"stroke:commit">, ack: AckCallback) => void;
  "stroke:undo": (payload: CommandPayload<"stroke:undo">, ack: AckCallback) => void;
  "sketch:clear": (payload: CommandPayload<"sketch:clear">, ack: AckCallback) => void;
  "sketch:mark": (payload: CommandPayload<"sketch:mark">, ack: AckCallback) => void;
  "sketch:hide": (payload: CommandPayload<"sketch:hide">, ack: AckCallback) => void;
  "sketch:restore": (payload: CommandPayload<"sketch:restore">, ack: AckCallback) => void;
  "sketch:spotlight": (payload: CommandPayload<"sketch:spotlight">, ack: AckCallback) => void;
  "sketch:configure": (payload: CommandPayload<"sketch:configure">, ack: AckCallback) => void;
  "participant:profile": (payload: CommandPayload<"participant:profile">, ack: AckCallback) => void;
  "video:play": (payload: CommandPayload<"video:play">, ack: AckCallback) => void;
  "video:pause": (payload: CommandPayload<"video:pause">, ack: AckCallback) => void;
  "video:seek": (payload: CommandPayload<"video:seek">, ack: AckCallback) => void;
  "video:configure": (payload: CommandPayload<"video:configure">, ack: AckCallback) => void;
  "video:confirm-warning": (payload: CommandPayload<"video:confirm-warning">, ack: AckCallback) => void;
  /** Volatile: points of a stroke being drawn. */
  "stroke:progress": (payload: StrokeProgress) => void;
}

/** `held`: the word filter holds the note until the trainer approves it. */
export type NoteAddAck = { held: boolean };

export interface PresencePayload {
  sessionId: string;
  /** Ids of participants with at least one connected device. */
  online: string[];
}

type EventBroadcasts = { [T in EventType]: (event: Extract<ClientEvent, { type: T }>) => void };

/** Broadcasts: every stored event under its own type name, plus volatile presence. */
export interface ServerToClientEvents extends EventBroadcasts {
  "presence:changed": (payload: PresencePayload) => void;
  /** Volatile relay of someone's stroke in progress. */
  "stroke:progress": (payload: StrokeProgress & { authorId: string }) => void;
}

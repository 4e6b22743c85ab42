import type { ClientEvent } from "@/lib/domain/events";
import type { SessionState } from "@/lib/domain/session-state";
import type { PollResults } from "@/lib/domain/poll-results";
import type { AckCallback } from "./result";
import type { CommandInput, CommandName, StrokeProgress } from "./commands";

/** What a client needs to catch up: the events it missed, or the whole state when that is shorter. */
export type Sync = { kind: "events"; events: ClientEvent[] } | { kind: "snapshot"; state: SessionState };

export type SessionCreateAck = { sessionId: string; code: string };
/** `now` is the server's clock (ms), so clients can show timers in server time. */
export type WatchAck = { sessionId: string; sync: Sync; now: number };
export type JoinAck = { sessionId: string; participantId: string; token: string; sync: Sync; now: number };
export type ResumeAck = { sessionId: string; participantId: string; sync: Sync; now: number };

/** What an ack carries besides `{ok, seq}`, for the commands that answer with more. */
export interface AckData {
  "session:create": SessionCreateAck;
  "session:watch": WatchAck;
  "participant:join": JoinAck;
  "participant:resume": ResumeAck;
  "note:add": NoteAddAck;
  "note:edit": NoteAddAck;
}
export type AckOf<N extends CommandName> = N extends keyof AckData ? AckData[N] : object;

type CommandEvents = { [N in CommandName]: (payload: CommandInput<N>, ack: AckCallback<AckOf<N>>) => void };

/** Commands, each answered by an ack (derived from the command table), plus volatile stroke progress. */
export interface ClientToServerEvents extends CommandEvents {
  /** Volatile: points of a stroke being drawn. */
  "stroke:progress": (payload: StrokeProgress) => void;
  /** Volatile: this phone stepped out for a break, or is back. Never stored; consoles learn only the count. */
  "break:set": (payload: { away: boolean }) => void;
}

/** `held`: the word filter holds the note until the trainer approves it. */
export type NoteAddAck = { held: boolean };

/**
 * Who is online, coalesced: the count, and the participant ids that came
 * online or left since the last message. `full` marks the whole list (sent
 * once when a console or projector starts watching).
 */
export interface PresencePayload {
  sessionId: string;
  count: number;
  joined: string[];
  left: string[];
  full?: true;
}

/** A question's results as the room may see them, coalesced (see lib/domain/poll-results.ts). */
export type PollResultsPayload = PollResults & { sessionId: string };

/** Broadcasts: every stored event (one union, told apart by `type`), plus volatile presence and strokes. */
export interface ServerToClientEvents {
  "session:event": (event: ClientEvent) => void;
  "presence:changed": (payload: PresencePayload) => void;
  "poll:results": (payload: PollResultsPayload) => void;
  /** Volatile relay of someone's stroke in progress. */
  "stroke:progress": (payload: StrokeProgress & { authorId: string }) => void;
  "server:restarting": () => void;
  /** Consoles only: how many phones are on a break now (never who). */
  "breaks:changed": (payload: { sessionId: string; count: number }) => void;
}

import type { CommandBody, SessionCommandName } from "@/lib/protocol/commands";
import type { EventBody } from "./events";
import { domainError, type DomainError, type ErrorCode } from "./errors";
import type { WordFilter } from "./word-filter";
import type { SessionState } from "./session-state";

/** Who asks for a change, as the server has authenticated them. */
export type CommandActor =
  | { kind: "user"; id: string; role: "organiser" | "trainer" }
  | { kind: "participant"; id: string }
  /** The server itself (attendance records, pause points). */
  | { kind: "system" };

/** What a decision may need besides the state: the time, fresh ids, randomness (seeded in tests). */
export interface DecideContext {
  now: number;
  newId: () => string;
  random: () => number;
  /** The word filter for the session's languages, when one is loaded. */
  filter?: WordFilter;
  /** The concern list (self-harm, disclosure): a match is held for the trainer alone, whatever the filter mode. */
  concern?: WordFilter;
}

/** A command's outcome: the one event it becomes, or why it may not run. */
export type Decision = { ok: true; event: EventBody } | { ok: false; error: DomainError };

/** Organisers may run every session of the organisation; a trainer runs the sessions they created. */
export function isStaff(actor: CommandActor, state: SessionState): boolean {
  return actor.kind === "user" && (actor.role === "organiser" || actor.id === state.trainerId);
}

/** A refused decision. */
export function fail(code: ErrorCode, message: string): { ok: false; error: DomainError } {
  return { ok: false, error: domainError(code, message) };
}

/** An accepted decision. */
export function accept(event: EventBody): Decision {
  return { ok: true, event };
}

/** The commands the server itself issues; they never come off the wire. */
export type SystemCommand =
  /** A join after the server has checked the code and made the participant's id. */
  | { type: "participant:join"; participantId: string; nickname: string; device?: string | null }
  /** A new high of people online at once, for the attendance report. */
  | { type: "attendance:record"; online: number }
  /** The server stops a playing video at a pause point. */
  | { type: "video:reach-pause-point"; at: number }
  /** Who was online as a step began, for the completion rule of impact reports. */
  | { type: "attendance:snapshot"; index: number; online: string[] }
  /** The session ended and the organisation purges help requests. */
  | { type: "help:purge" };

/** A wire command as the domain sees it: its name as `type` and its parsed body (no command id, no session id). */
export type WireCommand<N extends SessionCommandName> = { type: N } & CommandBody<N>;

type AnyCommand = { [N in SessionCommandName]: WireCommand<N> }[SessionCommandName] | SystemCommand;
export type SessionCommandType = AnyCommand["type"];

/** A change asked of a live session, after the protocol layer has parsed it; derived from the command table. */
export type SessionCommand<T extends SessionCommandType = SessionCommandType> = Extract<AnyCommand, { type: T }>;

export function isSystemCommand(command: { type: string }): command is SystemCommand {
  return command.type === "participant:join" || command.type === "attendance:record" || command.type === "video:reach-pause-point" || command.type === "attendance:snapshot" || command.type === "help:purge";
}

/** Decides one kind of wire command. Pure; authorisation and every rule live in deciders. */
export type Decider<N extends SessionCommandName> = (state: SessionState, command: WireCommand<N>, actor: CommandActor, ctx: DecideContext) => Decision;

/** One decider per wire command: a command in the protocol table without a decider does not compile. */
export type Deciders = { [N in SessionCommandName]: Decider<N> };

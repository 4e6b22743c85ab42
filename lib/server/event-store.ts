import type { Actor, EventBody, SessionEvent } from "@/lib/domain/events";
import type { Locale } from "@/lib/domain/locales";

export interface SessionRecord {
  id: string;
  code: string;
  title: string;
  language: Locale;
  trainerId: string;
  status: "live" | "ended";
  createdAt: number;
  endedAt: number | null;
}

export interface NewEvent {
  body: EventBody;
  seq: number;
  at: number;
  actor: Actor;
  commandId: string | null;
}

/** Thrown when a live session already holds the join code; the caller picks another. */
export class JoinCodeTakenError extends Error {
  constructor() {
    super("Join code is taken by a live session");
  }
}

/** Thrown when the seq is already used: another writer got there first. */
export class SeqConflictError extends Error {
  constructor() {
    super("Sequence number already used");
  }
}

/** Thrown when a command id was already applied. */
export class DuplicateCommandError extends Error {
  constructor() {
    super("Command id already applied");
  }
}

/**
 * The append-only session log and its small projection of session records.
 * Async so that a PostgreSQL store can implement the same contract.
 */
export interface EventStore {
  /** Stores the session record and its first event in one transaction. */
  createSession(record: SessionRecord, first: NewEvent): Promise<SessionEvent>;
  /** Appends one event; resolves once it is durable. */
  append(sessionId: string, event: NewEvent): Promise<SessionEvent>;
  readSince(sessionId: string, afterSeq: number): Promise<SessionEvent[]>;
  /** The event a command id already produced, in any session. */
  findByCommandId(commandId: string): Promise<SessionEvent | null>;
  getSession(id: string): Promise<SessionRecord | null>;
  /** The live session with this code, or else the latest ended one. */
  findSessionByCode(code: string): Promise<SessionRecord | null>;
  listSessions(filter: { trainerId?: string; status?: "live" | "ended"; limit?: number }): Promise<SessionRecord[]>;
}

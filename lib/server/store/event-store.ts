import type { Actor, EventBody, SessionEvent } from "@/lib/domain/events";
import type { Locale } from "@/lib/domain/locales";
import type { Redaction } from "@/lib/domain/redaction";

export interface SessionRecord {
  id: string;
  planId?: string | null;
  /** Participants who joined; notes posted. Kept with each append. */
  participants?: number;
  notes?: number;
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

/**
 * Why a write was refused, as a value: another writer took the seq, the
 * command id was already applied, or a live session holds the join code.
 */
export type StoreConflict = "seq" | "command-id" | "join-code";
export type StoreWrite = { ok: true; event: SessionEvent } | { ok: false; conflict: StoreConflict };
/** A batch is stored whole or not at all; `index` names the event that was refused. */
export type BatchWrite = { ok: true; events: SessionEvent[] } | { ok: false; conflict: StoreConflict; index: number };

export interface SessionFilter {
  trainerId?: string;
  status?: "live" | "ended";
  planId?: string;
  /** Created at or after / before, ms. */
  from?: number;
  to?: number;
  /** Words in the title. */
  search?: string;
  limit?: number;
}

/**
 * The append-only session log and its small projection of session records.
 * Async so that a PostgreSQL store can implement the same contract.
 */
export interface EventStore {
  /** Stores the session record and its first event in one transaction. */
  createSession(record: SessionRecord, first: NewEvent): Promise<StoreWrite>;
  /** Appends one event; resolves once it is durable. */
  append(sessionId: string, event: NewEvent): Promise<StoreWrite>;
  /**
   * Appends several events of one session, in seq order, in one transaction
   * (one flush to disk: the hub's group commit). All or none; resolves once
   * all are durable.
   */
  appendBatch(sessionId: string, events: readonly NewEvent[]): Promise<BatchWrite>;
  /** Finishes the writes under way and lets go of what the store itself opened (threads, pools). */
  close(): Promise<void>;
  readSince(sessionId: string, afterSeq: number): Promise<SessionEvent[]>;
  /** The event a command id already produced, in any session. */
  findByCommandId(commandId: string): Promise<SessionEvent | null>;
  getSession(id: string): Promise<SessionRecord | null>;
  /** The live session with this code, or else the latest ended one. */
  findSessionByCode(code: string): Promise<SessionRecord | null>;
  listSessions(filter: SessionFilter): Promise<SessionRecord[]>;
  /** Removes a session, its log and everything in it, for good. */
  deleteSession(id: string): Promise<boolean>;
  /** Ended sessions that ended before `before` (ms), for the retention purge. */
  endedBefore(before: number): Promise<string[]>;
  /**
   * Rewrites stored events in place (a forgotten participant, purged help
   * requests), in one transaction, so that the old text is gone from the
   * storage itself, not only from what is read back. Resolves once durable.
   */
  redact(sessionId: string, redactions: readonly Redaction[]): Promise<void>;
}

/**
 * Tells of events stored by any writer of a shared store (another instance),
 * once committed: the session and its last seq, and the events themselves
 * when they were small enough to travel along. `"*"` means the feed was cut
 * and is back, so some may have been missed: check every session held.
 */
export interface AppendFeed {
  onAppended(listener: (sessionId: string, lastSeq: number, events?: readonly SessionEvent[]) => void): () => void;
}

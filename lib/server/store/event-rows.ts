import type { Actor, EventBody, SessionEvent } from "@/lib/domain/events";
import type { NewEvent, SessionRecord } from "./event-store";

/**
 * The log's rows as both stores keep them (the same columns in SQLite and
 * PostgreSQL: payload and actor as JSON text), and the values they stand for.
 */
export interface EventRow {
  session_id: string;
  seq: number;
  type: string;
  payload: string;
  at: number;
  actor: string;
  command_id: string | null;
}

export interface SessionRow {
  id: string;
  code: string;
  title: string;
  language: string;
  trainer_id: string;
  status: string;
  created_at: number;
  ended_at: number | null;
  plan_id: string | null;
  participants: number;
  notes: number;
}

export function toEvent(row: EventRow): SessionEvent {
  return {
    type: row.type,
    payload: JSON.parse(row.payload),
    sessionId: row.session_id,
    seq: row.seq,
    at: row.at,
    actor: JSON.parse(row.actor) as Actor,
    commandId: row.command_id,
  } as SessionEvent;
}

export function toRecord(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    language: row.language as SessionRecord["language"],
    trainerId: row.trainer_id,
    status: row.status as SessionRecord["status"],
    createdAt: row.created_at,
    endedAt: row.ended_at,
    planId: row.plan_id,
    participants: row.participants,
    notes: row.notes,
  };
}

/** The event a NewEvent is once stored. */
export function storedEvent(sessionId: string, e: NewEvent): SessionEvent {
  return { ...(e.body as EventBody), sessionId, seq: e.seq, at: e.at, actor: e.actor, commandId: e.commandId } as SessionEvent;
}

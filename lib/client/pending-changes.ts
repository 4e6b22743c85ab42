import type { Note } from "@/lib/domain/board";
import type { Stroke } from "@/lib/domain/sketch";
import type { CommandBody } from "@/lib/protocol/commands";
import type { QueueableCommand } from "./live-connection";
import type { OutboxEntry } from "./outbox";

/**
 * What a phone shows before the server has answered: the session as the
 * server last said, with the phone's queued commands laid over it in order.
 * When a command is acknowledged its event is already in the session and
 * the entry leaves the outbox, so the view does not jump; when it is
 * refused, the entry leaves and the view falls back to the server's.
 */

type Payload = Record<string, unknown>;
const isString = (v: unknown): v is string => typeof v === "string";
const isBoolean = (v: unknown): v is boolean => typeof v === "boolean";
const isNumbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((n) => typeof n === "number" && Number.isFinite(n));
const isStroke = (v: unknown): v is CommandBody<"stroke:commit">["stroke"] => {
  if (typeof v !== "object" || v === null) return false;
  const s = v as Payload;
  return isString(s.id) && isString(s.colour) && typeof s.width === "number" && (s.tool === "pen" || s.tool === "eraser") && isNumbers(s.points) && s.points.length >= 3;
};

/**
 * The queued bodies a phone lays over the session, checked by shape (entries come
 * back from localStorage, perhaps from an older app version). Plain checks, not the
 * command table's zod schemas: the phone's bundle carries no zod; the server checks
 * every command fully when it is sent.
 */
const QUEUED_BODIES = {
  "note:edit": (p: Payload) => (isString(p.noteId) && isString(p.text) ? { noteId: p.noteId, text: p.text } : null),
  "note:delete": (p: Payload) => (isString(p.noteId) ? { noteId: p.noteId } : null),
  "note:vote": (p: Payload) => (isString(p.noteId) && isBoolean(p.on) ? { noteId: p.noteId, on: p.on } : null),
  "stroke:commit": (p: Payload) => (isString(p.sketchId) && isStroke(p.stroke) ? { sketchId: p.sketchId, stroke: p.stroke } : null),
  "stroke:undo": (p: Payload) => (isString(p.sketchId) && isString(p.strokeId) ? { sketchId: p.sketchId, strokeId: p.strokeId } : null),
  "sketch:clear": (p: Payload) => (isString(p.sketchId) ? { sketchId: p.sketchId } : null),
  "sketch:mark": (p: Payload) => (isString(p.sketchId) && isBoolean(p.done) ? { sketchId: p.sketchId, done: p.done } : null),
  "poll:answer": (p: Payload) =>
    isString(p.key) && (p.choice === undefined || isNumbers(p.choice)) && (p.text === undefined || isString(p.text))
      ? { key: p.key, choice: p.choice ?? [], ...(p.text !== undefined ? { text: p.text } : {}) }
      : null,
} satisfies { [N in QueueableCommand]?: (p: Payload) => CommandBody<N> | null };

type ShownCommand = keyof typeof QUEUED_BODIES;

/** A queued entry's body, if it is that command and has the command's shape (defaults filled in). */
export function queuedBody<N extends ShownCommand>(entry: OutboxEntry, name: N): CommandBody<N> | null {
  if (entry.name !== name) return null;
  return (QUEUED_BODIES[name] as (p: Payload) => CommandBody<N> | null)(entry.payload);
}

export interface NoteChanges {
  /** Queued new text, by note id (the last edit wins). */
  text: Record<string, string>;
  /** Notes with a queued delete. */
  deleted: Set<string>;
  /** Queued vote state, by note id (the last toggle wins). */
  vote: Record<string, boolean>;
}

/** The queued edits, deletes and votes of a phone's outbox. */
export function pendingNoteChanges(pending: readonly OutboxEntry[]): NoteChanges {
  const changes: NoteChanges = { text: {}, deleted: new Set(), vote: {} };
  for (const e of pending) {
    const edit = queuedBody(e, "note:edit");
    if (edit) changes.text[edit.noteId] = edit.text;
    const del = queuedBody(e, "note:delete");
    if (del) changes.deleted.add(del.noteId);
    const vote = queuedBody(e, "note:vote");
    if (vote) changes.vote[vote.noteId] = vote.on;
  }
  return changes;
}

export interface NoteView {
  text: string;
  votes: number;
  voted: boolean;
  /** An edit or a vote of this phone is waiting to be sent. */
  waiting: boolean;
}

/** One note as this phone shows it: queued text and vote applied, the count moved by the queued vote. */
export function noteView(note: Pick<Note, "id" | "text" | "votes">, votedOnServer: boolean, changes: NoteChanges): NoteView {
  const queuedVote = changes.vote[note.id];
  const voted = queuedVote ?? votedOnServer;
  const text = changes.text[note.id];
  return {
    text: text ?? note.text,
    votes: Math.max(0, note.votes + Number(voted) - Number(votedOnServer)),
    voted,
    waiting: text !== undefined || (queuedVote !== undefined && queuedVote !== votedOnServer),
  };
}

/** The notes this phone has voted for, queued votes included. */
export function votedNotes(votedOnServer: readonly string[], changes: NoteChanges): string[] {
  const out = new Set(votedOnServer);
  for (const [id, on] of Object.entries(changes.vote)) {
    if (on) out.add(id);
    else out.delete(id);
  }
  for (const id of changes.deleted) out.delete(id);
  return [...out];
}

export interface SketchView {
  strokes: Stroke[];
  done: boolean;
  /** Queued strokes not on the server yet. */
  unsentStrokes: number;
  /** Queued undos, clears and done marks. */
  unsentChanges: number;
}

/**
 * A sketch as this phone shows it: the server's strokes, then the queued
 * commits, undos, clears and done marks for it, in the order they were made
 * (the outbox sends them in that order too).
 */
export function sketchWithPending(sketch: { strokes: readonly Stroke[]; done: boolean } | undefined, pending: readonly OutboxEntry[], sketchId: string, me: string): SketchView {
  let strokes: Stroke[] = [...(sketch?.strokes ?? [])];
  let done = sketch?.done ?? false;
  let unsentStrokes = 0;
  let unsentChanges = 0;
  for (const e of pending) {
    const commit = queuedBody(e, "stroke:commit");
    if (commit?.sketchId === sketchId) {
      if (!sketch?.strokes.some((s) => s.id === commit.stroke.id)) {
        unsentStrokes++;
        if (!strokes.some((s) => s.id === commit.stroke.id)) strokes.push({ ...commit.stroke, authorId: me });
      }
      continue;
    }
    const undo = queuedBody(e, "stroke:undo");
    if (undo?.sketchId === sketchId) {
      unsentChanges++;
      strokes = strokes.filter((s) => !(s.id === undo.strokeId && s.authorId === me));
      continue;
    }
    const clear = queuedBody(e, "sketch:clear");
    if (clear?.sketchId === sketchId) {
      unsentChanges++;
      strokes = strokes.filter((s) => s.authorId !== me);
      continue;
    }
    const mark = queuedBody(e, "sketch:mark");
    if (mark?.sketchId === sketchId) {
      unsentChanges++;
      done = mark.done;
    }
  }
  return { strokes, done, unsentStrokes, unsentChanges };
}

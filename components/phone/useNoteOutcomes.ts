"use client";

import { useEffect, useState } from "react";
import type { LiveConnection } from "@/lib/client/live-connection";

/** A queued edit, delete or vote the server refused for good. */
export type RefusedChange = { id: string; kind: "note:edit" | "note:delete" | "note:vote"; text: string | null; code: string };
const CHANGE_COMMANDS = new Set<string>(["note:edit", "note:delete", "note:vote"]);
const isChange = (name: string): name is RefusedChange["kind"] => CHANGE_COMMANDS.has(name);

type Held = { id: string; text: string; edit?: boolean };
type RefusedNote = { id: string; text: string; code: string };

/** What became of this phone's queued notes and changes: held by the word filter, or refused. */
export interface NoteOutcomes {
  held: Held[];
  refused: RefusedNote[];
  setRefused: React.Dispatch<React.SetStateAction<RefusedNote[]>>;
  refusedChanges: RefusedChange[];
  setRefusedChanges: React.Dispatch<React.SetStateAction<RefusedChange[]>>;
}

/**
 * Listens to the outbox's answers for notes, edits, deletes and votes
 * (none when `connection` is null) and keeps the held and refused ones, so
 * the phone can say what did not go through, and why.
 */
export function useNoteOutcomes(connection: LiveConnection | null): NoteOutcomes {
  const [held, setHeld] = useState<Held[]>([]);
  const [refused, setRefused] = useState<RefusedNote[]>([]);
  const [refusedChanges, setRefusedChanges] = useState<RefusedChange[]>([]);
  useEffect(
    () =>
      connection?.onOutboxResult(({ entry, ack }) => {
        const kind = entry.name;
        if (isChange(kind)) {
          // An edit the word filter holds leaves the phone's list until the trainer approves it: say so.
          if (ack.ok && kind === "note:edit" && (ack as { held?: boolean }).held) {
            setHeld((h) => [...h, { id: String(entry.payload.noteId), text: String(entry.payload.text), edit: true }]);
          }
          // The note falls back to what the server holds; the phone says which change did not go through, and why.
          if (!ack.ok) {
            const text = kind === "note:edit" ? String(entry.payload.text ?? "") : null;
            setRefusedChanges((r) => [...r, { id: entry.payload.id, kind, text, code: ack.error.code }]);
          }
          return;
        }
        if (entry.name !== "note:add") return;
        if (ack.ok && (ack as { held?: boolean }).held) setHeld((h) => [...h, { id: String(entry.payload.noteId), text: String(entry.payload.text) }]);
        if (!ack.ok) {
          // Nothing is lost: a refused note stays on the phone with the reason, to copy or send again.
          setRefused((r) => [...r, { id: entry.payload.id, text: String(entry.payload.text ?? ""), code: ack.error.code }]);
        }
      }),
    [connection],
  );

  return { held, refused, setRefused, refusedChanges, setRefusedChanges };
}

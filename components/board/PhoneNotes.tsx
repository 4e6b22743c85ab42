"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useMemo, useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorText } from "@/components/ui/ErrorText";
import type { LiveConnection } from "@/lib/client/live-connection";
import type { OutboxEntry } from "@/lib/client/outbox";
import { loadMyNotes, rememberMyNote } from "@/lib/client/my-notes";
import { newCommandId } from "@/lib/client/ids";
import { noteView, pendingNoteChanges, votedNotes, type NoteChanges } from "@/lib/client/pending-changes";
import { sortNotes, type Note } from "@/lib/domain/board";
import { postingOpen } from "@/lib/domain/note-commands";
import type { SessionState } from "@/lib/domain/session-state";
import { useNoteOutcomes, type NoteOutcomes } from "@/components/phone/useNoteOutcomes";

const REFUSED_LABEL = { "note:edit": "editRefused", "note:delete": "deleteRefused", "note:vote": "voteRefused" } as const;

/** The notes a phone lists (visible, not deleted by a queued change), oldest first. */
export function phoneNoteList(session: SessionState, changes: NoteChanges): Note[] {
  return sortNotes(
    session.noteOrder.map((id) => session.notes[id]).filter((n): n is Note => !!n && n.status === "visible" && !changes.deleted.has(n.id)),
    "time",
  );
}

/** Touch-sized small buttons under a note (44x44 CSS px at least). */
const small = "inline-flex min-h-11 min-w-11 items-center justify-center rounded-lg px-3 text-sm font-semibold";

/**
 * The brainstorm on a phone: write a note, see the group's notes live, vote,
 * and edit or delete one's own. Every change goes through the outbox: it
 * shows at once (marked while it waits), survives going offline or a reload,
 * and is sent once; a change the server refuses is shown with the reason.
 *
 * On a brainstorm step (mode "step") the composer comes first and the notes
 * follow it. On other steps (mode "earlier") the list is earlier work: shown
 * only while `expanded` (its tab is open), while refusals still show, and the
 * component stays mounted so no refusal goes unheard.
 */
export function PhoneNotes({
  session,
  me,
  connection,
  pending,
  offline,
  mode = "step",
  expanded = true,
  listId,
  outcomes,
  between,
}: {
  session: SessionState;
  me: string;
  connection: LiveConnection;
  pending: OutboxEntry[];
  offline: boolean;
  mode?: "step" | "earlier";
  expanded?: boolean;
  /** The list's element id, for the tab that controls it. */
  listId?: string;
  /** Held and refused notes and changes, from `useNoteOutcomes` where the phone keeps them. */
  outcomes?: NoteOutcomes;
  /** Shown between the composer and the list (the group's "we're done"). */
  between?: React.ReactNode;
}) {
  const t = useTranslations("board");
  const textId = useId();
  const [text, setText] = useState("");
  const [anonymous, setAnonymous] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Outcomes kept by the caller outlive this component (it moves when the step changes); else kept here.
  const own = useNoteOutcomes(outcomes ? null : connection);
  const { held, refused, setRefused, refusedChanges, setRefusedChanges } = outcomes ?? own;
  const [mine, setMine] = useState<string[]>([]);
  const b = session.board;
  const open = postingOpen(session);

  useEffect(() => setMine(loadMyNotes(session.id)), [session.id]);
  const changes = useMemo(() => pendingNoteChanges(pending), [pending]);
  const notes = useMemo(() => phoneNoteList(session, changes), [session, changes]);
  const pendingNotes = pending.filter((e) => e.name === "note:add");
  const heldNow = held.filter((h) => (h.edit ? session.notes[h.id]?.status === "held" : !session.notes[h.id]));
  const serverVotes = session.votesBy[me] ?? [];
  const myVotes = votedNotes(serverVotes, changes);
  const length = [...text.trim()].length;
  const tooLong = length > b.noteMax;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const clean = text.trim();
    if (!clean) return setError("NOTE_EMPTY");
    if (tooLong) return setError("NOTE_TOO_LONG");
    const noteId = newCommandId();
    rememberMyNote(session.id, noteId);
    setMine((m) => [...m, noteId]);
    connection.queue("note:add", { noteId, text: clean, anonymous: anonymous && b.anonymousAllowed });
    setText("");
    setError(null);
  }

  const isMine = (n: Note) => n.authorId === me || mine.includes(n.id);

  const showList = mode === "step" || expanded;
  return (
    <section className="flex flex-col gap-3 empty:hidden" aria-label={t("title")} data-testid="phone-notes-section" data-mode={mode}>
      {mode === "earlier" ? null : open ? (
        <form onSubmit={submit} className="flex flex-col gap-2">
          <label htmlFor={textId} className="font-semibold">
            {t("note")}
          </label>
          <textarea
            id={textId}
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={3}
            maxLength={b.noteMax * 4}
            aria-describedby={`${textId}-count`}
            className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-base"
          />
          <div className="flex items-center justify-between gap-2">
            <span id={`${textId}-count`} data-testid="note-counter" className={`text-sm tabular-nums ${tooLong ? "font-bold text-rose-700" : "text-slate-600"}`}>
              {t("counter", { count: length, max: b.noteMax })}
            </span>
            {b.anonymousAllowed && (
              <label className="-mr-2 flex min-h-11 cursor-pointer items-center gap-2 px-2 text-sm">
                <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} className="size-5 accent-brand" />
                {t("anonymous")}
              </label>
            )}
          </div>
          <Button type="submit" disabled={tooLong || length === 0}>
            {t("send")}
          </Button>
          {offline && <p className="text-sm text-amber-800">{t("offlineQueued")}</p>}
        </form>
      ) : (
        <p className="text-sm text-slate-600">{b.postingPaused ? t("paused") : t("closed")}</p>
      )}
      <ErrorText code={error} />
      {between}

      {(refused.length > 0 || refusedChanges.length > 0 || (showList && (pendingNotes.length > 0 || heldNow.length > 0))) && (
        <ul className="flex flex-col gap-2">
          {refusedChanges.map((r) => (
            <li key={r.id} data-testid="refused-change" data-kind={r.kind} className="rounded-lg border border-rose-300 bg-rose-50 p-2">
              <p className="font-semibold">{t(REFUSED_LABEL[r.kind])}</p>
              {r.text !== null && <p className="whitespace-pre-line">{r.text}</p>}
              <ErrorText code={r.code} />
              <button type="button" className={`${small} mt-1 border border-slate-300 bg-white`} onClick={() => setRefusedChanges((x) => x.filter((y) => y.id !== r.id))}>
                {t("dismiss")}
              </button>
            </li>
          ))}
          {refused.map((r) => (
            <li key={r.id} data-testid="refused-note" className="rounded-lg border border-rose-300 bg-rose-50 p-2">
              <p className="whitespace-pre-line">{r.text}</p>
              <ErrorText code={r.code} />
              <div className="mt-1 flex gap-2">
                {open && (
                  <button type="button" className={`${small} border border-slate-300 bg-white`} onClick={() => (setText(r.text), setRefused((x) => x.filter((y) => y.id !== r.id)))}>
                    {t("edit")}
                  </button>
                )}
                <button type="button" className={`${small} border border-rose-300 bg-white text-rose-700`} onClick={() => setRefused((x) => x.filter((y) => y.id !== r.id))}>
                  {t("delete")}
                </button>
              </div>
            </li>
          ))}
          {showList &&
            pendingNotes.map((e) => (
            <li key={e.payload.id} data-testid="pending-note" className="rounded-lg border border-dashed border-slate-400 bg-white/70 p-2">
              <p className="whitespace-pre-line">{String(e.payload.text)}</p>
              <p className="text-xs text-slate-600">{t("pending")}</p>
            </li>
          ))}
          {showList &&
            heldNow.map((h) => (
            <li key={h.id} data-testid="held-note" className="rounded-lg border border-dashed border-amber-400 bg-amber-50 p-2">
              <p className="whitespace-pre-line">{h.text}</p>
              <p className="text-xs text-amber-900">{t("held")}</p>
            </li>
          ))}
        </ul>
      )}

      {showList && (
        <div className="flex flex-col gap-2" id={listId}>
          <div className="flex flex-wrap items-baseline justify-between gap-x-3">
            <h3 className="text-sm font-semibold text-slate-600">{b.showAll ? t("allNotes") : t("groupNotes")}</h3>
            {b.votesPerPerson > 0 && notes.length > 0 && (
              <p className="text-sm text-slate-600" data-testid="votes-left">
                {t("votesLeft", { count: Math.max(0, b.votesPerPerson - myVotes.length), max: b.votesPerPerson })}
              </p>
            )}
          </div>
          {notes.length === 0 && pendingNotes.length === 0 ? (
            <p className="text-sm text-slate-500">{t("noNotes")}</p>
          ) : (
            <ul className="flex flex-col gap-2" data-testid="phone-notes">
              {[...notes].reverse().map((n) => (
                <PhoneNote key={n.id} note={n} session={session} mine={isMine(n)} votedOnServer={serverVotes.includes(n.id)} changes={changes} votesLeft={b.votesPerPerson - myVotes.length} connection={connection} onError={setError} />
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

function PhoneNote({
  note,
  session,
  mine,
  votedOnServer,
  changes,
  votesLeft,
  connection,
  onError,
}: {
  note: Note;
  session: SessionState;
  mine: boolean;
  votedOnServer: boolean;
  changes: NoteChanges;
  votesLeft: number;
  connection: LiveConnection;
  onError: (c: string | null) => void;
}) {
  const t = useTranslations("board");
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(note.text);
  const author = note.anonymous ? t("anonymousLabel") : note.authorId ? session.participants[note.authorId]?.nickname : null;
  const groupName = note.groupId ? session.groups[note.groupId]?.name : null;
  // The note with this phone's queued edit and vote on it.
  const shown = noteView(note, votedOnServer, changes);

  function vote() {
    // Votes used up (queued ones count): say so now rather than after the server refuses.
    if (!shown.voted && votesLeft <= 0) return onError("NO_VOTES_LEFT");
    onError(null);
    connection.queue("note:vote", { noteId: note.id, on: !shown.voted });
  }
  function save() {
    const clean = draft.trim();
    const length = [...clean].length;
    if (!clean) return onError("NOTE_EMPTY");
    if (length > session.board.noteMax) return onError("NOTE_TOO_LONG");
    onError(null);
    setEditing(false);
    if (clean !== shown.text) connection.queue("note:edit", { noteId: note.id, text: clean });
  }
  function remove() {
    if (!window.confirm(t("confirmDelete"))) return;
    onError(null);
    connection.queue("note:delete", { noteId: note.id });
  }

  return (
    <li
      data-testid="phone-note"
      data-note-id={note.id}
      data-pending={shown.waiting || undefined}
      className={`rounded-lg border bg-white p-2 ${shown.waiting ? "border-dashed" : ""} ${mine ? "border-cyan-300" : "border-slate-200"}`}
    >
      {editing ? (
        <div className="flex flex-col gap-2">
          <textarea aria-label={t("edit")} value={draft} onChange={(e) => setDraft(e.target.value)} rows={3} className="rounded-lg border border-slate-300 px-2 py-1" />
          <div className="flex gap-2">
            <Button onClick={save}>{t("save")}</Button>
            <Button variant="secondary" onClick={() => setEditing(false)}>
              {t("cancel")}
            </Button>
          </div>
        </div>
      ) : (
        <p className="whitespace-pre-line break-words" data-testid="phone-note-text">
          {shown.text}
        </p>
      )}
      {shown.waiting && (
        <p className="text-xs text-slate-600" data-testid="note-change-pending">
          {t("pending")}
        </p>
      )}
      <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600">
        {author && <span>{author}</span>}
        {session.board.showAll && groupName && <span>· {groupName}</span>}
        {session.board.votesPerPerson > 0 && (
          <button
            type="button"
            onClick={vote}
            aria-pressed={shown.voted}
            aria-label={shown.voted ? t("unvote") : t("vote")}
            data-votes={shown.votes}
            className={`${small} ml-auto rounded-full border ${shown.voted ? "border-rose-400 bg-rose-50 text-rose-700" : "border-slate-300 bg-white text-ink"}`}
          >
            ♥ {shown.votes}
          </button>
        )}
        {mine && !editing && (
          <>
            <button type="button" className={`${small} border border-slate-300 bg-white text-ink ${session.board.votesPerPerson > 0 ? "" : "ml-auto"}`} onClick={() => (setDraft(shown.text), setEditing(true))}>
              {t("edit")}
            </button>
            <button type="button" className={`${small} border border-rose-300 bg-white text-rose-700`} onClick={remove}>
              {t("delete")}
            </button>
          </>
        )}
      </div>
    </li>
  );
}

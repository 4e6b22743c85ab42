"use client";

import { useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { PhoneNotes, phoneNoteList } from "@/components/board/PhoneNotes";
import { LazySketchView } from "@/components/sketch/LazySketch";
import type { LiveConnection } from "@/lib/client/live-connection";
import type { OutboxEntry } from "@/lib/client/outbox";
import { pendingNoteChanges } from "@/lib/client/pending-changes";
import type { Locale } from "@/lib/domain/locales";
import { localize } from "@/lib/domain/plan";
import type { SessionState } from "@/lib/domain/session-state";
import type { Sketch } from "@/lib/domain/sketch";
import type { NoteOutcomes } from "./useNoteOutcomes";

/** The sketches this phone drew on: its own, and its group's shared canvases, with at least one stroke. */
export function mySketches(session: SessionState, me: string): Sketch[] {
  const group = session.membership[me] ?? null;
  return session.sketchOrder
    .map((id) => session.sketches[id])
    .filter((k): k is Sketch => !!k && k.strokes.length > 0 && ((k.ownerKind === "participant" && k.ownerId === me) || (k.ownerKind === "group" && k.ownerId === group)));
}

/**
 * Earlier work behind small toggles, closed until tapped: "My notes" (the
 * notes list with votes, edit and delete, as on the brainstorm) and "My
 * sketch" (what this phone drew), each with its count. The notes stay
 * mounted while closed, so a refusal still shows.
 */
export function EarlierWork({
  session,
  me,
  connection,
  pending,
  offline,
  outcomes,
  locale,
  notes,
  sketches,
}: {
  session: SessionState;
  me: string;
  connection: LiveConnection;
  pending: OutboxEntry[];
  offline: boolean;
  outcomes: NoteOutcomes;
  locale: Locale;
  /** Offer the notes (they are not the current step's). */
  notes: boolean;
  /** Offer the sketches (they are not the current step's). */
  sketches: boolean;
}) {
  const t = useTranslations("phone");
  const [open, setOpen] = useState<"notes" | "sketch" | null>(null);
  const notesId = useId();
  const sketchId = useId();
  const changes = useMemo(() => pendingNoteChanges(pending), [pending]);
  const noteCount = useMemo(() => phoneNoteList(session, changes).length, [session, changes]);
  const waiting = pending.filter((e) => e.name === "note:add").length;
  const drawn = useMemo(() => (sketches ? mySketches(session, me) : []), [sketches, session, me]);
  const showSketches = drawn.length > 0;
  if (!notes && !showSketches) return null;

  const toggle = (which: "notes" | "sketch") => setOpen(open === which ? null : which);
  const tab = (active: boolean) =>
    `inline-flex min-h-11 items-center gap-2 rounded-full border px-4 text-sm font-semibold ${active ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white text-ink"}`;
  const stepTitle = (stepId: string | null) => {
    const step = stepId ? session.plan?.steps.find((s) => s.id === stepId) : null;
    return step ? localize(step.title, locale) : t("sketchFree");
  };

  return (
    <section className="flex flex-col gap-3 border-t border-slate-200 pt-3" aria-label={t("earlierWork")} data-testid="earlier-work">
      <div className="flex flex-wrap gap-2">
        {notes && (
          <button type="button" className={tab(open === "notes")} aria-expanded={open === "notes"} aria-controls={notesId} onClick={() => toggle("notes")} data-testid="my-notes-tab">
            {t("myNotes", { count: noteCount + waiting })}
            {waiting > 0 && <span className="rounded-full bg-amber-200 px-2 text-xs text-amber-950">{t("waiting", { count: waiting })}</span>}
          </button>
        )}
        {showSketches && (
          <button type="button" className={tab(open === "sketch")} aria-expanded={open === "sketch"} aria-controls={sketchId} onClick={() => toggle("sketch")} data-testid="my-sketch-tab">
            {t("mySketch", { count: drawn.length })}
          </button>
        )}
      </div>
      {notes && <PhoneNotes session={session} me={me} connection={connection} pending={pending} offline={offline} mode="earlier" expanded={open === "notes"} listId={notesId} outcomes={outcomes} />}
      {open === "sketch" && (
        <ul id={sketchId} className="grid grid-cols-2 gap-3" data-testid="my-sketches">
          {drawn.map((k) => (
            <li key={k.id} className="flex flex-col gap-1">
              <LazySketchView strokes={k.strokes} label={stepTitle(k.stepId)} className="rounded-lg border border-slate-300" />
              <p className="text-xs text-slate-600">{stepTitle(k.stepId)}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useLayoutEffect, useMemo, useRef, useState } from "react";
import { atScreen, largestFitting, manualPage, readableMin, useAutoPage, useBoxSize, usePageMs } from "@/components/screen/screen-type";
import { FitToBox } from "@/components/ui/FitToBox";
import { sortNotes, type Note, type WallView } from "@/lib/domain/board";
import type { SessionState } from "@/lib/domain/session-state";
import { countWords } from "@/lib/domain/word-cloud";
import { columnsAcross, packColumns, paginate, type PackedColumn } from "./wall-layout";
import { WordCloud } from "./WordCloud";

export interface WallSection {
  id: string;
  /** Empty for the headingless "top voted" list. */
  title: string;
  colour: string | null;
  notes: Note[];
}

/** The wall's largest note type, px at 1080p; the smallest is the projector's readable minimum. */
const NOTE_MAX_AT_1080 = 60;
/** A column is at least this many `em` of note type wide. */
const COLUMN_EM = 10;
/** Auto-advance between pages. */
const PAGE_MS = 8000;

// Shared by the measurer and the wall, so what is measured is what is shown.
const NOTE_CLASS = "rounded-[0.25em] border-l-[0.3em] bg-amber-100 px-[0.4em] py-[0.15em] leading-[1.22] text-slate-900 break-words overflow-hidden";
const TEXT_CLASS = "whitespace-pre-line";
const BADGE_CLASS = "ml-[0.4em] inline-block rounded-full bg-rose-600 px-[0.35em] leading-[1.2] font-bold whitespace-nowrap text-white";
const HEAD_CLASS = "truncate border-b-[0.12em] pb-[0.05em] leading-[1.2] font-bold";

export function visibleNotes(session: SessionState): Note[] {
  return session.noteOrder.map((id) => session.notes[id]).filter((n): n is Note => !!n && n.status === "visible");
}

/** The wall's sections for a view: by group (in the cards' order), by cluster, or one list by votes. */
export function wallSections(session: SessionState, view: WallView, labels: { room: string; unclustered: string }): WallSection[] {
  const visible = visibleNotes(session);
  if (view === "votes") return visible.length ? [{ id: "votes", title: "", colour: null, notes: sortNotes(visible, "votes") }] : [];
  const sorted = sortNotes(visible, session.board.wallSort);
  if (view === "cluster" && session.clusterOrder.length > 0) {
    const cols: WallSection[] = session.clusterOrder.map((id) => ({ id, title: session.clusters[id].name, colour: null, notes: sorted.filter((n) => n.clusterId === id) }));
    const loose = sorted.filter((n) => !n.clusterId || !session.clusters[n.clusterId]);
    if (loose.length) cols.push({ id: "none", title: labels.unclustered, colour: null, notes: loose });
    return cols.filter((c) => c.notes.length > 0);
  }
  const order: string[] = [];
  const seen = new Set<string>();
  for (const n of visible) {
    const key = n.groupId ?? "room";
    if (!seen.has(key)) {
      seen.add(key);
      order.push(key);
    }
  }
  // Active groups first in their card order, then older groups and the whole room.
  order.sort((a, b) => rank(session, a) - rank(session, b));
  const byKey = new Map<string, Note[]>(order.map((k) => [k, []]));
  for (const n of sorted) byKey.get(n.groupId ?? "room")!.push(n);
  return order.map((key) => {
    const g = key === "room" ? null : session.groups[key];
    return { id: key, title: g?.name ?? labels.room, colour: g?.colour ?? null, notes: byKey.get(key)! };
  });
}

function rank(session: SessionState, key: string): number {
  const i = session.groupOrder.indexOf(key);
  return i >= 0 ? i : key === "room" ? 10_000 : 5_000;
}

function noteColour(session: SessionState, n: Note): string {
  return (n.groupId && session.groups[n.groupId]?.colour) || "#94a3b8";
}

interface WallLayout {
  font: number;
  gap: number;
  headTop: number;
  perPage: number;
  /** The height the columns may use (less the pager's row when paging). */
  height: number;
  pages: PackedColumn[][];
}

/**
 * The projector's wall of notes, in the view the trainer picked. Notes are
 * laid out to fit: the largest type that fits, never below the readable
 * minimum; when they do not fit, the wall pages through them on its own.
 */
export function Wall({ session, clockOffset }: { session: SessionState; clockOffset: number }) {
  const t = useTranslations("board");
  const view: WallView = session.board.wallView ?? (session.board.wallGroupBy === "cluster" ? "cluster" : "group");
  if (view === "cloud") return <WallCloud session={session} />;
  if (view === "single") return <WallSingle session={session} />;
  return <WallNotes session={session} view={view} clockOffset={clockOffset} labels={{ room: t("room"), unclustered: t("unclustered") }} />;
}

function WallNotes({ session, view, clockOffset, labels }: { session: SessionState; view: WallView; clockOffset: number; labels: { room: string; unclustered: string } }) {
  const t = useTranslations("board");
  const wall = useRef<HTMLDivElement>(null);
  const measurer = useRef<HTMLDivElement>(null);
  const cache = useRef(new Map<string, number>());
  const box = useBoxSize(wall);
  // A client's store writes notes and their order in place (see createFold): `seq` says they changed.
  const { seq, notes, noteOrder, groups, groupOrder, clusters, clusterOrder, board } = session;
  const sections = useMemo(() => wallSections(session, view, labels), [seq, notes, noteOrder, groups, groupOrder, clusters, clusterOrder, board, view, labels.room, labels.unclustered]);
  const [layout, setLayout] = useState<WallLayout | null>(null);
  const ms = usePageMs("wallPageMs", PAGE_MS);
  const [page] = useAutoPage(layout?.pages.length ?? 1, ms, view, manualPage(session.board, session.plan?.steps[session.stepIndex]?.id));
  const pageEl = useRef<HTMLDivElement>(null);

  // A gentle fade as the next page comes up.
  useLayoutEffect(() => {
    if ((layout?.pages.length ?? 1) <= 1 || window.matchMedia?.("(prefers-reduced-motion: reduce)").matches) return;
    pageEl.current?.animate?.([{ opacity: 0 }, { opacity: 1 }], { duration: 400, easing: "ease-out" });
  }, [page, layout?.pages.length]);

  useLayoutEffect(() => {
    const m = measurer.current;
    if (!box || !m) return;
    if (box.w <= 0 || box.h <= 0) {
      // No layout to measure (a test's DOM): one page of everything.
      const cols = sections.map((s) => [{ sectionId: s.id, cont: false, notes: s.notes.map((_, i) => i) }]);
      setLayout({ font: readableMin(), gap: 8, headTop: 8, perPage: Math.max(1, cols.length), height: 0, pages: [cols] });
      return;
    }
    if (cache.current.size > 20_000) cache.current.clear();
    const lo = readableMin();
    const hi = Math.max(lo, atScreen(NOTE_MAX_AT_1080));
    const withHeads = sections.some((s) => s.title);

    const tryAt = (f: number, height: number) => {
      const gap = Math.round(f * 0.3);
      const headTop = Math.round(f * 0.35);
      const perPage = columnsAcross(box.w, COLUMN_EM * f, gap);
      const width = (box.w - (perPage - 1) * gap) / perPage;
      const heights = measure(m, sections, f, width, cache.current);
      const columns = packColumns(
        sections.map((s, i) => ({ id: s.id, head: s.title ? heights.head : 0, notes: heights.notes[i] })),
        { height, gap, headTop, sectionBreak: withHeads && sections.length <= perPage },
      );
      return { font: f, gap, headTop, perPage, height, columns };
    };

    const best = largestFitting((f) => {
      const r = tryAt(f, box.h);
      return r.columns.length <= r.perPage;
    }, lo, hi);
    if (best.fits) {
      const r = tryAt(best.size, box.h);
      setLayout({ ...r, pages: [r.columns] });
    } else {
      // Pages at the smallest readable type, with a row kept for the pager.
      const r = tryAt(lo, box.h - Math.ceil(lo * 1.7));
      setLayout({ ...r, pages: paginate(r.columns, r.perPage) });
    }
  }, [sections, box]);

  const pages = layout?.pages.length ?? 1;
  const columns = layout?.pages[page] ?? [];
  const byId = new Map(sections.map((s) => [s.id, s]));
  const shown = columns.reduce((sum, col) => sum + col.reduce((s, seg) => s + seg.notes.length, 0), 0);
  const total = sections.reduce((sum, s) => sum + s.notes.length, 0);
  const now = Date.now() + clockOffset;
  const f = layout?.font ?? readableMin();

  return (
    <div ref={wall} className="relative h-full w-full overflow-hidden" data-testid="wall" data-view={view} data-page={page + 1} data-pages={pages} data-font={Math.round(f * 10) / 10} data-total={total}>
      <div ref={measurer} aria-hidden className="invisible absolute top-0 left-0 transition-none! **:transition-none!" />
      {layout && (
        <div
          ref={pageEl}
          className="absolute inset-x-0 top-0 grid items-start"
          style={{ gridTemplateColumns: `repeat(${layout.perPage}, minmax(0, 1fr))`, columnGap: layout.gap, height: layout.height || undefined, fontSize: f }}
          data-testid="wall-page"
        >
          {columns.map((col, ci) => (
            <div key={ci} className="flex min-w-0 flex-col" style={{ gap: layout.gap }}>
              {col.map((seg, si) => {
                const s = byId.get(seg.sectionId);
                if (!s) return null;
                return (
                  <section key={`${seg.sectionId}:${seg.notes[0]}`} className="flex flex-col" style={{ gap: layout.gap, marginTop: si > 0 && s.title ? layout.headTop : undefined }} data-testid="wall-column" data-section-id={s.id}>
                    {s.title && (
                      <h3 className={HEAD_CLASS} style={{ borderColor: s.colour ?? "#64748b" }} data-cont={seg.cont || undefined}>
                        {seg.cont ? `${s.title} ↴` : s.title}
                      </h3>
                    )}
                    <ul className="contents">
                      {seg.notes.map((i) => {
                        const n = s.notes[i];
                        if (!n) return null;
                        return (
                          <li
                            key={n.id}
                            data-testid="note"
                            data-note-id={n.id}
                            data-votes={n.votes}
                            className={`${now - n.createdAt < 2000 ? "note-in " : ""}${NOTE_CLASS}`}
                            style={{ borderLeftColor: noteColour(session, n), maxHeight: layout.height || undefined }}
                          >
                            <span className={TEXT_CLASS}>{n.text}</span>
                            {n.votes > 0 && <span className={BADGE_CLASS}>♥ {n.votes}</span>}
                          </li>
                        );
                      })}
                    </ul>
                  </section>
                );
              })}
            </div>
          ))}
        </div>
      )}
      {pages > 1 && (
        <p className="absolute right-0 bottom-0 left-0 truncate text-right leading-[1.4] font-semibold text-slate-300 tabular-nums" style={{ fontSize: readableMin() }} data-testid="wall-pager">
          {t("page", { page: page + 1, pages })} · {t("more", { count: total - shown })}
        </p>
      )}
    </div>
  );
}

/** Measures headings and notes as the wall will show them, at type `f` in columns `width` wide. Cached per text and size. */
function measure(m: HTMLDivElement, sections: readonly WallSection[], f: number, width: number, cache: Map<string, number>): { head: number; notes: number[][] } {
  const size = `${f.toFixed(2)}|${width.toFixed(1)}`;
  m.style.fontSize = `${f}px`;
  m.style.width = `${width}px`;
  const pending: { key: string; el: HTMLElement }[] = [];
  const keyOf = (n: Note) => `${size}|${n.votes}|${n.text}`;
  const headKey = `${size}|head`;
  if (!cache.has(headKey)) {
    const h = document.createElement("h3");
    h.className = HEAD_CLASS;
    h.textContent = "Ag";
    pending.push({ key: headKey, el: h });
    m.appendChild(h);
  }
  const queued = new Set<string>();
  for (const s of sections) {
    for (const n of s.notes) {
      const key = keyOf(n);
      if (cache.has(key) || queued.has(key)) continue;
      queued.add(key);
      const li = document.createElement("div");
      li.className = NOTE_CLASS;
      const text = document.createElement("span");
      text.className = TEXT_CLASS;
      text.textContent = n.text;
      li.appendChild(text);
      if (n.votes > 0) {
        const badge = document.createElement("span");
        badge.className = BADGE_CLASS;
        badge.textContent = `♥ ${n.votes}`;
        li.appendChild(badge);
      }
      pending.push({ key, el: li });
      m.appendChild(li);
    }
  }
  // One layout for everything new.
  for (const p of pending) cache.set(p.key, Math.ceil(p.el.getBoundingClientRect().height));
  m.replaceChildren();
  return { head: cache.get(headKey) ?? f * 1.4, notes: sections.map((s) => s.notes.map((n) => cache.get(keyOf(n)) ?? f * 1.6)) };
}

/** The word cloud of the visible notes. */
function WallCloud({ session }: { session: SessionState }) {
  const t = useTranslations("board");
  const { seq, notes, noteOrder, language } = session;
  const words = useMemo(() => countWords(visibleNotes(session).map((n) => n.text), language, 120), [seq, notes, noteOrder, language]);
  return (
    <div className="relative h-full w-full overflow-hidden" data-testid="wall" data-view="cloud" data-page={1} data-pages={1}>
      <WordCloud words={words} emptyText={t("noWords")} />
    </div>
  );
}

/** One note, as large as the screen allows: the one the trainer picked, or the most voted. */
function WallSingle({ session }: { session: SessionState }) {
  const t = useTranslations("board");
  const picked = session.board.wallNote ? session.notes[session.board.wallNote] : undefined;
  const note = picked && picked.status === "visible" ? picked : sortNotes(visibleNotes(session), "votes")[0];
  const group = note?.groupId ? session.groups[note.groupId] : null;
  return (
    <div className="relative h-full w-full overflow-hidden" data-testid="wall" data-view="single" data-page={1} data-pages={1}>
      {note && (
        <FitToBox watch={`${note.id}:${note.text}:${note.votes}`} minAt1080={28} maxAt1080={150} pageMs={12_000} testId="wall-single">
          <figure className="flex flex-col gap-[0.3em] rounded-[min(0.3em,1.5rem)] border-l-[min(0.2em,1rem)] bg-amber-100 px-[0.5em] py-[0.35em] text-slate-900" style={{ borderLeftColor: noteColour(session, note) }} data-testid="note" data-note-id={note.id} data-votes={note.votes}>
            <blockquote className="leading-[1.2] font-semibold break-words whitespace-pre-line">{note.text}</blockquote>
            <figcaption className="flex flex-wrap items-center gap-[0.5em] text-slate-700" style={{ fontSize: `max(0.4em, ${readableMin()}px)` }}>
              <span className="font-bold">{group?.name ?? t("room")}</span>
              {note.votes > 0 && <span className="rounded-full bg-rose-600 px-[0.4em] font-bold text-white">♥ {note.votes}</span>}
            </figcaption>
          </figure>
        </FitToBox>
      )}
    </div>
  );
}

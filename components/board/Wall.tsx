"use client";

import { useTranslations } from "next-intl";
import { sortNotes, type Note } from "@/lib/domain/board";
import type { SessionState } from "@/lib/domain/session-state";

interface Column {
  id: string;
  title: string;
  colour: string | null;
  notes: Note[];
}

/** Type size and per-column cap that keep a filling wall readable from the back of a hall. */
function density(total: number): { text: string; perColumn: number } {
  if (total <= 12) return { text: "text-[1.7vw]", perColumn: 12 };
  if (total <= 30) return { text: "text-[1.3vw]", perColumn: 14 };
  if (total <= 70) return { text: "text-[1.05vw]", perColumn: 16 };
  return { text: "text-[0.9vw]", perColumn: 18 };
}

export function wallColumns(session: SessionState, labels: { room: string; unclustered: string }): Column[] {
  const visible = session.noteOrder.map((id) => session.notes[id]).filter((n): n is Note => !!n && n.status === "visible");
  const sorted = sortNotes(visible, session.board.wallSort);
  if (session.board.wallGroupBy === "cluster" && session.clusterOrder.length > 0) {
    const cols: Column[] = session.clusterOrder.map((id) => ({ id, title: session.clusters[id].name, colour: null, notes: sorted.filter((n) => n.clusterId === id) }));
    const loose = sorted.filter((n) => !n.clusterId || !session.clusters[n.clusterId]);
    if (loose.length) cols.push({ id: "none", title: labels.unclustered, colour: null, notes: loose });
    return cols.filter((c) => c.notes.length > 0);
  }
  const order: string[] = [];
  for (const n of visible) {
    const key = n.groupId ?? "room";
    if (!order.includes(key)) order.push(key);
  }
  // Active groups first in their card order, then older groups and the whole room.
  order.sort((a, b) => rank(session, a) - rank(session, b));
  return order.map((key) => {
    const g = key === "room" ? null : session.groups[key];
    return { id: key, title: g?.name ?? labels.room, colour: g?.colour ?? null, notes: sorted.filter((n) => (n.groupId ?? "room") === key) };
  });
}

function rank(session: SessionState, key: string): number {
  const i = session.groupOrder.indexOf(key);
  return i >= 0 ? i : key === "room" ? 10_000 : 5_000;
}

/** The projector's live wall of notes, by group or by cluster, newest arriving with a gentle fade. */
export function Wall({ session, clockOffset }: { session: SessionState; clockOffset: number }) {
  const t = useTranslations("board");
  const columns = wallColumns(session, { room: t("room"), unclustered: t("unclustered") });
  const total = columns.reduce((s, c) => s + c.notes.length, 0);
  const d = density(total);
  // Only notes that just arrived fade in; a reordered wall does not flicker.
  const now = Date.now() + clockOffset;
  return (
    <div className="grid h-full gap-[1vw]" style={{ gridTemplateColumns: `repeat(${Math.max(1, columns.length)}, minmax(0, 1fr))` }} data-testid="wall">
      {columns.map((c) => {
        const shown = session.board.wallSort === "votes" ? c.notes.slice(0, d.perColumn) : c.notes.slice(-d.perColumn);
        const more = c.notes.length - shown.length;
        return (
          <section key={c.id} className="flex min-h-0 flex-col gap-[0.6vw] overflow-hidden" data-testid="wall-column">
            <h3 className="border-b-[0.3vw] pb-[0.3vw] text-[1.5vw] font-bold" style={{ borderColor: c.colour ?? "#64748b" }}>
              {c.title}
            </h3>
            {more > 0 && session.board.wallSort !== "votes" && <p className="text-[1vw] text-slate-400">{t("more", { count: more })}</p>}
            <ul className="flex flex-col gap-[0.6vw]">
              {shown.map((n) => (
                <li key={n.id} data-testid="note" data-note-id={n.id} data-votes={n.votes} className={`${now - n.createdAt < 2000 ? "note-in " : ""}rounded-lg bg-amber-100 px-[0.8vw] py-[0.5vw] text-slate-900 ${d.text}`}>
                  <span className="break-words whitespace-pre-line">{n.text}</span>
                  {n.votes > 0 && <span className="ml-[0.5vw] rounded-full bg-rose-600 px-[0.5vw] text-[0.8em] font-bold whitespace-nowrap text-white">♥ {n.votes}</span>}
                </li>
              ))}
            </ul>
            {more > 0 && session.board.wallSort === "votes" && <p className="text-[1vw] text-slate-400">{t("more", { count: more })}</p>}
          </section>
        );
      })}
    </div>
  );
}

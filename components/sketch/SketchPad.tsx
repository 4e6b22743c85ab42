"use client";

import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState } from "react";
import { ErrorText } from "@/components/ui/ErrorText";
import { newCommandId } from "@/lib/client/ids";
import type { LiveConnection } from "@/lib/client/live-connection";
import type { LiveStroke } from "@/lib/client/live-store";
import type { OutboxEntry } from "@/lib/client/outbox";
import { sketchWithPending } from "@/lib/client/pending-changes";
import { StrokeBatcher } from "@/lib/client/stroke-batcher";
import { toSketchPoint } from "@/lib/client/stroke-points";
import type { SessionState } from "@/lib/domain/session-state";
import { SKETCH_COLOURS, SKETCH_WIDTHS, type StrokeInput } from "@/lib/domain/sketch";
import { SketchView } from "./SketchView";

/** Queued commands whose refusal this pad reports. */
const SKETCH_COMMANDS = new Set(["stroke:commit", "stroke:undo", "sketch:clear", "sketch:mark"]);

/**
 * The phone's drawing pad: pointer events (finger, stylus, mouse), pressure
 * where the device has it, live progress every ~33 ms (StrokeBatcher), and
 * one committed stroke on lift. Strokes, undo, clear and done all go through
 * the outbox: they show at once, wait when offline, and are sent once.
 */
export function SketchPad({
  session,
  sketchId,
  me,
  connection,
  pending,
  live,
  shared,
}: {
  session: SessionState;
  sketchId: string;
  me: string;
  connection: LiveConnection;
  pending: OutboxEntry[];
  live: Record<string, LiveStroke>;
  shared: boolean;
}) {
  const t = useTranslations("sketch");
  const tp = useTranslations("phone");
  const [colour, setColour] = useState<(typeof SKETCH_COLOURS)[number]>(SKETCH_COLOURS[0]);
  const [width, setWidth] = useState<number>(SKETCH_WIDTHS[1]);
  const [tool, setTool] = useState<"pen" | "eraser">("pen");
  const [drawing, setDrawing] = useState<StrokeInput | null>(null);
  const [redo, setRedo] = useState<StrokeInput[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [palette, setPalette] = useState(false);
  const surface = useRef<HTMLDivElement>(null);
  const current = useRef<StrokeBatcher | null>(null);

  const sketch = session.sketches[sketchId];
  // The server's sketch with this phone's queued strokes, undos, clears and done mark laid over it.
  const view = useMemo(() => sketchWithPending(sketch, pending, sketchId, me), [sketch, pending, sketchId, me]);
  const liveOthers = Object.entries(live)
    .filter(([, l]) => l.sketchId === sketchId && l.authorId !== me)
    .map(([id, l]) => ({ id, points: l.points, width: l.width, tool: l.tool, colour: l.colour as StrokeInput["colour"] }));
  const myStrokes = view.strokes.filter((s) => s.authorId === me);

  useEffect(
    () =>
      connection.onOutboxResult(({ entry, ack }) => {
        if (ack.ok || !SKETCH_COMMANDS.has(entry.name)) return;
        // The view falls back to the server's on its own; say why, and forget a redo for an undo that did not happen.
        setError(ack.error.code);
        if (entry.name === "stroke:undo") setRedo((r) => r.filter((s) => s.id !== entry.payload.strokeId));
      }),
    [connection],
  );

  // A stroke still under the finger when the pad goes away is dropped.
  useEffect(() => () => current.current?.cancel(), []);

  function down(e: React.PointerEvent<HTMLDivElement>) {
    if (e.button > 0) return;
    e.preventDefault();
    setPalette(false);
    surface.current!.setPointerCapture(e.pointerId);
    current.current?.cancel();
    const style = { id: newCommandId(), colour, width: tool === "eraser" ? Math.max(width, 24) : width, tool };
    const batcher = new StrokeBatcher(sketchId, style, (packet) => connection.sendVolatile("stroke:progress", packet));
    batcher.add(toSketchPoint(e, surface.current!.getBoundingClientRect()));
    current.current = batcher;
    setDrawing(batcher.stroke);
  }

  function move(e: React.PointerEvent<HTMLDivElement>) {
    const batcher = current.current;
    if (!batcher) return;
    e.preventDefault();
    const coalesced = typeof e.nativeEvent.getCoalescedEvents === "function" ? e.nativeEvent.getCoalescedEvents() : [];
    const rect = surface.current!.getBoundingClientRect();
    for (const ev of coalesced.length ? coalesced : [e.nativeEvent]) {
      if (!batcher.add(toSketchPoint(ev, rect))) break;
    }
    setDrawing(batcher.stroke);
  }

  function up() {
    const batcher = current.current;
    if (!batcher) return;
    current.current = null;
    setDrawing(null);
    const stroke = batcher.finish();
    if (!stroke) return;
    setRedo([]);
    setError(null);
    connection.queue("stroke:commit", { sketchId, stroke });
  }

  // Undo, clear and done go through the outbox like strokes: they wait offline and are sent once.
  function undo() {
    const last = myStrokes.at(-1);
    if (!last) return;
    setError(null);
    setRedo((r) => [...r, { id: last.id, points: last.points, width: last.width, tool: last.tool, colour: last.colour }]);
    connection.queue("stroke:undo", { sketchId, strokeId: last.id });
  }

  function redoLast() {
    const s = redo.at(-1);
    if (!s) return;
    setRedo((r) => r.slice(0, -1));
    connection.queue("stroke:commit", { sketchId, stroke: { ...s, id: newCommandId() } });
  }

  function clear() {
    if (!window.confirm(t("confirmClear"))) return;
    setError(null);
    connection.queue("sketch:clear", { sketchId });
  }

  function markDone() {
    setError(null);
    connection.queue("sketch:mark", { sketchId, done: !view.done });
  }

  const tool44 = "inline-flex size-11 shrink-0 items-center justify-center rounded-full border-2";
  const iconButton = "inline-flex size-11 shrink-0 items-center justify-center rounded-lg border border-slate-300 bg-white text-ink disabled:text-slate-300";
  return (
    // The pad fills the height its parent gives it: the canvas takes what the toolbar leaves, at 3:4.
    <section className="flex min-h-0 flex-1 flex-col gap-2" aria-label={t("title")}>
      <p className="text-xs text-slate-600">{shared ? t("shared") : t("yourOwn")}</p>
      <div className="flex min-h-60 flex-1 justify-center [container-type:size]">
        <div
          ref={surface}
          data-testid="sketch-canvas"
          data-sketch-id={sketchId}
          role="application"
          aria-label={t("canvas")}
          onPointerDown={down}
          onPointerMove={move}
          onPointerUp={up}
          onPointerCancel={up}
          className="h-fit cursor-crosshair overflow-hidden rounded-lg border border-slate-300 shadow-inner select-none"
          style={{ touchAction: "none", width: "min(100cqw, 75cqh)" }}
        >
          <SketchView strokes={view.strokes} live={[...liveOthers, ...(drawing ? [drawing] : [])]} label={t("canvas")} />
        </div>
      </div>
      <div className="relative flex items-center gap-1.5" role="toolbar" aria-label={t("title")}>
        {palette && (
          <div className="absolute inset-x-0 bottom-full mb-2 flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-2 shadow-lg" data-testid="sketch-palette">
            <div className="flex flex-wrap gap-1" role="group" aria-label={t("colour")}>
              {SKETCH_COLOURS.map((c) => (
                <button
                  key={c}
                  type="button"
                  aria-label={`${t("colour")} ${c}`}
                  aria-pressed={tool === "pen" && colour === c}
                  onClick={() => (setColour(c), setTool("pen"), setPalette(false))}
                  className={`${tool44} ${tool === "pen" && colour === c ? "border-slate-900 ring-2 ring-brand" : "border-white"}`}
                  style={{ background: c }}
                />
              ))}
              <button
                type="button"
                aria-pressed={tool === "eraser"}
                onClick={() => (setTool(tool === "eraser" ? "pen" : "eraser"), setPalette(false))}
                className={`inline-flex min-h-11 items-center rounded-full border px-3 text-sm font-semibold ${tool === "eraser" ? "bg-slate-900 text-white" : "border-slate-300 bg-white"}`}
              >
                {t("eraser")}
              </button>
            </div>
            <div className="flex gap-1" role="group" aria-label={t("width")}>
              {SKETCH_WIDTHS.map((w, i) => (
                <button
                  key={w}
                  type="button"
                  aria-pressed={width === w}
                  onClick={() => (setWidth(w), setPalette(false))}
                  className={`inline-flex min-h-11 flex-1 items-center justify-center gap-2 rounded-lg border px-2 text-sm ${width === w ? "border-slate-900 bg-slate-100 font-semibold" : "border-slate-300 bg-white"}`}
                >
                  <span aria-hidden className="rounded-full bg-slate-900" style={{ width: 4 + i * 6, height: 4 + i * 6 }} />
                  {[t("thin"), t("medium"), t("thick")][i]}
                </button>
              ))}
            </div>
          </div>
        )}
        <button
          type="button"
          aria-label={tp("palette")}
          aria-expanded={palette}
          onClick={() => setPalette(!palette)}
          className={`${tool44} border-slate-300 bg-white`}
          data-testid="sketch-palette-button"
        >
          <span
            aria-hidden
            className={`block rounded-full ${tool === "eraser" ? "border-2 border-dashed border-slate-500 bg-white" : ""}`}
            style={{ width: 10 + SKETCH_WIDTHS.indexOf(width as (typeof SKETCH_WIDTHS)[number]) * 7, height: 10 + SKETCH_WIDTHS.indexOf(width as (typeof SKETCH_WIDTHS)[number]) * 7, background: tool === "eraser" ? undefined : colour }}
          />
        </button>
        <button type="button" className={iconButton} onClick={undo} disabled={myStrokes.length === 0} aria-label={t("undo")} title={t("undo")}>
          <Icon d="M9 14 4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />
        </button>
        <button type="button" className={iconButton} onClick={redoLast} disabled={redo.length === 0} aria-label={t("redo")} title={t("redo")}>
          <Icon d="m15 14 5-5-5-5M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />
        </button>
        <button type="button" className={iconButton} onClick={clear} disabled={myStrokes.length === 0} aria-label={t("clear")} title={t("clear")}>
          <Icon d="M4 7h16M10 11v6M14 11v6M5 7l1 13h12l1-13M9 7V4h6v3" />
        </button>
        <button
          type="button"
          onClick={markDone}
          disabled={!sketch && view.unsentStrokes === 0}
          className={`ml-auto inline-flex min-h-11 min-w-11 flex-1 items-center justify-center rounded-lg px-2 font-semibold disabled:cursor-not-allowed ${view.done ? "border border-slate-300 bg-white text-ink" : "bg-brand text-white disabled:bg-slate-400"}`}
          data-testid="sketch-done"
          data-pending={view.unsentChanges > 0 || undefined}
        >
          {view.done ? t("notDone") : t("done")}
        </button>
      </div>
      {view.unsentStrokes > 0 && (
        <p className="text-sm text-amber-800" data-testid="unsent-strokes">
          {t("unsent", { count: view.unsentStrokes })}
        </p>
      )}
      {view.unsentChanges > 0 && (
        <p className="text-sm text-amber-800" data-testid="unsent-changes">
          {t("unsentChanges", { count: view.unsentChanges })}
        </p>
      )}
      <ErrorText code={error} />
    </section>
  );
}

/** A 24x24 line icon. */
function Icon({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden className="size-6" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round">
      <path d={d} />
    </svg>
  );
}

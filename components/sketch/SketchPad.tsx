"use client";

import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/Button";
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
  const [colour, setColour] = useState<(typeof SKETCH_COLOURS)[number]>(SKETCH_COLOURS[0]);
  const [width, setWidth] = useState<number>(SKETCH_WIDTHS[1]);
  const [tool, setTool] = useState<"pen" | "eraser">("pen");
  const [drawing, setDrawing] = useState<StrokeInput | null>(null);
  const [redo, setRedo] = useState<StrokeInput[]>([]);
  const [error, setError] = useState<string | null>(null);
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

  // Bring the whole canvas into view when the drawing step starts.
  useEffect(() => {
    surface.current?.scrollIntoView({ block: "end", behavior: "smooth" });
  }, [sketchId]);

  function down(e: React.PointerEvent<HTMLDivElement>) {
    if (e.button > 0) return;
    e.preventDefault();
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

  const chip = "flex size-9 items-center justify-center rounded-full border-2";
  return (
    <section className="flex flex-col gap-2" aria-label={t("title")}>
      <p className="text-sm text-slate-600">{shared ? t("shared") : t("yourOwn")}</p>
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
        className="mx-auto w-full max-w-[min(100%,calc((100dvh-13rem)*0.75))] cursor-crosshair overflow-hidden rounded-lg border border-slate-300 shadow-inner select-none"
        style={{ touchAction: "none" }}
      >
        <SketchView strokes={view.strokes} live={[...liveOthers, ...(drawing ? [drawing] : [])]} label={t("canvas")} />
      </div>
      <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label={t("title")}>
        {SKETCH_COLOURS.map((c) => (
          <button
            key={c}
            type="button"
            aria-label={`${t("colour")} ${c}`}
            aria-pressed={tool === "pen" && colour === c}
            onClick={() => (setColour(c), setTool("pen"))}
            className={`${chip} ${tool === "pen" && colour === c ? "border-slate-900 ring-2 ring-brand" : "border-white"}`}
            style={{ background: c }}
          />
        ))}
        <button type="button" aria-pressed={tool === "eraser"} onClick={() => setTool(tool === "eraser" ? "pen" : "eraser")} className={`rounded-full border px-3 py-1.5 text-sm ${tool === "eraser" ? "bg-slate-900 text-white" : "bg-white"}`}>
          {t("eraser")}
        </button>
        <select aria-label={t("width")} value={width} onChange={(e) => setWidth(Number(e.target.value))} className="rounded-full border border-slate-300 bg-white px-2 py-1.5 text-sm">
          {SKETCH_WIDTHS.map((w, i) => (
            <option key={w} value={w}>
              {[t("thin"), t("medium"), t("thick")][i]}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={undo} disabled={myStrokes.length === 0}>
          {t("undo")}
        </Button>
        <Button variant="secondary" onClick={redoLast} disabled={redo.length === 0}>
          {t("redo")}
        </Button>
        <Button variant="secondary" onClick={clear} disabled={myStrokes.length === 0}>
          {t("clear")}
        </Button>
        <Button onClick={markDone} disabled={!sketch && view.unsentStrokes === 0} className="ml-auto" data-testid="sketch-done" data-pending={view.unsentChanges > 0 || undefined}>
          {view.done ? t("notDone") : t("done")}
        </Button>
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

"use client";

import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorText } from "@/components/ui/ErrorText";
import { newCommandId } from "@/lib/client/ids";
import type { LiveConnection } from "@/lib/client/live-connection";
import type { LiveStroke } from "@/lib/client/live-store";
import type { OutboxEntry } from "@/lib/client/outbox";
import type { SessionState } from "@/lib/domain/session-state";
import { MAX_STROKE_POINTS, SKETCH_COLOURS, SKETCH_H, SKETCH_W, SKETCH_WIDTHS, simplifyPoints, type StrokeInput } from "@/lib/domain/sketch";
import { SketchView } from "./SketchView";

const BATCH_MS = 33;

/**
 * The phone's drawing pad: pointer events (finger, stylus, mouse), pressure
 * where the device has it, live progress every ~33 ms, and one committed
 * stroke on lift (queued when offline, so no stroke is ever lost).
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
  const current = useRef<{ stroke: StrokeInput; sent: number; timer: ReturnType<typeof setInterval> | null } | null>(null);

  const sketch = session.sketches[sketchId];
  const queued = useMemo(
    () => pending.filter((e) => e.name === "stroke:commit" && e.payload.sketchId === sketchId).map((e) => e.payload.stroke as StrokeInput),
    [pending, sketchId],
  );
  const committed = sketch?.strokes ?? [];
  const committedIds = new Set(committed.map((s) => s.id));
  const liveOthers = Object.entries(live)
    .filter(([, l]) => l.sketchId === sketchId && l.authorId !== me)
    .map(([id, l]) => ({ id, points: l.points, width: l.width, tool: l.tool, colour: l.colour as StrokeInput["colour"] }));
  const shown = [...committed, ...queued.filter((s) => !committedIds.has(s.id))];
  const myStrokes = committed.filter((s) => s.authorId === me);

  useEffect(
    () =>
      connection.onOutboxResult(({ entry, ack }) => {
        if (entry.name === "stroke:commit" && !ack.ok) setError(ack.error.code);
      }),
    [connection],
  );

  // Bring the whole canvas into view when the drawing step starts.
  useEffect(() => {
    surface.current?.scrollIntoView({ block: "end", behavior: "smooth" });
  }, [sketchId]);

  const toPoint = (e: React.PointerEvent) => {
    const r = surface.current!.getBoundingClientRect();
    const x = Math.round(((e.clientX - r.left) / r.width) * SKETCH_W);
    const y = Math.round(((e.clientY - r.top) / r.height) * SKETCH_H);
    // Mice report 0 or 0.5; treat anything without real pressure as a steady line.
    const p = e.pointerType === "pen" && e.pressure > 0 ? Math.round(e.pressure * 100) : 50;
    return [Math.max(-50, Math.min(SKETCH_W + 50, x)), Math.max(-50, Math.min(SKETCH_H + 50, y)), p];
  };

  const flushProgress = () => {
    const c = current.current;
    if (!c || c.sent >= c.stroke.points.length) return;
    const batch = c.stroke.points.slice(c.sent);
    c.sent = c.stroke.points.length;
    connection.sendVolatile("stroke:progress", { sketchId, strokeId: c.stroke.id, colour: c.stroke.colour, width: c.stroke.width, tool: c.stroke.tool, points: batch.slice(0, 600) });
  };

  function down(e: React.PointerEvent<HTMLDivElement>) {
    if (e.button > 0) return;
    e.preventDefault();
    surface.current!.setPointerCapture(e.pointerId);
    const stroke: StrokeInput = { id: newCommandId(), colour, width: tool === "eraser" ? Math.max(width, 24) : width, tool, points: toPoint(e) };
    current.current = { stroke, sent: 0, timer: setInterval(flushProgress, BATCH_MS) };
    setDrawing(stroke);
  }

  function move(e: React.PointerEvent<HTMLDivElement>) {
    const c = current.current;
    if (!c) return;
    e.preventDefault();
    const events = typeof e.nativeEvent.getCoalescedEvents === "function" ? e.nativeEvent.getCoalescedEvents() : [];
    const list = events.length ? events : [e.nativeEvent];
    for (const ev of list) {
      if (c.stroke.points.length >= MAX_STROKE_POINTS * 3 * 2) break;
      c.stroke.points.push(...toPoint(ev as unknown as React.PointerEvent));
    }
    setDrawing({ ...c.stroke, points: [...c.stroke.points] });
  }

  function up() {
    const c = current.current;
    if (!c) return;
    if (c.timer) clearInterval(c.timer);
    flushProgress();
    current.current = null;
    setDrawing(null);
    let points = c.stroke.points.length === 3 ? [...c.stroke.points, c.stroke.points[0] + 1, c.stroke.points[1], c.stroke.points[2]] : c.stroke.points;
    points = simplifyPoints(points, 1);
    // Very long strokes get a coarser pass so they fit the limit instead of failing.
    for (let tol = 2; points.length > MAX_STROKE_POINTS * 3 && tol < 64; tol *= 2) points = simplifyPoints(points, tol);
    setRedo([]);
    setError(null);
    connection.queue("stroke:commit", { sketchId, stroke: { ...c.stroke, points } });
  }

  async function undo() {
    const last = myStrokes.at(-1);
    if (!last) return;
    const ack = await connection.send("stroke:undo", { sketchId, strokeId: last.id });
    if (ack.ok) setRedo((r) => [...r, { id: last.id, points: last.points, width: last.width, tool: last.tool, colour: last.colour }]);
    else setError(ack.error.code);
  }

  function redoLast() {
    const s = redo.at(-1);
    if (!s) return;
    setRedo((r) => r.slice(0, -1));
    connection.queue("stroke:commit", { sketchId, stroke: { ...s, id: newCommandId() } });
  }

  async function clear() {
    if (!window.confirm(t("confirmClear"))) return;
    const ack = await connection.send("sketch:clear", { sketchId });
    setError(ack.ok ? null : ack.error.code);
  }

  async function markDone() {
    const ack = await connection.send("sketch:mark", { sketchId, done: !sketch?.done });
    setError(ack.ok ? null : ack.error.code);
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
        <SketchView strokes={shown} live={[...liveOthers, ...(drawing ? [drawing] : [])]} label={t("canvas")} />
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
        <Button onClick={markDone} disabled={!sketch} className="ml-auto" data-testid="sketch-done">
          {sketch?.done ? t("notDone") : t("done")}
        </Button>
      </div>
      {queued.length > 0 && (
        <p className="text-sm text-amber-800" data-testid="unsent-strokes">
          {t("unsent", { count: queued.length })}
        </p>
      )}
      <ErrorText code={error} />
    </section>
  );
}

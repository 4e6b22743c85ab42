import { afterEach, beforeEach, describe, expect, it, jest } from "@jest/globals";
import { MAX_LIVE_NUMBERS, PROGRESS_MAX_NUMBERS, STROKE_BATCH_MS, StrokeBatcher } from "@/lib/client/stroke-batcher";
import { finishStrokePoints, STEADY_PRESSURE, toSketchPoint } from "@/lib/client/stroke-points";
import { MAX_STROKE_POINTS, simplifyPoints, SKETCH_H, SKETCH_W } from "@/lib/domain/sketch";
import { strokeSchema } from "@/lib/domain/sketch-schema";
import { strokeProgressSchema, type StrokeProgress } from "@/lib/protocol/commands";
import { packPoints, PACKED_POINTS_RE, unpackPoints } from "@/lib/protocol/stroke-packing";

const style = { id: "stroke-0001", colour: "#111827", width: 14, tool: "pen" } as const;

function batcher(intervalMs = STROKE_BATCH_MS) {
  const sent: StrokeProgress[] = [];
  const b = new StrokeBatcher("p_me_free", style, (p) => sent.push(p), intervalMs);
  return { b, sent, numbers: () => sent.flatMap((p) => unpackPoints(p.packed)) };
}

describe("packed points (stroke:progress)", () => {
  it("round-trips every point a pad makes, edges and pressure included, at 8 characters a point", () => {
    const points = [0, 0, 0, -50, -50, 1, 800, 1050, 100, 375, 500, 50, -100, 1100, 99];
    const packed = packPoints(points);
    expect(packed).toHaveLength((points.length / 3) * 8);
    expect(PACKED_POINTS_RE.test(packed)).toBe(true);
    expect(unpackPoints(packed)).toEqual(points);
    // The same bytes as Node's own base64 of little-endian 16-bit integers.
    const bytes = Buffer.alloc(points.length * 2);
    points.forEach((v, i) => bytes.writeInt16LE(v, i * 2));
    expect(packed).toBe(bytes.toString("base64"));
  });

  it.each([
    ["nothing", ""],
    ["a partial point", "AAAAAAA"],
    ["padding", "AAAAAA=="],
    ["JSON numbers", "[1,2,3]"],
    ["too many points", "A".repeat(8 * 201)],
  ])("refuses %s", (_name, packed) => {
    expect(PACKED_POINTS_RE.test(packed)).toBe(false);
    expect(strokeProgressSchema.safeParse({ sketchId: "p_me_free", strokeId: style.id, colour: style.colour, width: 14, tool: "pen", packed }).success).toBe(false);
  });
});

describe("StrokeBatcher", () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it("sends the points drawn in each ~33 ms as one volatile packet, nothing twice", () => {
    const { b, sent, numbers } = batcher();
    b.add([1, 2, 50]);
    b.add([3, 4, 50]);
    expect(sent).toHaveLength(0);
    jest.advanceTimersByTime(STROKE_BATCH_MS);
    expect(sent).toEqual([{ sketchId: "p_me_free", strokeId: style.id, colour: style.colour, width: 14, tool: "pen", packed: packPoints([1, 2, 50, 3, 4, 50]) }]);
    b.add([5, 6, 50]);
    jest.advanceTimersByTime(STROKE_BATCH_MS - 1);
    expect(sent).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(sent).toHaveLength(2);
    expect(numbers()).toEqual([1, 2, 50, 3, 4, 50, 5, 6, 50]);
    for (const p of sent) expect(strokeProgressSchema.safeParse(p).success).toBe(true);
  });

  it("stays quiet while the finger rests (no timer without new points)", () => {
    const { b, sent } = batcher();
    b.add([1, 2, 50]);
    jest.advanceTimersByTime(STROKE_BATCH_MS * 10);
    expect(sent).toHaveLength(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it("splits a large batch into packets the protocol accepts instead of dropping points", () => {
    const { b, sent, numbers } = batcher();
    for (let i = 0; i < 450; i++) b.add([i % 700, i % 900, 50]);
    jest.advanceTimersByTime(STROKE_BATCH_MS);
    expect(sent.map((p) => unpackPoints(p.packed).length)).toEqual([PROGRESS_MAX_NUMBERS, PROGRESS_MAX_NUMBERS, 1350 - 2 * PROGRESS_MAX_NUMBERS]);
    expect(numbers()).toEqual([...b.points]);
    for (const p of sent) expect(strokeProgressSchema.safeParse(p).success).toBe(true);
  });

  it("stops collecting at the live limit", () => {
    const { b } = batcher();
    let added = 0;
    while (b.add([10, 10, 50])) added++;
    expect(added * 3).toBe(MAX_LIVE_NUMBERS);
    expect(b.points).toHaveLength(MAX_LIVE_NUMBERS);
  });

  it("finish sends the last points at once, stops the timer, and gives the simplified stroke to commit", () => {
    const { b, sent, numbers } = batcher();
    for (let i = 0; i <= 100; i++) b.add([100 + i * 5, 200, 50]);
    const stroke = b.finish();
    expect(numbers()).toHaveLength(101 * 3);
    expect(jest.getTimerCount()).toBe(0);
    expect(stroke).toEqual({ ...style, points: [100, 200, 50, 600, 200, 50] });
    expect(strokeSchema.safeParse(stroke).success).toBe(true);
    // Finished: nothing more is taken or sent.
    expect(b.add([1, 1, 50])).toBe(false);
    expect(b.finish()).toBeNull();
    jest.advanceTimersByTime(STROKE_BATCH_MS * 3);
    expect(sent).toHaveLength(1);
  });

  it("cancel drops the stroke without sending", () => {
    const { b, sent } = batcher();
    b.add([1, 2, 50]);
    b.cancel();
    jest.advanceTimersByTime(STROKE_BATCH_MS * 3);
    expect(sent).toHaveLength(0);
    expect(b.finish()).toBeNull();
  });

  it("shows the stroke drawn so far as a copy", () => {
    const { b } = batcher();
    b.add([1, 2, 50]);
    const drawn = b.stroke;
    b.add([3, 4, 50]);
    expect(drawn).toEqual({ ...style, points: [1, 2, 50] });
    expect(b.stroke.points).toEqual([1, 2, 50, 3, 4, 50]);
  });
});

describe("toSketchPoint", () => {
  const rect = { left: 10, top: 20, width: 375, height: 500 };

  it("maps page coordinates into the 750 x 1000 sketch space", () => {
    expect(toSketchPoint({ clientX: 10, clientY: 20, pressure: 0.5, pointerType: "touch" }, rect)).toEqual([0, 0, STEADY_PRESSURE]);
    expect(toSketchPoint({ clientX: 385, clientY: 520, pressure: 0, pointerType: "mouse" }, rect)).toEqual([SKETCH_W, SKETCH_H, STEADY_PRESSURE]);
    expect(toSketchPoint({ clientX: 197.5, clientY: 270, pressure: 0.5, pointerType: "mouse" }, rect)).toEqual([375, 500, STEADY_PRESSURE]);
  });

  it("keeps a stylus's pressure and gives mice and fingers a steady line", () => {
    expect(toSketchPoint({ clientX: 10, clientY: 20, pressure: 0.83, pointerType: "pen" }, rect)[2]).toBe(83);
    expect(toSketchPoint({ clientX: 10, clientY: 20, pressure: 0, pointerType: "pen" }, rect)[2]).toBe(STEADY_PRESSURE);
    expect(toSketchPoint({ clientX: 10, clientY: 20, pressure: 1, pointerType: "touch" }, rect)[2]).toBe(STEADY_PRESSURE);
  });

  it("clamps a finger sliding off the edge to just outside the sketch", () => {
    expect(toSketchPoint({ clientX: -1000, clientY: 5000, pressure: 0, pointerType: "touch" }, rect)).toEqual([-50, SKETCH_H + 50, STEADY_PRESSURE]);
  });

  it("never yields NaN for a collapsed surface", () => {
    const p = toSketchPoint({ clientX: 5, clientY: 5, pressure: 0, pointerType: "touch" }, { left: 0, top: 0, width: 0, height: 0 });
    expect(p.every(Number.isFinite)).toBe(true);
  });
});

describe("finishStrokePoints", () => {
  it("turns a tap into a tiny dash so it draws as a dot", () => {
    expect(finishStrokePoints([100, 100, 50])).toEqual([100, 100, 50, 101, 100, 50]);
  });

  it("simplifies with the domain's RDP at one unit", () => {
    const wobbly = Array.from({ length: 60 }, (_, i) => [i * 5, 300 + (i % 2), 50]).flat();
    expect(finishStrokePoints(wobbly)).toEqual(simplifyPoints(wobbly, 1));
  });

  it("drops a trailing partial point and returns nothing for no points", () => {
    expect(finishStrokePoints([])).toEqual([]);
    expect(finishStrokePoints([1, 2, 50, 9])).toEqual([1, 2, 50, 2, 2, 50]);
  });

  it("brings a very long scribble under the limit, keeping its ends", () => {
    // A dense zigzag: RDP cannot drop its corners, so the coarser passes are not enough and the points are thinned.
    const limit = 150;
    const n = limit * 3;
    const zigzag = Array.from({ length: n }, (_, i) => [Math.round((i / n) * 700), i % 2 ? 900 : 100, 50]).flat();
    const out = finishStrokePoints(zigzag, limit);
    expect(out.length).toBe(limit * 3);
    expect(out.length % 3).toBe(0);
    expect(out.slice(0, 3)).toEqual(zigzag.slice(0, 3));
    expect(out.slice(-3)).toEqual(zigzag.slice(-3));
    expect(strokeSchema.safeParse({ ...style, points: out }).success).toBe(true);
  });

  it("leaves a stroke within the limit as the simplification made it", () => {
    const curve = Array.from({ length: 300 }, (_, i) => [Math.round(375 + 300 * Math.cos(i / 20)), Math.round(500 + 300 * Math.sin(i / 20)), 50]).flat();
    const out = finishStrokePoints(curve);
    expect(out).toEqual(simplifyPoints(curve, 1));
    expect(out.length).toBeLessThanOrEqual(MAX_STROKE_POINTS * 3);
  });
});

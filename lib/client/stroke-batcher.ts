import { MAX_STROKE_POINTS, type StrokeInput } from "@/lib/domain/sketch";
import type { StrokeProgress } from "@/lib/protocol/commands";
import { packPoints, PROGRESS_MAX_POINTS } from "@/lib/protocol/stroke-packing";
import { finishStrokePoints } from "./stroke-points";

/** How often live points leave the phone while a finger draws (~30 packets a second). */
export const STROKE_BATCH_MS = 33;
/** Numbers per stroke:progress packet (the protocol's `strokeProgressSchema` allows 200 points). */
export const PROGRESS_MAX_NUMBERS = PROGRESS_MAX_POINTS * 3;
/** Numbers one stroke may collect while drawing; more are ignored (the commit simplifies down to MAX_STROKE_POINTS). */
export const MAX_LIVE_NUMBERS = MAX_STROKE_POINTS * 3 * 2;

type StrokeStyle = Omit<StrokeInput, "points">;

/**
 * One stroke while the finger is down. It collects the points and, at most
 * every `intervalMs`, hands the points not sent yet to `send` as
 * stroke:progress packets (several when a batch is larger than a packet);
 * `finish` sends the rest and gives the stroke to commit, simplified.
 * No React and no socket: the pad passes `connection.sendVolatile`.
 */
export class StrokeBatcher {
  private readonly pts: number[] = [];
  private sent = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private done = false;

  constructor(
    readonly sketchId: string,
    readonly style: StrokeStyle,
    private readonly send: (packet: StrokeProgress) => void,
    private readonly intervalMs = STROKE_BATCH_MS,
  ) {}

  /** All points so far, flat [x, y, pressure, ...]. */
  get points(): readonly number[] {
    return this.pts;
  }

  /** The stroke as drawn so far (for the pad to render). */
  get stroke(): StrokeInput {
    return { ...this.style, points: [...this.pts] };
  }

  /** Adds one [x, y, pressure] point; false (and nothing added) once the stroke is full or finished. */
  add(point: readonly [number, number, number]): boolean {
    if (this.done || this.pts.length + 3 > MAX_LIVE_NUMBERS) return false;
    this.pts.push(point[0], point[1], point[2]);
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.intervalMs);
    return true;
  }

  /** Sends the points not sent yet, now. */
  flush(): void {
    while (this.sent < this.pts.length) {
      const points = this.pts.slice(this.sent, this.sent + PROGRESS_MAX_NUMBERS);
      this.sent += points.length;
      this.send({ sketchId: this.sketchId, strokeId: this.style.id, colour: this.style.colour, width: this.style.width, tool: this.style.tool, packed: packPoints(points) });
    }
  }

  /** Ends the stroke: sends the last live points and returns the stroke to commit (simplified), or null if it has no points. */
  finish(): StrokeInput | null {
    if (this.done) return null;
    this.stop();
    this.flush();
    const points = finishStrokePoints(this.pts);
    return points.length ? { ...this.style, points } : null;
  }

  /** Drops the stroke without sending anything more (the pad went away). */
  cancel(): void {
    this.stop();
  }

  private stop(): void {
    this.done = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

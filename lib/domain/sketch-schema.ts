import { z } from "zod";
import { SKETCH_COLOURS } from "./sketch";

/** A committed stroke as the server checks it, point by point (apart from sketch.ts, so phones load no zod). */
export const strokeSchema = z.object({
  id: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/),
  colour: z.enum(SKETCH_COLOURS),
  width: z.number().int().min(2).max(60),
  tool: z.enum(["pen", "eraser"]),
  points: z.array(z.number().int().min(-100).max(1100)).min(3),
});

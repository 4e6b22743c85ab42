"use client";

import { z } from "zod";

/**
 * Zod compiles object parsers with `new Function` when it can, and finds out
 * by trying `Function("")`. Under the Content-Security-Policy (no
 * 'unsafe-eval') that probe is refused and reported as a violation on every
 * page, so browsers use Zod's plain parsers from the start.
 */
z.config({ jitless: true });

export function ZodWithoutEval(): null {
  return null;
}

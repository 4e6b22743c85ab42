import type { z } from "zod";
import { HTTP_STATUS, type ErrorCode } from "@/lib/domain/errors";

/** A JSON error reply with a stable code (from the one error-code table) the UI translates; the status follows from the code. */
export function jsonError(code: ErrorCode, message: string): Response {
  return Response.json({ ok: false, error: { code, message } }, { status: HTTP_STATUS[code] });
}

const MAX_BODY_BYTES = 16 * 1024;

/** Reads and validates a JSON body; returns the data or a ready error response. */
export async function readJson<T>(req: Request, schema: z.ZodType<T>): Promise<{ data: T } | { response: Response }> {
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) return { response: jsonError("PAYLOAD_TOO_LARGE", "Request body too large") };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { response: jsonError("BAD_REQUEST", "Body must be JSON") };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const code = issue?.path[0] === "password" ? "PASSWORD_SHORT" : issue?.path[0] === "email" ? "EMAIL_INVALID" : "BAD_REQUEST";
    return { response: jsonError(code, parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")) };
  }
  return { data: parsed.data };
}

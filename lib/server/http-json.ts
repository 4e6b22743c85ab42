import type { z } from "zod";

/** A JSON error reply with a stable code the UI translates. */
export function jsonError(status: number, code: string, message: string): Response {
  return Response.json({ ok: false, error: { code, message } }, { status });
}

const MAX_BODY_BYTES = 16 * 1024;

/** Reads and validates a JSON body; returns the data or a ready error response. */
export async function readJson<T>(req: Request, schema: z.ZodType<T>): Promise<{ data: T } | { response: Response }> {
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) return { response: jsonError(413, "PAYLOAD_TOO_LARGE", "Request body too large") };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { response: jsonError(400, "BAD_REQUEST", "Body must be JSON") };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const code = issue?.path[0] === "password" ? "PASSWORD_SHORT" : issue?.path[0] === "email" ? "EMAIL_INVALID" : "BAD_REQUEST";
    return { response: jsonError(400, code, parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")) };
  }
  return { data: parsed.data };
}

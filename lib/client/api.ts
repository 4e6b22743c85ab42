/** JSON fetch for the app's own route handlers; errors come back as stable codes. */
export async function callApi<T = Record<string, unknown>>(
  url: string,
  init: { method: string; body?: unknown },
): Promise<({ ok: true } & T) | { ok: false; error: { code: string; message: string }; [k: string]: unknown }> {
  try {
    const res = await fetch(url, {
      method: init.method,
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const body = await res.json().catch(() => null);
    if (body && typeof body === "object" && "ok" in body) return body;
    return { ok: false, error: { code: "INTERNAL", message: `HTTP ${res.status}` } };
  } catch {
    return { ok: false, error: { code: "INTERNAL", message: "Network error" } };
  }
}

const BASE = "http://ortaq.invalid";

/**
 * Where to go after signing in: a path on this site, never another site.
 * Browsers drop tabs and newlines inside URLs and read "\" as "/", so
 * "/\evil.example" and "/<tab>/evil.example" both mean "//evil.example";
 * those are stripped or refused first, then the path is resolved against a
 * fixed origin and must stay on it. Returns the normalised path (with query
 * and fragment), or `fallback`.
 */
export function safeNext(next: unknown, fallback = "/console"): string {
  if (typeof next !== "string" || next.length > 2000) return fallback;
  // C0 controls, DEL, C1 controls and every kind of white space (incl. U+2028/2029, NBSP, BOM).
  const cleaned = next.replace(/[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]/g, "");
  if (!cleaned.startsWith("/") || cleaned.startsWith("//") || cleaned.includes("\\")) return fallback;
  let url: URL;
  try {
    url = new URL(cleaned, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The resolved path itself must not read as protocol-relative either (e.g. "/.//evil" normalises to "//evil").
  return path.startsWith("/") && !path.startsWith("//") ? path : fallback;
}

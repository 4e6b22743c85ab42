import fs from "node:fs";
import type http from "node:http";
import path from "node:path";

/** Video and caption types the app serves; anything else is not media. */
const TYPES: Record<string, string> = {
  ".webm": "video/webm",
  ".mp4": "video/mp4",
  ".vtt": "text/vtt; charset=utf-8",
};

const NAME = /^[a-z0-9][a-z0-9._-]{0,120}$/;

/**
 * Finds a media file by its name in the media folders (uploads first, then
 * the shipped content/media). Names are plain file names: no paths, no dots
 * leading anywhere.
 */
export function findMediaFile(dirs: readonly string[], name: string): { file: string; type: string; size: number } | null {
  if (!NAME.test(name) || name.includes("..")) return null;
  // A bare media id ("demo-awareness") is its video, whichever container it is in.
  if (!TYPES[path.extname(name).toLowerCase()]) {
    if (name.includes(".")) return null;
    return findMediaFile(dirs, `${name}.webm`) ?? findMediaFile(dirs, `${name}.mp4`);
  }
  const type = TYPES[path.extname(name).toLowerCase()];
  for (const dir of dirs) {
    const file = path.join(dir, name);
    try {
      const st = fs.statSync(file);
      if (st.isFile()) return { file, type, size: st.size };
    } catch {
      // Not in this folder.
    }
  }
  return null;
}

/** Parses a single "bytes=a-b" range against a size; null when absent, "invalid" when unsatisfiable. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | "invalid" {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === "" && m[2] === "")) return "invalid";
  let start: number;
  let end: number;
  if (m[1] === "") {
    // Suffix range: the last N bytes.
    const n = Number(m[2]);
    if (n === 0) return "invalid";
    start = Math.max(0, size - n);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return "invalid";
  return { start, end };
}

/** Which files need a permission check, and the check (media-access.ts). */
export interface MediaGate {
  /** Folders whose files are protected (uploads); files elsewhere (shipped demo media) are public. */
  protectedDirs: readonly string[];
  allow(req: http.IncomingMessage, name: string): Promise<boolean>;
}

/**
 * Serves /media/<name> with HTTP range requests, so the projector can seek
 * anywhere in a video without downloading it all. Files in a protected folder
 * are served only when the gate allows the request (else 404, as if absent),
 * and never cached by shared caches. Returns false when the request is not
 * for media (the caller passes it on).
 */
export function serveMedia(req: http.IncomingMessage, res: http.ServerResponse, dirs: readonly string[], gate?: MediaGate): boolean {
  const url = req.url ?? "";
  if (!url.startsWith("/media/")) return false;
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD" }).end();
    return true;
  }
  let name: string;
  try {
    name = decodeURIComponent(url.slice("/media/".length).split("?")[0]);
  } catch {
    res.writeHead(400).end();
    return true;
  }
  const found = findMediaFile(dirs, name);
  if (!found) {
    notFound(res);
    return true;
  }
  const isProtected = !!gate && gate.protectedDirs.some((d) => path.resolve(path.dirname(found.file)) === path.resolve(d));
  if (!isProtected) {
    sendFile(req, res, found, "public, max-age=3600");
    return true;
  }
  gate.allow(req, name).then(
    (ok) => (ok ? sendFile(req, res, found, "private, max-age=3600") : notFound(res)),
    () => {
      if (!res.headersSent) res.writeHead(500).end();
    },
  );
  return true;
}

function notFound(res: http.ServerResponse): void {
  res.writeHead(404, { "content-type": "text/plain", "cache-control": "no-store" }).end("Not found");
}

function sendFile(req: http.IncomingMessage, res: http.ServerResponse, found: { file: string; type: string; size: number }, cacheControl: string): void {
  const range = parseRange(req.headers.range, found.size);
  const base = { "content-type": found.type, "accept-ranges": "bytes", "cache-control": cacheControl, ...(cacheControl.startsWith("private") ? { vary: "Cookie" } : {}) };
  if (range === "invalid") {
    res.writeHead(416, { ...base, "content-range": `bytes */${found.size}` }).end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: found.size - 1 };
  res.writeHead(range ? 206 : 200, {
    ...base,
    "content-length": String(end - start + 1),
    ...(range ? { "content-range": `bytes ${start}-${end}/${found.size}` } : {}),
  });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  const stream = fs.createReadStream(found.file, { start, end });
  stream.on("error", () => res.destroy());
  res.on("close", () => stream.destroy());
  stream.pipe(res);
}

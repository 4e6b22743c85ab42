import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Locale } from "@/lib/domain/locales";
import type { Sql } from "../store/sql";

export interface MediaItem {
  id: string;
  title: string;
  file: string;
  type: "video/webm" | "video/mp4";
  size: number;
  createdAt: number;
  captions: Locale[];
}

export const CAPTIONS_MAX_BYTES = 512 * 1024;

/**
 * A refused upload, as a value: server.ts and Next's bundle each load this
 * module, so an error class thrown by one copy is not `instanceof` the other's.
 */
export interface UploadRefusal {
  ok: false;
  code: "MEDIA_TOO_LARGE" | "MEDIA_TYPE" | "MEDIA_NOT_FOUND";
  message: string;
}

const refuse = (code: UploadRefusal["code"], message: string): UploadRefusal => ({ ok: false, code, message });

/** Checks the first bytes: WebM (EBML header) or MP4 ("ftyp" box); the declared type alone is not trusted. */
export function sniffVideo(head: Uint8Array): "video/webm" | "video/mp4" | null {
  if (head.length >= 4 && head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return "video/webm";
  if (head.length >= 8 && String.fromCharCode(...head.subarray(4, 8)) === "ftyp") return "video/mp4";
  return null;
}

/** Writes a request body to `file`, stopping (and deleting the part) past `max` bytes. Returns the size and first bytes. */
async function saveStream(body: ReadableStream<Uint8Array>, file: string, max: number): Promise<{ ok: true; size: number; head: Uint8Array } | UploadRefusal> {
  const out = fs.createWriteStream(file);
  const reader = body.getReader();
  let size = 0;
  let head = new Uint8Array(0);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > max) {
        out.destroy();
        await reader.cancel().catch(() => undefined);
        fs.rmSync(file, { force: true });
        return refuse("MEDIA_TOO_LARGE", `The file is larger than ${Math.round(max / 1e6)} MB`);
      }
      if (head.length < 16) head = new Uint8Array([...head, ...value.subarray(0, 16 - head.length)]);
      if (!out.write(value)) await new Promise<void>((r) => out.once("drain", () => r()));
    }
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    return { ok: true, size, head };
  } catch (err) {
    out.destroy();
    await reader.cancel().catch(() => undefined);
    fs.rmSync(file, { force: true });
    throw err;
  }
}

/** Organisers' videos and captions, on disk in MEDIA_DIR, listed in the database. */
export class MediaLibrary {
  constructor(
    private readonly sql: Sql,
    readonly dir: string,
    private readonly maxBytes: number,
  ) {}

  async list(): Promise<MediaItem[]> {
    const rows = await this.sql.all<{ id: string; title: string; file: string; type: MediaItem["type"]; size: number | string; created_at: number | string }>(
      "SELECT * FROM media ORDER BY created_at DESC",
    );
    // Number(): PostgreSQL hands BIGINT columns back as strings.
    return rows.map((r) => ({ id: r.id, title: r.title, file: r.file, type: r.type, size: Number(r.size), createdAt: Number(r.created_at), captions: this.captionsOf(r.id) }));
  }

  async addVideo(title: string, body: ReadableStream<Uint8Array>, userId: string): Promise<{ ok: true; media: MediaItem } | UploadRefusal> {
    fs.mkdirSync(this.dir, { recursive: true });
    const slug = title.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "video";
    const id = `${slug}-${crypto.randomBytes(3).toString("hex")}`;
    const part = path.join(this.dir, `${id}.part`);
    const saved = await saveStream(body, part, this.maxBytes);
    if (!saved.ok) return saved;
    const { size, head } = saved;
    const type = sniffVideo(head);
    if (!type) {
      fs.rmSync(part, { force: true });
      return refuse("MEDIA_TYPE", "Only WebM and MP4 videos can be uploaded");
    }
    const file = `${id}.${type === "video/webm" ? "webm" : "mp4"}`;
    fs.renameSync(part, path.join(this.dir, file));
    const now = Date.now();
    await this.sql.run("INSERT INTO media (id, title, file, type, size, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", [id, title.slice(0, 120), file, type, size, userId, now]);
    return { ok: true, media: { id, title, file, type, size, createdAt: now, captions: [] } };
  }

  async addCaptions(id: string, lang: Locale, body: ReadableStream<Uint8Array>): Promise<{ ok: true } | UploadRefusal> {
    if (!(await this.sql.get("SELECT 1 AS found FROM media WHERE id = ?", [id]))) return refuse("MEDIA_NOT_FOUND", "No such video");
    const part = path.join(this.dir, `${id}.${lang}.part`);
    const saved = await saveStream(body, part, CAPTIONS_MAX_BYTES);
    if (!saved.ok) return saved;
    const text = fs.readFileSync(part, "utf8");
    if (!text.replace(/^\uFEFF/, "").startsWith("WEBVTT")) {
      fs.rmSync(part, { force: true });
      return refuse("MEDIA_TYPE", "Captions must be a WebVTT file (starting with WEBVTT)");
    }
    fs.renameSync(part, path.join(this.dir, `${id}.${lang}.vtt`));
    return { ok: true };
  }

  async remove(id: string): Promise<boolean> {
    const row = await this.sql.get<{ file: string }>("SELECT file FROM media WHERE id = ?", [id]);
    if (!row) return false;
    for (const f of [row.file, ...(["en", "ru", "kk"] as const).map((l) => `${id}.${l}.vtt`)]) fs.rmSync(path.join(this.dir, f), { force: true });
    await this.sql.run("DELETE FROM media WHERE id = ?", [id]);
    return true;
  }

  private captionsOf(id: string): Locale[] {
    return (["en", "ru", "kk"] as const).filter((l) => fs.existsSync(path.join(this.dir, `${id}.${l}.vtt`)));
  }
}

import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { pickMessages, PHONE_NAMESPACES } from "@/lib/i18n/client-messages";
import { loadMessages } from "@/lib/i18n/messages";
import { localeCookieIn, pickLocale } from "@/lib/i18n/pick-locale";
import type { Locale } from "@/lib/domain/locales";
import type { Services } from "../services";

import type { PhoneBoot } from "@/phone/boot";
import type { PhoneManifest } from "@/phone/build";

const PREFIX = "/phone-assets/";
const ASSET_NAME = /^[A-Za-z0-9_-]+\.(js|css)$/;
const TYPES: Record<string, string> = { js: "text/javascript; charset=utf-8", css: "text/css; charset=utf-8" };
/** Same as app/join and app/s/[code]: a code is at most 12 characters. */
const CODE_LENGTH = 12;
/**
 * The page (about 34 kB, most of it the messages) is gzipped per request, at level 1: 0.4 ms on the
 * event loop and 11 kB on the wire (level 6: 1.2 ms, 9.7 kB). Not on libuv's thread pool, where the
 * event log's syncs would wait behind a hall of phones reloading at once.
 */
const PAGE_GZIP_LEVEL = 1;

/**
 * The light phone page (PHONE_PAGE=light): /join and /s/<code> answered by
 * the custom server itself with a small HTML page that loads the phone's own
 * bundle (phone/build.ts, built into .next-phone/ by `npm run build`) instead
 * of Next's runtime. It carries what the Next pages render on the server, as
 * JSON: the locale's phone messages, the organisation's consent notice and
 * help contacts, the code from the address. The security headers (and the
 * script nonce) are set before this runs, as for every reply.
 *
 * Returns null when the build is missing (the Next pages answer then).
 */
export function createPhonePages(dir: string, services: () => Services): ((req: IncomingMessage, res: ServerResponse) => boolean) | null {
  let manifest: PhoneManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")) as PhoneManifest;
  } catch {
    return null;
  }
  const assets = path.join(dir, "assets");

  // The bundle's files, read and gzipped once (a few hundred kB): a hall of phones loading at once costs no disk reads.
  const files = new Map<string, { type: string; raw: Buffer; gzip: Buffer }>();
  for (const name of fs.readdirSync(assets)) {
    const type = ASSET_NAME.exec(name)?.[1];
    if (!type) continue;
    const raw = fs.readFileSync(path.join(assets, name));
    files.set(name, { type, raw, gzip: zlib.gzipSync(raw, { level: 9 }) });
  }

  function serveAsset(name: string, req: IncomingMessage, res: ServerResponse): void {
    const file = files.get(name);
    if (!file) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found");
      return;
    }
    // Content-hashed names: a file never changes under its name.
    const zipped = acceptsGzip(req);
    send(req, res, 200, { "content-type": TYPES[file.type], "cache-control": "public, max-age=31536000, immutable" }, zipped ? file.gzip : file.raw, zipped);
  }

  // Each language's phone messages, picked once: they do not change while the server runs.
  const phoneMessages = new Map<Locale, Promise<PhoneBoot["messages"]>>();
  function messagesFor(locale: Locale): Promise<PhoneBoot["messages"]> {
    let picked = phoneMessages.get(locale);
    if (!picked) {
      picked = loadMessages(locale).then((all) => pickMessages(all, PHONE_NAMESPACES));
      phoneMessages.set(locale, picked);
      picked.catch(() => phoneMessages.delete(locale));
    }
    return picked;
  }

  async function servePage(initialCode: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const locale = pickLocale(localeCookieIn(req.headers.cookie), req.headers["accept-language"]);
    const { help, safeguarding } = services();
    // The consent notice and help contacts are read for every page: an organiser's change shows at the next load.
    const [messages, consent, helpInfo] = await Promise.all([messagesFor(locale), safeguarding.consent(), help.forSession()]);
    const boot: PhoneBoot = {
      locale,
      messages,
      consent: { required: consent.required, notice: consent.notice },
      help: helpInfo,
      initialCode,
      files: manifest.files,
    };
    const nonce = /'nonce-([^']+)'/.exec(String(res.getHeader("content-security-policy") ?? ""))?.[1] ?? "";
    const html = pageHtml(locale, boot, manifest, nonce);
    const raw = Buffer.from(html);
    const zipped = acceptsGzip(req);
    const body = zipped ? zlib.gzipSync(raw, { level: PAGE_GZIP_LEVEL }) : raw;
    send(req, res, 200, { "content-type": "text/html; charset=utf-8", "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate" }, body, zipped);
  }

  return (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const url = new URL(req.url ?? "/", "http://phone.invalid");
    const at = url.pathname;
    if (at.startsWith(PREFIX)) {
      serveAsset(at.slice(PREFIX.length), req, res);
      return true;
    }
    let code: string | null = null;
    if (at === "/join" || at === "/join/") code = url.searchParams.get("code") ?? "";
    else {
      const m = /^\/s\/([^/]+)\/?$/.exec(at);
      if (m) {
        try {
          code = decodeURIComponent(m[1]);
        } catch {
          return false;
        }
      }
    }
    if (code === null) return false;
    servePage(code.slice(0, CODE_LENGTH), req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("Ortaq could not open this page. Reload in a moment.");
    });
    return true;
  };
}

/** Whether the browser takes gzip (every phone browser does: over a busy Wi-Fi it is a quarter of the bytes). */
function acceptsGzip(req: IncomingMessage): boolean {
  return /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
}

/** Sends `body`, gzipped (`zipped`) or not. */
function send(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer, zipped: boolean): void {
  res.writeHead(status, { ...headers, vary: "Accept-Encoding", "content-length": String(body.length), ...(zipped ? { "content-encoding": "gzip" } : {}) });
  res.end(req.method === "HEAD" ? undefined : body);
}

/** JSON inside a script element: nothing in it can close the element or start markup. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

const attr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

function pageHtml(locale: string, boot: unknown, manifest: PhoneManifest, nonce: string): string {
  // The head of app/layout.tsx (title, manifest, icons, theme colour), then the phone's own files.
  return [
    "<!DOCTYPE html>",
    `<html lang="${attr(locale)}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="theme-color" content="#0e7490">',
    "<title>Ortaq</title>",
    '<meta name="description" content="Live prevention trainings">',
    '<meta name="robots" content="noindex">',
    '<link rel="manifest" href="/manifest.webmanifest">',
    '<link rel="icon" href="/icon.svg" type="image/svg+xml">',
    '<link rel="icon" href="/icons/icon-192.png" sizes="192x192" type="image/png">',
    '<link rel="apple-touch-icon" href="/icons/apple-touch-icon.png" sizes="180x180">',
    '<meta name="mobile-web-app-capable" content="yes">',
    '<meta name="apple-mobile-web-app-title" content="Ortaq">',
    `<link rel="stylesheet" href="${attr(manifest.css)}">`,
    ...manifest.preload.map((f) => `<link rel="modulepreload" href="${attr(f)}" nonce="${attr(nonce)}">`),
    `<script type="module" src="${attr(manifest.entry)}" nonce="${attr(nonce)}"></script>`,
    "</head>",
    '<body class="min-h-dvh font-sans">',
    '<div id="phone"></div>',
    // Data, never run; it carries the nonce too, as every script element of a page does.
    `<script type="application/json" id="ortaq-phone" nonce="${attr(nonce)}">${scriptJson(boot)}</script>`,
    "</body>",
    "</html>",
  ].join("\n");
}

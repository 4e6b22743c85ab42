/*
 * Ortaq's service worker: keeps the phone's app shell, so a phone that
 * reloads with no connection still opens Ortaq and shows what it has queued
 * (the queue itself lives in localStorage, see lib/client/outbox.ts).
 *
 * Hand-written, no build step. Registered only by the phone pages
 * (components/phone/ServiceWorker.tsx), in production builds only.
 *
 * - Navigations to a phone page (/join, /s/<code>): network first; when the
 *   network fails, answers 5xx or is slower than NETWORK_TIMEOUT_MS, the copy
 *   of that page from its last online visit.
 * - /_next/static/* and /phone-assets/* (the light phone page's bundle,
 *   PHONE_PAGE=light): cache first. Both have content-hashed names, so a
 *   cached copy never goes stale.
 * - Everything else (/socket.io/, /api/, /media/, other pages, other origins,
 *   anything but GET) is not touched: no respondWith, nothing cached.
 *
 * Chunk names are hashed, so there is nothing to precache at install time.
 * Instead, whenever a phone page is stored (on a navigation, or when the page
 * asks with a "cache-page" message, which covers the very first visit that
 * loaded before this worker existed and the /join → /s/<code> address change
 * that is not a navigation), the worker also stores every /_next/static/ file
 * the page's HTML names, and drops the ones no stored page names any more
 * (the previous build's chunks).
 *
 * Change VERSION when this file's caching changes: activate deletes the
 * caches of other versions.
 */
const VERSION = 1;
const PAGES = `ortaq-pages-v${VERSION}`;
const ASSETS = `ortaq-assets-v${VERSION}`;
/** Phone pages kept: /join and the last few sessions this phone joined. */
const MAX_PAGES = 6;
const NETWORK_TIMEOUT_MS = 4000;
/** A page stored this recently is not fetched again for a "cache-page" message. */
const FRESH_MS = 15000;

const NEVER = /^\/(socket\.io|api|media)(\/|$)/;
const PHONE_PAGE = /^\/(join|s\/[^/]+)\/?$/;
const ASSET_IN_HTML = /\/(?:_next\/static|phone-assets)\/[A-Za-z0-9_\-.~%/]+/g;

function isPhonePage(pathname) {
  return PHONE_PAGE.test(pathname);
}

/** "page", "asset", or null when the worker leaves the request alone. */
function strategyFor(request) {
  if (request.method !== "GET") return null;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || NEVER.test(url.pathname)) return null;
  if (request.mode === "navigate") return isPhonePage(url.pathname) ? "page" : null;
  if (url.pathname.startsWith("/_next/static/") || url.pathname.startsWith("/phone-assets/")) return "asset";
  return null;
}

/**
 * The /_next/static/ (or /phone-assets/) files an HTML page names: script and
 * link tags, and the chunk lists in its inline data (the light page lists
 * every file of its bundle, the lazy drawing pad's included).
 */
function assetUrls(html) {
  const found = new Set();
  for (const m of html.match(ASSET_IN_HTML) || []) found.add(new URL(m, self.location.origin).href);
  return [...found];
}

/** A page's cache key: its address without the fragment. */
function pageKey(url) {
  const u = new URL(url, self.location.origin);
  u.hash = "";
  return u.href;
}

function cacheable(response) {
  return !!response && response.ok && response.type === "basic" && !response.redirected;
}

// Storing and pruning run one at a time, so a prune never deletes the assets of a page still being stored.
let queue = Promise.resolve();
function serially(task) {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

const storedAt = new Map();

async function storePage(url, response) {
  const key = pageKey(url);
  const html = await response.clone().text();
  const assets = await caches.open(ASSETS);
  // Assets first: a stored page must find its code in the cache.
  await Promise.all(
    assetUrls(html).map(async (asset) => {
      if (await assets.match(asset)) return;
      try {
        const res = await fetch(asset, { credentials: "same-origin" });
        if (cacheable(res)) await assets.put(asset, res);
      } catch {
        // Offline halfway: the page is stored anyway, the next online visit fills the gap.
      }
    }),
  );
  const pages = await caches.open(PAGES);
  await pages.delete(key, { ignoreVary: true });
  await pages.put(key, response);
  storedAt.set(key, Date.now());
  // Oldest first: keys() lists in insertion order and a page stored again moves to the end.
  const keys = await pages.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_PAGES))) {
    // The join page stays: it is the home-screen icon's start page.
    if (new URL(old.url).pathname !== "/join") await pages.delete(old);
  }
  await pruneAssets();
}

/** Drops the assets no stored page names (a previous build's chunks, other screens' chunks). */
async function pruneAssets() {
  const pages = await caches.open(PAGES);
  const keep = new Set();
  for (const req of await pages.keys()) {
    const res = await pages.match(req, { ignoreVary: true });
    if (res) for (const a of assetUrls(await res.text())) keep.add(a);
  }
  const assets = await caches.open(ASSETS);
  for (const req of await assets.keys()) if (!keep.has(req.url)) await assets.delete(req);
}

async function cachedPage(url) {
  const pages = await caches.open(PAGES);
  return (await pages.match(pageKey(url), { ignoreVary: true })) || (await pages.match(pageKey(url), { ignoreVary: true, ignoreSearch: true }));
}

/** The promise, or a rejection after ms. */
function within(promise, ms) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error("timeout")), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

function handlePage(event) {
  const url = event.request.url;
  let stored = Promise.resolve();
  const network = fetch(event.request).then((response) => {
    if (cacheable(response)) {
      const copy = response.clone();
      stored = serially(() => storePage(url, copy));
    }
    return response;
  });
  event.waitUntil(network.then(() => stored).catch(() => undefined));
  event.respondWith(
    (async () => {
      const cached = await cachedPage(url);
      // Never been online on this page: nothing better than the network's own answer or error.
      if (!cached) return network;
      try {
        const response = await within(network, NETWORK_TIMEOUT_MS);
        return response.status >= 500 ? cached : response;
      } catch {
        return cached;
      }
    })(),
  );
}

function handleAsset(event) {
  event.respondWith(
    (async () => {
      const assets = await caches.open(ASSETS);
      const hit = await assets.match(event.request.url);
      if (hit) return hit;
      const response = await fetch(event.request);
      if (cacheable(response)) {
        // Kept for phone pages only; the next prune drops what no stored page names.
        const client = event.clientId ? await self.clients.get(event.clientId) : null;
        if (client && isPhonePage(new URL(client.url).pathname)) event.waitUntil(assets.put(event.request.url, response.clone()));
      }
      return response;
    })(),
  );
}

self.addEventListener("install", (event) => {
  event.waitUntil(self.skipWaiting());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const current = [PAGES, ASSETS];
      for (const name of await caches.keys()) {
        if (name.startsWith("ortaq-") && !current.includes(name)) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const strategy = strategyFor(event.request);
  if (strategy === "page") handlePage(event);
  else if (strategy === "asset") handleAsset(event);
});

/**
 * { type: "cache-page", url, force? }: store this phone page now, unless it was
 * stored moments ago and force is not set (answers { ok } on the message's port, if any).
 */
self.addEventListener("message", (event) => {
  const data = event.data;
  if (!data || data.type !== "cache-page" || typeof data.url !== "string") return;
  const url = new URL(data.url, self.location.origin);
  if (url.origin !== self.location.origin || !isPhonePage(url.pathname)) return;
  const key = pageKey(url.href);
  const work = serially(async () => {
    if (!data.force && Date.now() - (storedAt.get(key) || 0) < FRESH_MS && (await cachedPage(key))) return true;
    const response = await fetch(key, { credentials: "same-origin", cache: "no-store" });
    if (!cacheable(response)) return false;
    await storePage(key, response);
    return true;
  }).then(
    (ok) => ok,
    () => false,
  );
  event.waitUntil(work.then((ok) => event.ports[0] && event.ports[0].postMessage({ ok })));
});

// public/sw.js, run in a sandbox with an in-memory Cache Storage and a fake network.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";

const ORIGIN = "http://127.0.0.1:3000";
const SOURCE = fs.readFileSync(path.join(__dirname, "..", "..", "public", "sw.js"), "utf8");

type Key = string;
const keyOf = (r: string | { url: string }) => new URL(typeof r === "string" ? r : r.url, ORIGIN).href;
const noSearch = (k: Key) => k.split("?")[0];

class FakeCache {
  entries = new Map<Key, Response>();
  async match(r: string | { url: string }, opts: { ignoreSearch?: boolean } = {}) {
    const k = keyOf(r);
    const hit = this.entries.get(k) ?? (opts.ignoreSearch ? [...this.entries].find(([e]) => noSearch(e) === noSearch(k))?.[1] : undefined);
    return hit?.clone();
  }
  async put(r: string | { url: string }, res: Response) {
    const k = keyOf(r);
    this.entries.delete(k);
    this.entries.set(k, res.clone());
  }
  async delete(r: string | { url: string }) {
    return this.entries.delete(keyOf(r));
  }
  async keys() {
    return [...this.entries.keys()].map((url) => ({ url }));
  }
}

class FakeCaches {
  named = new Map<string, FakeCache>();
  async open(name: string) {
    if (!this.named.has(name)) this.named.set(name, new FakeCache());
    return this.named.get(name)!;
  }
  async keys() {
    return [...this.named.keys()];
  }
  async delete(name: string) {
    return this.named.delete(name);
  }
}

function html(assets: string[]) {
  // Script tags, and a chunk list the way it sits in Next's inline flight data (escaped quotes).
  const [first, ...rest] = assets;
  return `<!DOCTYPE html><html><head><script src="${first}" async=""></script></head><body><script>self.__next_f.push([1,"2:I[1,[${rest.map((a) => `\\"${a}\\"`).join(",")}]]"])</script></body></html>`;
}

function load() {
  const listeners: Record<string, (e: unknown) => void> = {};
  const network = new Map<string, () => Response>();
  let online = true;
  const fetched: string[] = [];
  const fakeFetch = async (r: string | { url: string }) => {
    const url = keyOf(r);
    fetched.push(url);
    if (!online) throw new TypeError("Failed to fetch");
    const make = network.get(url);
    return make ? make() : new Response("not found", { status: 404 });
  };
  const clients = new Map<string, { url: string }>();
  const caches = new FakeCaches();
  const self = {
    location: new URL(`${ORIGIN}/sw.js`),
    addEventListener: (type: string, fn: (e: unknown) => void) => (listeners[type] = fn),
    skipWaiting: async () => undefined,
    clients: { claim: async () => undefined, get: async (id: string) => clients.get(id) },
  };
  const ctx = vm.createContext({ self, caches, fetch: fakeFetch, URL, setTimeout, clearTimeout, console });
  vm.runInContext(SOURCE, ctx);
  const sw = vm.runInContext("({ strategyFor, assetUrls, PAGES, ASSETS, NETWORK_TIMEOUT_MS })", ctx);

  async function dispatchFetch(url: string, init: { mode?: string; method?: string; clientId?: string } = {}) {
    const waits: Promise<unknown>[] = [];
    const answer: { response: Promise<Response> | null } = { response: null };
    listeners.fetch({
      request: { url: keyOf(url), method: init.method ?? "GET", mode: init.mode ?? "no-cors" },
      clientId: init.clientId ?? "",
      respondWith: (p: Promise<Response>) => (answer.response = p),
      waitUntil: (p: Promise<unknown>) => waits.push(p),
    });
    const res = answer.response ? await answer.response : null;
    await Promise.all(waits);
    return { handled: answer.response !== null, res };
  }

  async function message(data: unknown) {
    const waits: Promise<unknown>[] = [];
    const replies: unknown[] = [];
    listeners.message({ data, ports: [{ postMessage: (m: unknown) => replies.push(m) }], waitUntil: (p: Promise<unknown>) => waits.push(p) });
    await Promise.all(waits);
    return replies;
  }

  const serve = (url: string, body: string, type = "text/html", status = 200) =>
    network.set(keyOf(url), () => {
      const res = new Response(body, { status, headers: { "content-type": type } });
      Object.defineProperty(res, "type", { value: "basic" });
      return res;
    });

  return {
    sw,
    caches,
    clients,
    fetched,
    listeners,
    serve,
    setOnline: (v: boolean) => (online = v),
    dispatchFetch,
    message,
    cached: async (cache: string) => [...((await caches.open(cache)).entries.keys())].map((k) => k.replace(ORIGIN, "")),
  };
}

describe("service worker (public/sw.js)", () => {
  it("handles phone navigations and hashed assets only; never socket.io, api, media or other pages", () => {
    const { sw } = load();
    const s = (url: string, mode = "no-cors", method = "GET") => sw.strategyFor({ url: keyOf(url), mode, method });
    expect(s("/join", "navigate")).toBe("page");
    expect(s("/join?code=ABC234", "navigate")).toBe("page");
    expect(s("/s/ABC234", "navigate")).toBe("page");
    expect(s("/_next/static/chunks/0abc.js")).toBe("asset");
    expect(s("/_next/static/chunks/0abc.css", "cors")).toBe("asset");
    for (const url of ["/console", "/console/x", "/screen/x", "/org/sessions", "/login", "/", "/s/ABC/extra"]) expect(s(url, "navigate")).toBeNull();
    for (const url of ["/socket.io/?EIO=4&transport=polling", "/api/locale", "/media/demo.webm", "/icon.svg", "/manifest.webmanifest"]) {
      expect(s(url)).toBeNull();
      expect(s(url, "navigate")).toBeNull();
    }
    expect(s("/join", "navigate", "POST")).toBeNull();
    expect(s("https://example.org/_next/static/chunks/0abc.js")).toBeNull();
    expect(s("/api/_next/static/x.js")).toBeNull();
  });

  it("finds a page's assets in its tags and in Next's inline chunk lists", () => {
    const { sw } = load();
    expect(sw.assetUrls(html(["/_next/static/chunks/a1.js", "/_next/static/chunks/b2.js", "/_next/static/chunks/c3.css"])).sort()).toEqual(
      [`${ORIGIN}/_next/static/chunks/a1.js`, `${ORIGIN}/_next/static/chunks/b2.js`, `${ORIGIN}/_next/static/chunks/c3.css`].sort(),
    );
  });

  it("serves a phone page from the network and keeps it with its assets; offline, the kept copy", async () => {
    const w = load();
    w.serve("/s/ABC234", html(["/_next/static/chunks/a1.js", "/_next/static/chunks/b2.js"]));
    w.serve("/_next/static/chunks/a1.js", "a1", "text/javascript");
    w.serve("/_next/static/chunks/b2.js", "b2", "text/javascript");

    const online = await w.dispatchFetch("/s/ABC234", { mode: "navigate" });
    expect(online.handled).toBe(true);
    expect(await online.res!.text()).toContain("a1.js");
    expect(await w.cached(w.sw.PAGES)).toEqual(["/s/ABC234"]);
    expect((await w.cached(w.sw.ASSETS)).sort()).toEqual(["/_next/static/chunks/a1.js", "/_next/static/chunks/b2.js"]);

    w.setOnline(false);
    const offline = await w.dispatchFetch("/s/ABC234", { mode: "navigate" });
    expect(await offline.res!.text()).toContain("a1.js");
    const asset = await w.dispatchFetch("/_next/static/chunks/b2.js", { clientId: "c1" });
    expect(await asset.res!.text()).toBe("b2");

    // A page never visited online has nothing to fall back on: the browser's own error.
    await expect(w.dispatchFetch("/s/ZZZ999", { mode: "navigate" })).rejects.toThrow("Failed to fetch");
  });

  it("leaves other requests to the network, untouched and uncached", async () => {
    const w = load();
    for (const url of ["/socket.io/?EIO=4", "/api/sessions/x", "/media/demo.webm"]) {
      expect((await w.dispatchFetch(url)).handled).toBe(false);
    }
    expect((await w.dispatchFetch("/console", { mode: "navigate" })).handled).toBe(false);
    expect(w.fetched).toEqual([]);
    expect(await w.caches.keys()).toEqual([]);
  });

  it("stores the page a phone asks for (first visit, /join → /s/<code>) and answers on the port", async () => {
    const w = load();
    w.serve("/s/ABC234", html(["/_next/static/chunks/a1.js"]));
    w.serve("/_next/static/chunks/a1.js", "a1", "text/javascript");
    expect(await w.message({ type: "cache-page", url: "/s/ABC234" })).toEqual([{ ok: true }]);
    expect(await w.cached(w.sw.PAGES)).toEqual(["/s/ABC234"]);
    expect(await w.cached(w.sw.ASSETS)).toEqual(["/_next/static/chunks/a1.js"]);
    // Not a phone page, or another origin: ignored.
    expect(await w.message({ type: "cache-page", url: "/console" })).toEqual([]);
    expect(await w.message({ type: "cache-page", url: "https://example.org/join" })).toEqual([]);
  });

  it("drops the previous build's chunks once the page is stored again with new ones", async () => {
    const w = load();
    w.serve("/join", html(["/_next/static/chunks/old1.js", "/_next/static/chunks/shared.js"]));
    w.serve("/_next/static/chunks/old1.js", "old", "text/javascript");
    w.serve("/_next/static/chunks/shared.js", "shared", "text/javascript");
    await w.dispatchFetch("/join", { mode: "navigate" });
    expect((await w.cached(w.sw.ASSETS)).sort()).toEqual(["/_next/static/chunks/old1.js", "/_next/static/chunks/shared.js"]);

    w.serve("/join", html(["/_next/static/chunks/new1.js", "/_next/static/chunks/shared.js"]));
    w.serve("/_next/static/chunks/new1.js", "new", "text/javascript");
    // Network first: online, the new page, not the kept one.
    const second = await w.dispatchFetch("/join", { mode: "navigate" });
    expect(await second.res!.text()).toContain("new1.js");
    expect((await w.cached(w.sw.ASSETS)).sort()).toEqual(["/_next/static/chunks/new1.js", "/_next/static/chunks/shared.js"]);
  });

  it("answers a server error on a phone page with the kept copy", async () => {
    const w = load();
    w.serve("/join", html(["/_next/static/chunks/a1.js"]));
    await w.dispatchFetch("/join", { mode: "navigate" });
    w.serve("/join", "Bad gateway", "text/plain", 502);
    const res = (await w.dispatchFetch("/join", { mode: "navigate" })).res!;
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("a1.js");
  });

  it("caches assets at runtime for phone pages only", async () => {
    const w = load();
    w.serve("/_next/static/chunks/x.js", "x", "text/javascript");
    w.serve("/_next/static/chunks/y.js", "y", "text/javascript");
    w.clients.set("phone", { url: `${ORIGIN}/s/ABC234` });
    w.clients.set("console", { url: `${ORIGIN}/console/abc` });
    await w.dispatchFetch("/_next/static/chunks/x.js", { clientId: "phone" });
    await w.dispatchFetch("/_next/static/chunks/y.js", { clientId: "console" });
    expect(await w.cached(w.sw.ASSETS)).toEqual(["/_next/static/chunks/x.js"]);
  });

  it("deletes other versions' caches on activate", async () => {
    const w = load();
    await w.caches.open("ortaq-pages-v0");
    await w.caches.open("someone-else");
    await w.caches.open(w.sw.PAGES);
    const waits: Promise<unknown>[] = [];
    w.listeners.activate({ waitUntil: (p: Promise<unknown>) => waits.push(p) });
    await Promise.all(waits);
    expect((await w.caches.keys()).sort()).toEqual([w.sw.PAGES, "someone-else"].sort());
  });
});

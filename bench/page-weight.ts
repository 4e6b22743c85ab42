// Page weight of the phone's routes, from the production build, in real Chromium:
// gzipped JavaScript per route (every script file the page loads, gzipped here at level 6)
// and LCP under Chromium's 4x CPU throttling on a phone-sized screen. Measured for the light
// phone page (PHONE_PAGE=light, what phones get in production; the target is judged on it)
// and for Next's pages (PHONE_PAGE=next) in the same run.
//
//   npm run build && npm run bench:pages        (NEXT_DIST_DIR is honoured for the build folder)
//
// Counted: the script files Chromium fetches, as it fetches them. Next's legacy polyfills
// (build-manifest "polyfillFiles") sit in a <script nomodule> that Chromium never fetches,
// so they are not counted. The document itself (HTML with the inline RSC payload, where the
// page's messages travel) is reported apart as htmlGzipKB.
//
// Baseline, measured in the same run: the app's 404 page, which loads only the framework
// (React, the Next.js router) and the root layout; the ratio says how much the phone adds to it.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { chromium, devices, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { CHROMIUM_ARGS } from "../playwright.config";
import { writeResult } from "./harness";

const TARGET_KB = 110;
/** The phone's pages: the light one (the default, phone/build.ts) and Next's (PHONE_PAGE=next). */
type PhonePage = "light" | "next";
const TARGET_LCP_MS = 2500;
const CPU_THROTTLE = 4;
const ADMIN = { email: "pages@example.org", password: "page-weight-123" };

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function startApp(phonePage: PhonePage): Promise<{ url: string; proc: ChildProcess }> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ortaq-pages-"));
  const proc = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "..", "server.ts")], {
    cwd: path.join(__dirname, ".."),
    env: { ...process.env, NODE_ENV: "production", PHONE_PAGE: phonePage, PORT: String(port), DATABASE_PATH: path.join(dir, "ortaq.db"), MEDIA_DIR: path.join(dir, "media"), ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${url}/login`)).ok) return { url, proc };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  proc.kill();
  throw new Error("the app did not start (is there a production build? run `npm run build`)");
}

interface Load {
  route: string;
  scripts: number;
  files: { file: string; gzipKB: number }[];
  jsRawKB: number;
  jsGzipKB: number;
  /** The HTML document, gzipped: the markup and the inline RSC payload (props, messages). */
  htmlGzipKB: number;
  lcpMs: number | null;
}

const kb = (n: number) => Math.round((n / 1024) * 10) / 10;

/**
 * The framework's share: the build manifest's rootMainFiles (React DOM, the Next.js app
 * router, the Turbopack runtime), which every page of the app loads whatever its own code.
 */
function frameworkFiles(): { files: { file: string; gzipKB: number }[]; jsGzipKB: number } {
  const dist = path.join(__dirname, "..", process.env.NEXT_DIST_DIR ?? ".next");
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const files = manifest.rootMainFiles.map((f) => ({ file: path.basename(f), gz: zlib.gzipSync(fs.readFileSync(path.join(dist, f)), { level: 6 }).length }));
  return { files: files.map((f) => ({ file: f.file, gzipKB: kb(f.gz) })), jsGzipKB: kb(files.reduce((s, f) => s + f.gz, 0)) };
}

/** Counts every script file the page loads from now on. */
function countScripts(page: Page) {
  const seen = new Map<string, { raw: number; gz: number }>();
  const pending: Promise<void>[] = [];
  page.on("response", (res) => {
    if (res.request().resourceType() !== "script" || seen.has(res.url())) return;
    seen.set(res.url(), { raw: 0, gz: 0 });
    pending.push(
      res
        .body()
        .then((body) => void seen.set(res.url(), { raw: body.length, gz: zlib.gzipSync(body, { level: 6 }).length }))
        .catch(() => undefined),
    );
  });
  return async () => {
    await Promise.all(pending);
    let raw = 0;
    let gz = 0;
    for (const v of seen.values()) {
      raw += v.raw;
      gz += v.gz;
    }
    const files = [...seen.entries()].map(([u, v]) => ({ file: new URL(u).pathname.split("/").pop()!, gzipKB: kb(v.gz) })).sort((a, b) => b.gzipKB - a.gzipKB);
    return { scripts: seen.size, raw, gz, files };
  };
}

async function phoneContext(browser: Browser): Promise<BrowserContext> {
  const { defaultBrowserType: _ignored, ...pixel } = devices["Pixel 5"];
  const ctx = await browser.newContext({ ...pixel, locale: "en-US" });
  await ctx.addInitScript(() => {
    const w = window as unknown as { __lcp: number | null };
    w.__lcp = null;
    new PerformanceObserver((list) => {
      const entries = list.getEntries();
      w.__lcp = entries[entries.length - 1].startTime;
    }).observe({ type: "largest-contentful-paint", buffered: true });
  });
  return ctx;
}

async function throttled(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_THROTTLE });
}

type Step = { name: string; run: (page: Page) => Promise<void> };

async function measure(browser: Browser, url: string, route: string, steps: Step[] = []): Promise<Load & { then?: Record<string, { jsGzipKB: number; files: { file: string; gzipKB: number }[] }> }> {
  const ctx = await phoneContext(browser);
  const page = await ctx.newPage();
  await throttled(page);
  const done = countScripts(page);
  const doc = await page.goto(url + route, { waitUntil: "load" });
  const html = doc ? await doc.body() : Buffer.alloc(0);
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(500);
  const lcpMs = await page.evaluate(() => (window as unknown as { __lcp: number | null }).__lcp);
  const first = await done();
  // What each later step (joining, a sketch step) loads on top.
  const then: Record<string, { jsGzipKB: number; files: { file: string; gzipKB: number }[] }> = {};
  for (const step of steps) {
    const more = countScripts(page);
    await step.run(page);
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(300);
    const extra = await more();
    then[step.name] = { jsGzipKB: kb(extra.gz), files: extra.files };
  }
  await ctx.close();
  return {
    route,
    scripts: first.scripts,
    files: first.files,
    jsRawKB: kb(first.raw),
    jsGzipKB: kb(first.gz),
    htmlGzipKB: kb(zlib.gzipSync(html, { level: 6 }).length),
    lcpMs: lcpMs === null ? null : Math.round(lcpMs),
    ...(steps.length ? { then } : {}),
  };
}

/** A live session made the way a trainer makes one; then /join and /s/<code> measured as a phone loads them. */
async function measurePhone(browser: Browser, phonePage: PhonePage) {
  const app = await startApp(phonePage);
  const staff = await browser.newContext();
  try {
    const console_ = await staff.newPage();
    await console_.goto(`${app.url}/login`);
    await console_.getByLabel("Email").fill(ADMIN.email);
    await console_.getByLabel("Password").fill(ADMIN.password);
    await console_.getByRole("button", { name: "Sign in" }).click();
    await console_.waitForURL(/\/console$/);
    await console_.getByLabel("Session title").fill("Page weight");
    await console_.getByRole("button", { name: "Create session" }).click();
    await console_.waitForURL(/\/console\/[\w-]+$/);
    await console_.getByTestId("join-code").filter({ hasText: /^[A-Z2-9]{6}$/ }).first().waitFor();
    const code = (await console_.getByTestId("join-code").first().textContent())!.trim();

    // Warm the server's route caches, so the figures are of the page, not of a cold start.
    for (const r of ["/join", `/s/${code}`, "/no-such-page"]) await fetch(app.url + r);

    const baseline = await measure(browser, app.url, "/no-such-page");
    const join = await measure(browser, app.url, "/join");
    let n = 0;
    const session = await measure(browser, app.url, `/s/${code}`, [
      {
        name: "join",
        run: async (page) => {
          await page.getByLabel("Your name").fill(`Phone ${++n}`);
          // The organisation asks for consent by default ("I agree" under its notice).
          const agree = page.getByRole("checkbox", { name: "I agree" });
          if (await agree.isVisible()) await agree.check();
          await page.getByRole("button", { name: "Join" }).click();
          await page.getByTestId("me").waitFor();
        },
      },
      {
        // The default plan's sketch step: the drawing code loads only now.
        name: "sketchStep",
        run: async (page) => {
          await console_.getByRole("button", { name: /^Go to step 6:/ }).click();
          await page.getByTestId("sketch-canvas").waitFor();
        },
      },
    ]);
    const joinedKB = session.then?.join.jsGzipKB ?? 0;
    const phoneKB = Math.round((session.jsGzipKB + joinedKB) * 10) / 10;
    const meets = join.jsGzipKB <= TARGET_KB && phoneKB <= TARGET_KB && (join.lcpMs ?? Infinity) <= TARGET_LCP_MS && (session.lcpMs ?? Infinity) <= TARGET_LCP_MS;
    return {
      baseline,
      join,
      phoneSession: {
        ...session,
        totalJsGzipKB: phoneKB,
        withSketchJsGzipKB: Math.round((phoneKB + (session.then?.sketchStep.jsGzipKB ?? 0)) * 10) / 10,
        note: "the /s/<code> page loaded fresh, then the JS it loads to join and wait for the first step (totalJsGzipKB, the target's figure); then what a sketch step adds (the drawing code)",
      },
      meets,
    };
  } finally {
    await staff.close();
    app.proc.kill("SIGTERM");
  }
}

async function main() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const light = await measurePhone(browser, "light");
    const next = await measurePhone(browser, "next");
    const framework = frameworkFiles();
    const baseline = next.baseline;
    const targets = { joinJsGzipKB: TARGET_KB, phoneSessionJsGzipKB: TARGET_KB, lcpMs: TARGET_LCP_MS, cpuThrottle: CPU_THROTTLE };
    console.log(`phone JS, gzipped: light page /join ${light.join.jsGzipKB} kB, /s/<code> ${light.phoneSession.totalJsGzipKB} kB; Next's pages ${next.join.jsGzipKB} and ${next.phoneSession.totalJsGzipKB} kB`);
    writeResult("page-weight", {
      targets,
      judged: "the light phone page, what phones get (PHONE_PAGE=light, the default); Next's pages (PHONE_PAGE=next) beside it",
      framework: { what: "rootMainFiles of the build manifest (React DOM, the Next.js app router, the Turbopack runtime): every Next page loads them", ...framework },
      baseline: { what: "the app's 404 page: framework and root layout only", ...baseline },
      join: light.join,
      phoneSession: light.phoneSession,
      nextPages: { join: next.join, phoneSession: next.phoneSession, meetsTargets: next.meets },
      ratios: {
        joinToBaseline: Math.round((light.join.jsGzipKB / baseline.jsGzipKB) * 100) / 100,
        phoneToBaseline: Math.round((light.phoneSession.totalJsGzipKB / baseline.jsGzipKB) * 100) / 100,
        lightToNextPhone: Math.round((light.phoneSession.totalJsGzipKB / next.phoneSession.totalJsGzipKB) * 100) / 100,
      },
      meetsTargets: light.meets,
    });
  } finally {
    await browser.close();
  }
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});

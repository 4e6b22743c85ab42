import { expect, test, type BrowserContext, type Page, type Response } from "@playwright/test";
import { createSession, joinFromPhone, newPhone, signIn } from "./helpers";

/**
 * Every page is served with a nonce-based Content-Security-Policy and the
 * other security headers, and still renders and hydrates in Chromium with no
 * CSP violation: Next's own scripts carry the nonce, socket.io connects, the
 * service worker registers, styles and images load.
 */

type Violation = { page: string; text: string };

/** Collects CSP complaints of every page in the context: console messages and securitypolicyviolation events. */
async function watchCsp(context: BrowserContext, violations: Violation[]) {
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  const watch = (page: Page) =>
    page.on("console", (msg) => {
      const text = msg.text();
      if (/Refused to|Content Security Policy|CSP violation/i.test(text)) violations.push({ page: page.url(), text });
    });
  context.pages().forEach(watch);
  context.on("page", watch);
}

function checkHeaders(res: Response | null, where: string): string {
  expect(res, where).not.toBeNull();
  const h = res!.headers();
  const csp = h["content-security-policy"];
  expect(csp, where).toBeTruthy();
  const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/.exec(csp)?.[1];
  expect(nonce, `${where}: script nonce`).toBeTruthy();
  expect(csp).not.toContain("unsafe-eval");
  for (const d of ["default-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:", "media-src 'self' blob:", "connect-src 'self'", "font-src 'self'", "worker-src 'self'", "manifest-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'"]) {
    expect(csp, where).toContain(d);
  }
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("same-origin");
  expect(h["permissions-policy"]).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
  return nonce!;
}

/**
 * Opens a page, checks its headers and that every script carries the
 * response's nonce, and waits until its scripts have run: React has hydrated
 * it, or (the light phone page, PHONE_PAGE=light) the phone's bundle has
 * rendered into its root.
 */
async function visit(page: Page, path: string, expectPath: RegExp = new RegExp(`^${path.split("?")[0].replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`)) {
  const res = await page.goto(path);
  const nonce = checkHeaders(res, path);
  await expect.poll(() => new URL(page.url()).pathname, { message: `${path} lands on the expected page` }).toMatch(expectPath);
  // Hydrated: React has attached itself to the DOM (a server-rendered page that never hydrated has no fibers).
  await expect
    .poll(
      () =>
        page.evaluate(
          () => !!document.querySelector("#phone > *") || [...document.querySelectorAll("body *")].some((el) => Object.keys(el).some((k) => k.startsWith("__reactFiber$"))),
        ),
      { message: `${path} hydrates` },
    )
    .toBe(true);
  const scripts = await page.evaluate(() => [...document.querySelectorAll("script")].map((s) => ({ src: s.src, nonce: s.nonce, type: s.type })));
  expect(scripts.length, `${path} has scripts`).toBeGreaterThan(0);
  for (const s of scripts.filter((x) => x.type !== "application/ld+json")) expect(s.nonce, `${path}: ${s.src || "inline script"} carries the nonce`).toBe(nonce);
  return nonce;
}

test("every page renders and hydrates under the Content-Security-Policy, with no violation", async ({ browser, page }) => {
  test.setTimeout(120_000);
  const violations: Violation[] = [];
  await watchCsp(page.context(), violations);
  await page.setViewportSize({ width: 1366, height: 1000 });

  // Signed out.
  await visit(page, "/");
  await visit(page, "/login");
  await visit(page, "/setup", /^\/login$/);
  await visit(page, "/join");
  const nonces = new Set([await visit(page, "/login"), await visit(page, "/login")]);
  expect(nonces.size).toBe(2);

  // Signed in: the console and a live session (socket.io over websocket under connect-src 'self').
  await signIn(page);
  await visit(page, "/console");
  const { sessionId, code } = await createSession(page, "CSP run");
  await visit(page, `/console/${sessionId}`);
  await expect(page.getByTestId("join-code")).toHaveText(code);
  const screenHref = await page.evaluate(() => (document.querySelector('a[href^="/screen/"]') as HTMLAnchorElement | null)?.getAttribute("href") ?? null);
  await visit(page, `/screen/${sessionId}`);
  await expect(page.getByText(code).first()).toBeVisible();
  for (const p of ["/org/sessions", `/org/sessions/${sessionId}`, "/org/plans", "/org/media", "/org/help", "/org/trainers"]) await visit(page, p);
  const plans = await (await page.request.get("/api/plans")).json();
  const planId = plans.plans[0].id as string;
  await visit(page, `/org/plans/${planId}`);
  const copy = await (await page.request.post(`/api/plans/${planId}/duplicate`)).json();
  await visit(page, `/org/plans/${copy.plan.id}/edit`);

  // The projector on its key alone, and a phone (service worker under worker-src 'self').
  const screenCtx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await watchCsp(screenCtx, violations);
  const screen = await screenCtx.newPage();
  expect(screenHref).toMatch(/^\/screen\/.+\?key=/);
  await visit(screen, screenHref!, new RegExp(`^/screen/${sessionId}$`));
  await expect(screen.getByText(code).first()).toBeVisible();

  const phoneCtx = await newPhone(browser);
  await watchCsp(phoneCtx, violations);
  const phone = await phoneCtx.newPage();
  await visit(phone, "/join");
  await joinFromPhone(phone, code, "Aida");
  await expect(phone.getByTestId("me")).toHaveText("Hello, Aida!");
  await expect(phone).toHaveURL(new RegExp(`/s/${code}$`));
  await visit(phone, `/s/${code}`);
  await expect(phone.getByTestId("me")).toHaveText("Hello, Aida!");
  await expect.poll(() => phone.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())), { message: "service worker registered" }).toBe(true);
  await page.waitForTimeout(500);
  expect(violations).toEqual([]);
  await Promise.all([screenCtx.close(), phoneCtx.close()]);
});

test("static files and API replies carry the headers too", async ({ request }) => {
  for (const path of ["/manifest.webmanifest", "/robots.txt", "/icon.svg", "/sw.js", "/api/plans", "/media/demo-awareness.kk.vtt"]) {
    const res = await request.get(path);
    expect(res.headers()["x-content-type-options"], path).toBe("nosniff");
    expect(res.headers()["x-frame-options"], path).toBe("DENY");
    expect(res.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
  }
});

import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ADMIN, createSession, signIn } from "./helpers";

/** The security review's findings, end to end in Chromium against the built app. */

const demo = path.join(__dirname, "../../content/media/demo-awareness.webm");

test("sign-in never sends the browser to another site, whatever ?next= says", async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  for (const next of ["/%5Cevil.example/x", "/%09/evil.example/x", "%2F%2Fevil.example", "//evil.example", "/%5C%5Cevil.example", "https://evil.example", "javascript:alert(1)", "/%0A/evil.example"]) {
    await page.context().clearCookies();
    await page.goto(`/login?next=${next}`);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page, next).toHaveURL(`${origin}/console`);
  }
  // A real path is kept.
  await page.context().clearCookies();
  await page.goto(`/login?next=${encodeURIComponent("/org/plans")}`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${origin}/org/plans`);
});

test("a page on another origin of the same site cannot act with the organiser's cookie", async ({ page, baseURL }) => {
  await signIn(page);
  const before = await (await page.request.get("/api/help-contacts")).json();
  const usersBefore = (await (await page.request.get("/api/users")).json()).users.length;

  // The attacker's page: same site (127.0.0.1), another port, so the Lax cookie goes along.
  const target = baseURL!;
  const attack = `<!doctype html><body><form id="f" method="POST" action="${target}/api/users" enctype="text/plain"><input name='{"email":"evil@example.org","name":"Evil","password":"evil-pass-1","role":"organiser","x":"' value='"}'></form>
<script>
  window.results = [];
  const post = (url, init) => fetch(url, { credentials: "include", mode: "no-cors", ...init }).then((r) => results.push(r.type), (e) => results.push(String(e)));
  Promise.all([
    post("${target}/api/users", { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify({ email: "evil2@example.org", name: "Evil", password: "evil-pass-1", role: "organiser" }) }),
    post("${target}/api/users", { method: "POST", body: JSON.stringify({ email: "evil3@example.org", name: "Evil", password: "evil-pass-1", role: "organiser" }) }),
    // A cross-origin PUT needs a CORS preflight, which this server never grants.
    post("${target}/api/help-contacts", { method: "PUT", mode: "cors", headers: { "content-type": "application/json" }, body: JSON.stringify({ contacts: [], verified: true }) }),
  ]).then(() => { window.done = true; });
</script></body>`;
  const evil = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(attack));
  await new Promise<void>((r) => evil.listen(0, "127.0.0.1", () => r()));
  const evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`;
  try {
    const tab = await page.context().newPage();
    await tab.goto(evilUrl);
    await tab.waitForFunction(() => (window as unknown as { done?: boolean }).done === true);
    // And the plain HTML form (text/plain), which needs no script at all.
    await Promise.all([tab.waitForURL(`${target}/api/users`), tab.evaluate(() => (document.getElementById("f") as HTMLFormElement).submit())]);
    await expect(tab.locator("body")).toContainText("FORBIDDEN");
    await tab.close();
  } finally {
    evil.close();
  }
  const users = (await (await page.request.get("/api/users")).json()).users as { email: string }[];
  expect(users.length).toBe(usersBefore);
  for (const e of ["evil@example.org", "evil2@example.org", "evil3@example.org"]) expect(users.map((u) => u.email)).not.toContain(e);
  expect(await (await page.request.get("/api/help-contacts")).json()).toEqual(before);

  // The app's own requests still work (JSON with the page's Origin).
  await page.goto("/org/sessions");
  const own = await page.evaluate(async () => {
    const r = await fetch("/api/settings/retention", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ days: 0 }) });
    return r.status;
  });
  expect(own).toBe(200);
  const asText = await page.evaluate(async () => (await fetch("/api/settings/retention", { method: "PUT", headers: { "content-type": "text/plain" }, body: JSON.stringify({ days: 0 }) })).status);
  expect(asText).toBe(415);
});

test("signing out ends the session on the server: the copied cookie stops working", async ({ browser, page }) => {
  const email = `out-${Date.now()}@example.org`;
  await signIn(page);
  expect((await page.request.post("/api/users", { data: { email, name: "Out", password: "trainer-pass-1" } })).status()).toBe(201);
  const ctx = await browser.newContext();
  const trainer = await ctx.newPage();
  await signIn(trainer, email, "trainer-pass-1");
  const stolen = await ctx.storageState();
  await trainer.getByRole("button", { name: "Sign out" }).click();
  await expect(trainer).toHaveURL(/\/login$/);

  const replay = await browser.newContext({ storageState: stolen });
  const p = await replay.newPage();
  await p.goto("/console");
  await expect(p).toHaveURL(/\/login\?next=/);
  expect((await p.request.get("/api/plans")).status()).toBe(401);
  await Promise.all([ctx.close(), replay.close()]);
});

test("uploaded videos reach staff and the projector showing them, nobody else", async ({ browser, page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1366, height: 1000 });
  await signIn(page);
  const up = await page.request.post("/api/media?title=Private film", { data: fs.readFileSync(demo), headers: { "content-type": "video/webm" } });
  expect(up.status()).toBe(201);
  const { media } = await up.json();

  // Staff: yes, with ranges. Anyone else: as if it did not exist.
  expect((await page.request.get(`/media/${media.id}`, { headers: { range: "bytes=0-9" } })).status()).toBe(206);
  const anon = await browser.newContext();
  expect((await anon.request.get(`/media/${media.id}`, { headers: { range: "bytes=0-9" } })).status()).toBe(404);
  expect((await anon.request.get(`/media/${media.file}`)).status()).toBe(404);
  // The shipped demo stays public.
  expect((await anon.request.get("/media/demo-awareness.webm", { headers: { range: "bytes=0-9" } })).status()).toBe(206);

  // A plan whose video step shows the upload.
  const copy = (await (await page.request.post("/api/plans/trafficking-prevention/duplicate")).json()).plan;
  const plan = (await (await page.request.get(`/api/plans/${copy.id}`)).json()).plan;
  const videoIndex = plan.steps.findIndex((s: { kind: string }) => s.kind === "video");
  plan.steps[videoIndex].media = media.id;
  expect((await page.request.put(`/api/plans/${copy.id}`, { data: plan })).status()).toBe(200);

  await page.goto("/console");
  await page.getByLabel("Training plan").selectOption(copy.id);
  await createSession(page, "Private film run");
  const screenHref = await page.evaluate(() => (document.querySelector('a[href^="/screen/"]') as HTMLAnchorElement).getAttribute("href")!);

  // The projector runs on its key alone (no sign-in cookie).
  const screenCtx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const screen = await screenCtx.newPage();
  await screen.goto(screenHref);
  expect((await screen.request.get(`/media/${media.id}`, { headers: { range: "bytes=0-9" } })).status()).toBe(404);

  await page.getByRole("button", { name: new RegExp(`^Go to step ${videoIndex + 1}:`) }).click();
  // The plan's video step has a content warning: no video (and no pass for it) before the trainer confirms.
  await expect(screen.getByTestId("content-warning")).toBeVisible();
  expect((await screen.request.get(`/media/${media.id}`, { headers: { range: "bytes=0-9" } })).status()).toBe(404);
  await page.getByRole("button", { name: /I have given the content warning/ }).click();
  await expect(screen.getByTestId("screen-video")).toHaveCount(1);
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await expect
    .poll(() => screen.evaluate(() => {
      const v = document.querySelector('[data-testid="screen-video"]') as HTMLVideoElement;
      return v.readyState >= 2 && v.currentTime > 0;
    }), { timeout: 10_000 })
    .toBe(true);
  expect((await screen.request.get(`/media/${media.id}`, { headers: { range: "bytes=0-9" } })).status()).toBe(206);

  // The next step: the projector's pass for the video ends.
  await page.getByRole("button", { name: new RegExp(`^Go to step ${videoIndex + 2}:`) }).click();
  await expect.poll(async () => (await screen.request.get(`/media/${media.id}`, { headers: { range: "bytes=0-9" } })).status()).toBe(404);
  await Promise.all([anon.close(), screenCtx.close()]);
});

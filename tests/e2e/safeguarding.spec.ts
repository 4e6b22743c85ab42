import { expect, test, type Page } from "@playwright/test";
import { createSession, joinFromPhone, newPhone, signIn } from "./helpers";

/**
 * Everything a page receives over socket.io, websocket frames and long-polling
 * answers alike, from before it connects: to show that something never
 * reached it, not merely that it is not drawn.
 */
function traffic(page: Page): string[] {
  const seen: string[] = [];
  page.on("websocket", (ws) => ws.on("framereceived", (f) => seen.push(typeof f.payload === "string" ? f.payload : f.payload.toString("utf8"))));
  page.on("response", async (res) => {
    if (res.url().includes("/socket.io/")) seen.push(await res.text().catch(() => ""));
  });
  return seen;
}

async function exportText(page: Page, sessionId: string, format: "json" | "csv"): Promise<string> {
  const res = await page.request.get(`/api/sessions/${sessionId}/export?format=${format}`);
  expect(res.ok()).toBe(true);
  return res.text();
}

test("a discreet help request reaches the trainer alone, the reply only the phone that asked, and no export holds it", async ({ browser, page }) => {
  test.setTimeout(90_000);
  const MESSAGE = "Could we talk after? It is about a job offer my cousin got";
  const REPLY = "I'll stay after the session, come and find me";
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page);
  const { sessionId, code } = await createSession(page, "Safeguarding: help request");

  const screenCtx = await browser.newContext({ viewport: { width: 1280, height: 720 }, storageState: await page.context().storageState() });
  const screen = await screenCtx.newPage();
  const screenHeard = traffic(screen);
  await screen.goto(`/screen/${sessionId}`);

  const contexts = await Promise.all([newPhone(browser), newPhone(browser), newPhone(browser)]);
  const [asker, other1, other2] = await Promise.all(contexts.map((c) => c.newPage()));
  const heard = [other1, other2].map(traffic);
  await joinFromPhone(asker, code, "Asel");
  await joinFromPhone(other1, code, "Bauyrzhan");
  await joinFromPhone(other2, code, "Camila");
  for (const p of [asker, other1, other2]) await expect(p.getByTestId("me")).toBeVisible();

  // The same quiet button on every phone.
  for (const p of [asker, other1, other2]) await expect(p.getByRole("button", { name: "Talk to someone" })).toBeVisible();
  await asker.getByRole("button", { name: "Talk to someone" }).click();
  const sheet = asker.getByRole("dialog", { name: "Talk to someone" });
  await sheet.getByLabel("Message (optional)").fill(MESSAGE);
  await sheet.getByRole("button", { name: "Send to the trainer" }).click();
  await expect(sheet.getByText("Sent. Only the trainer sees it.")).toBeVisible();

  // The console shows it, anonymous (to the trainer as well).
  const request = page.getByTestId("help-request");
  await expect(request).toContainText(MESSAGE);
  await expect(request).toContainText("Anonymous");
  await expect(request).not.toContainText("Asel");

  await request.getByRole("button", { name: "Acknowledge" }).click();
  await expect(sheet.getByText("The trainer has seen your request.")).toBeVisible();
  await request.getByLabel("Private reply").fill(REPLY);
  await request.getByRole("button", { name: "Send reply" }).click();
  await expect(sheet.getByTestId("help-reply")).toContainText(REPLY);

  // Neither the projector nor the two other phones ever got any of it: not on screen, not on the wire.
  await other1.waitForTimeout(500);
  for (const p of [screen, other1, other2]) {
    const html = await p.content();
    expect(html).not.toContain(MESSAGE);
    expect(html).not.toContain(REPLY);
  }
  for (const frames of [screenHeard, ...heard]) {
    expect(frames.length).toBeGreaterThan(0);
    const all = frames.join("\n");
    expect(all).not.toContain("job offer my cousin");
    expect(all).not.toContain("come and find me");
    expect(all).not.toContain("help:");
  }

  // The exports and the report leave it out; the report counts it.
  for (const format of ["json", "csv"] as const) {
    const text = await exportText(page, sessionId, format);
    expect(text).not.toContain("job offer my cousin");
    expect(text).not.toContain("come and find me");
  }
  await page.goto(`/org/sessions/${sessionId}`);
  await expect(page.getByTestId("report-help-requests")).toHaveAttribute("data-count", "1");
  expect(await page.content()).not.toContain("job offer my cousin");
  await Promise.all([screenCtx.close(), ...contexts.map((c) => c.close())]);
});

test("a phone steps out during the video's content warning and comes back; the log holds nothing about it", async ({ browser, page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page);
  const { sessionId, code } = await createSession(page, "Safeguarding: step out");
  const phoneCtx = await newPhone(browser);
  const phone = await phoneCtx.newPage();
  await joinFromPhone(phone, code, "Dinara");
  await expect(phone.getByTestId("me")).toBeVisible();
  // Before the video there is nothing to step out of.
  await expect(phone.getByRole("button", { name: "Take a break" })).toHaveCount(0);

  await page.getByRole("button", { name: /^Go to step 2:/ }).click();
  await expect(phone.getByTestId("content-warning")).toBeVisible();
  await expect(page.getByTestId("break-count")).toHaveAttribute("data-count", "0");
  const eventsBefore = JSON.parse(await exportText(page, sessionId, "json")).events as { type: string }[];

  await phone.getByRole("button", { name: "Take a break" }).click();
  const calm = phone.getByRole("dialog", { name: "Take your time" });
  await expect(calm).toBeVisible();
  await expect(calm.getByTestId("help-contacts")).toBeVisible();
  await expect(page.getByTestId("break-count")).toHaveAttribute("data-count", "1");
  await expect(page.getByTestId("break-count")).toHaveText("1 person is on a break");

  await calm.getByRole("button", { name: "I'm back" }).click();
  await expect(calm).toHaveCount(0);
  await expect(phone.getByTestId("content-warning")).toBeVisible();
  await expect(page.getByTestId("break-count")).toHaveAttribute("data-count", "0");

  // The log: nothing was stored about the break (the server's own attendance figures aside).
  const eventsAfter = JSON.parse(await exportText(page, sessionId, "json")).events as { type: string }[];
  const kinds = (events: { type: string }[]) => events.map((e) => e.type).filter((t) => !t.startsWith("attendance:"));
  expect(kinds(eventsAfter)).toEqual(kinds(eventsBefore));
  expect(eventsAfter.map((e) => e.type).filter((t) => /break|away|step-out/.test(t))).toEqual([]);
  await phoneCtx.close();
});

test("the consent notice must be accepted before joining; the organiser's edit reaches a new phone", async ({ browser, page }) => {
  test.setTimeout(60_000);
  const EDITED = "Notice v2 from the organiser: only a nickname and your notes, kept for 30 days.";
  await signIn(page);
  const { code } = await createSession(page, "Safeguarding: consent");
  const contexts = [await newPhone(browser), await newPhone(browser)];
  const [first, second] = await Promise.all(contexts.map((c) => c.newPage()));

  await first.goto("/join");
  await expect(first.getByTestId("consent-notice")).toContainText("you do not need your real name");
  await first.getByLabel("Join code").fill(code);
  await first.getByLabel("Your name").fill("Erlan");
  await first.getByRole("button", { name: "Join" }).click();
  await expect(first.getByTestId("error")).toContainText('tick "I agree" to join');
  await expect(first.getByTestId("me")).toHaveCount(0);
  await first.getByRole("checkbox", { name: "I agree" }).check();
  await first.getByRole("button", { name: "Join" }).click();
  await expect(first.getByTestId("me")).toBeVisible();

  try {
    await page.goto("/org/safeguarding");
    await page.getByLabel("Notice in English").fill(EDITED);
    await page.getByRole("button", { name: "Save the notice" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved.");

    await second.goto("/join");
    await expect(second.getByTestId("consent-text")).toHaveText(EDITED);
    await second.getByLabel("Join code").fill(code);
    await second.getByLabel("Your name").fill("Farida");
    await second.getByRole("checkbox", { name: "I agree" }).check();
    await second.getByRole("button", { name: "Join" }).click();
    await expect(second.getByTestId("me")).toBeVisible();
  } finally {
    // Later specs share this organisation: back to the default text.
    await page.goto("/org/safeguarding");
    await page.getByRole("button", { name: "Go back to the default text" }).click();
    await expect(page.getByTestId("notice-kind")).toHaveText("Default text");
    await Promise.all(contexts.map((c) => c.close()));
  }
});

import fs from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import { PROTOCOL_VERSION } from "../../lib/protocol/version";
import { createSession, joinFromPhone, signIn } from "./helpers";

function phoneContext(browser: Browser) {
  return browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, locale: "en-US" });
}

async function post(phone: Page, text: string) {
  await phone.getByLabel("Note", { exact: true }).fill(text);
  await phone.getByRole("button", { name: "Send", exact: true }).click();
}

/** The console row of one participant, found by the exact nickname. */
function row(page: Page, name: string) {
  return page.getByTestId("participant").filter({ has: page.getByTestId("participant-name").filter({ hasText: new RegExp(`^${name}$`) }) });
}

test("the trainer locks and unlocks joining, removes two phones with their notes, renames one and lets a waiting one in", async ({ browser, page }) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page);
  await page.getByLabel("Training plan").selectOption("");
  const { sessionId, code } = await createSession(page, "Room control run");

  const screenCtx = await browser.newContext({ viewport: { width: 1280, height: 720 }, storageState: await page.context().storageState() });
  const screen = await screenCtx.newPage();
  await screen.goto(`/screen/${sessionId}`);
  await expect(screen.getByTestId("join-code")).toHaveText(code);

  const names = ["Aida", "Bolat", "Dana", "Erlan", "Farida", "Gani", "Hadisha"];
  const contexts = await Promise.all(names.map(() => phoneContext(browser)));
  const phones = await Promise.all(contexts.map((c) => c.newPage()));
  for (let i = 0; i < 5; i++) {
    await joinFromPhone(phones[i], code, names[i]);
    await expect(phones[i].getByTestId("me")).toHaveText(`Hello, ${names[i]}!`);
  }
  await expect(page.getByTestId("participant-count")).toHaveText("5");

  // Locked: the projector says joining is closed instead of showing the code, and a sixth phone is told why.
  await page.getByRole("button", { name: "Lock joining" }).click();
  await expect(page.getByRole("button", { name: "Unlock joining" })).toBeVisible();
  await expect(screen.getByTestId("session-locked")).toContainText("Joining is closed");
  await expect(screen.getByTestId("join-code")).toHaveCount(0);
  await joinFromPhone(phones[5], code, names[5]);
  await expect(phones[5].getByTestId("error")).toHaveAttribute("data-code", "SESSION_LOCKED");
  await expect(phones[5].getByTestId("error")).toHaveText("The trainer has closed this session to new people.");
  await expect(page.getByTestId("participant-count")).toHaveText("5");
  fs.mkdirSync("test-results/screens", { recursive: true });
  await screen.screenshot({ path: "test-results/screens/room-locked-screen.png" });
  await phones[5].screenshot({ path: "test-results/screens/room-locked-phone.png" });

  // Unlocked: the code is back and the same form now gets in.
  await page.getByRole("button", { name: "Unlock joining" }).click();
  await expect(screen.getByTestId("session-locked")).toHaveCount(0);
  await expect(screen.getByTestId("join-code")).toHaveText(code);
  await phones[5].getByRole("button", { name: "Join" }).click();
  await expect(phones[5].getByTestId("me")).toHaveText("Hello, Gani!");
  await expect(page.getByTestId("participant-count")).toHaveText("6");

  // Three notes on the wall, two of them by the people about to be removed.
  for (const i of [0, 1, 2]) await post(phones[i], `Idea from ${names[i]}`);
  await expect(screen.getByTestId("note")).toHaveCount(3);

  // Tick Bolat and Dana by nickname, remove them with their notes.
  await page.getByRole("checkbox", { name: "Bolat", exact: true }).check();
  await page.getByRole("checkbox", { name: "Dana", exact: true }).check();
  await expect(page.getByTestId("selected-count")).toHaveText("2 selected");
  await page.getByRole("button", { name: "Remove selected" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Remove 2 participants?");
  await expect(dialog.getByRole("radio", { name: "Keep their notes" })).toBeChecked();
  await dialog.getByRole("radio", { name: "Remove their notes too" }).check();
  await page.screenshot({ path: "test-results/screens/room-remove-dialog.png" });
  await dialog.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(dialog).toHaveCount(0);

  for (const i of [1, 2]) {
    await expect(phones[i].getByTestId("removed")).toHaveText(/The trainer removed you from this session\./);
    await expect(phones[i].getByLabel("Your name")).toHaveCount(0);
  }
  await expect(page.getByTestId("participant-count")).toHaveText("4");
  await expect(page.getByTestId("participant-name")).toHaveText(["Aida", "Erlan", "Farida", "Gani"]);
  await expect(screen.getByTestId("screen-participant-count")).toHaveText("4 participants joined");
  await expect(screen.getByTestId("note")).toHaveCount(1);
  await expect(screen.getByTestId("note")).toHaveText(/Idea from Aida/);
  await phones[1].screenshot({ path: "test-results/screens/room-removed-phone.png" });

  // A reload still shows it: no join form for that session, and the pass is gone.
  await phones[1].reload();
  await expect(phones[1].getByTestId("removed")).toBeVisible();
  await expect(phones[1].getByLabel("Your name")).toHaveCount(0);
  await expect(phones[1]).toHaveURL(new RegExp(`/s/${code}$`));
  // Joining again with the code from the same phone is refused and shows the same screen.
  await phones[2].goto("/join");
  await joinFromPhone(phones[2], code, "Dana again");
  await expect(phones[2].getByTestId("removed")).toBeVisible();
  await expect(page.getByTestId("participant-count")).toHaveText("4");

  // Rename an offensive nickname: the phone and the console show the new one.
  await row(page, "Erlan").getByRole("button", { name: "Rename" }).click();
  await page.getByLabel("New name", { exact: true }).fill("Eagle");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(phones[3].getByTestId("me")).toHaveText("Hello, Eagle!");
  await expect(row(page, "Eagle")).toHaveCount(1);
  await expect(page.getByTestId("participant-name").filter({ hasText: /^Erlan$/ })).toHaveCount(0);

  // Approve joiners: a newcomer waits until the trainer lets them in.
  await page.getByLabel("Approve joiners").check();
  await expect(page.getByLabel("Approve joiners")).toBeChecked();
  // The session (not just the box) has it on.
  await expect(page.getByTestId("room-status")).toContainText("Newcomers wait until you let them in.");
  await joinFromPhone(phones[6], code, names[6]);
  await expect(phones[6].getByTestId("waiting")).toContainText("Waiting for the trainer to let you in");
  await expect(phones[6].getByTestId("me")).toHaveCount(0);
  const waiting = page.getByTestId("waiting-person").filter({ hasText: "Hadisha" });
  await expect(waiting).toBeVisible();
  await phones[6].screenshot({ path: "test-results/screens/room-waiting-phone.png" });
  await page.screenshot({ path: "test-results/screens/room-console.png", fullPage: true });
  // Still waiting after a reload.
  await phones[6].reload();
  await expect(phones[6].getByTestId("waiting")).toBeVisible();
  await waiting.getByRole("button", { name: "Let in" }).click();
  await expect(phones[6].getByTestId("waiting")).toHaveCount(0);
  await expect(phones[6].getByTestId("me")).toHaveText("Hello, Hadisha!");
  await expect(page.getByTestId("waiting-list")).toHaveCount(0);
  await expect(page.getByTestId("participant-count")).toHaveText("5");

  await Promise.all([...contexts, screenCtx].map((c) => c.close()));
});

/** Joins `count` participants straight over the socket (a browser per phone is too heavy for 200). */
async function joinMany(baseURL: string, code: string, count: number, prefix: string): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < count; i++) {
    const s = io(baseURL, { auth: { v: PROTOCOL_VERSION }, transports: ["websocket"], forceNew: true });
    sockets.push(s);
    const ack = await s.timeout(10_000).emitWithAck("participant:join", { id: `join-${prefix}-${i}-${Date.now()}`, code, nickname: `${prefix} ${i + 1}`, consent: true });
    expect(ack.ok, JSON.stringify(ack)).toBe(true);
  }
  return sockets;
}

test("the participant pane stays usable with 200 people and the console fits 1366x768", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page);
  await page.getByLabel("Training plan").selectOption("");
  const { code } = await createSession(page, "A big hall");
  const sockets = await joinMany(baseURL!, code, 40, "Guest");
  try {
    await expect(page.getByTestId("participant-count")).toHaveText("40");
    // Nothing wider than the window.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    const list = page.getByTestId("participant-list");
    await list.scrollIntoViewIfNeeded();
    await page.getByRole("heading", { name: "Participants" }).scrollIntoViewIfNeeded();
    fs.mkdirSync("test-results/screens", { recursive: true });
    await page.screenshot({ path: "test-results/screens/room-console-40.png" });
    await page.screenshot({ path: "test-results/screens/room-console-40-full.png", fullPage: true });

    sockets.push(...(await joinMany(baseURL!, code, 160, "Visitor")));
    await expect(page.getByTestId("participant-count")).toHaveText("200");
    // The list scrolls inside its own pane, at most half the window high.
    const box = (await list.boundingBox())!;
    expect(box.height).toBeLessThanOrEqual(768 / 2 + 1);
    expect(await list.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    // The filter finds one person among 200.
    await page.getByLabel("Filter by name").fill("Visitor 123");
    await expect(page.getByTestId("participant-name")).toHaveText(["Visitor 123"]);
    await page.getByRole("checkbox", { name: "Visitor 123", exact: true }).check();
    await page.getByLabel("Filter by name").fill("");
    await expect(page.getByTestId("participant")).toHaveCount(200);
    await expect(page.getByTestId("selected-count")).toHaveText("1 selected");
    // "Select all" takes everyone shown.
    await page.getByLabel("Filter by name").fill("Guest");
    await page.getByRole("button", { name: "Select all" }).click();
    await expect(page.getByTestId("selected-count")).toHaveText("41 selected");
    await page.getByRole("button", { name: "Clear selection" }).click();
    await expect(page.getByTestId("selected-count")).toHaveText("");
    await page.getByLabel("Filter by name").fill("");
    await page.getByRole("heading", { name: "Participants" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/screens/room-console-200.png" });

    // A cap at the current number: the next one is told the session is full.
    await page.getByLabel("Most participants").fill("200");
    await page.getByRole("button", { name: "Set limit" }).click();
    await expect(page.getByTestId("room-status")).toContainText("200 of 200 places taken.");
    const late = io(baseURL!, { auth: { v: PROTOCOL_VERSION }, transports: ["websocket"], forceNew: true });
    sockets.push(late);
    const refused = await late.timeout(10_000).emitWithAck("participant:join", { id: `join-late-${Date.now()}`, code, nickname: "Late", consent: true });
    expect(refused).toMatchObject({ ok: false, error: { code: "SESSION_FULL" } });
    await expect(page.getByTestId("participant-count")).toHaveText("200");

    // The same pane on a phone-sized console.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole("heading", { name: "Participants" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/screens/room-console-narrow.png" });
  } finally {
    for (const s of sockets) s.disconnect();
  }
});

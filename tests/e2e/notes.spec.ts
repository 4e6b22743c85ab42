import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { createSession, joinFromPhone, signIn } from "./helpers";

async function post(phone: Page, text: string) {
  await phone.getByLabel("Note", { exact: true }).fill(text);
  await phone.getByRole("button", { name: "Send", exact: true }).click();
}

test("six phones in two groups brainstorm; the wall shows all, moderated and voted", async ({ browser, page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 1000 });
  await signIn(page);
  await page.getByLabel("Training plan").selectOption("");
  const { sessionId, code } = await createSession(page, "Brainstorm run");
  const screenCtx = await browser.newContext({ viewport: { width: 1280, height: 720 }, storageState: await page.context().storageState() });
  const screen = await screenCtx.newPage();
  screen.on("dialog", () => {
    throw new Error("a note ran script on the projector");
  });
  await screen.goto(`/screen/${sessionId}`);

  const names = ["Aida", "Bolat", "Dana", "Erlan", "Farida", "Gani"];
  const contexts = await Promise.all(names.map(() => browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, locale: "en-US" })));
  const phones = await Promise.all(contexts.map((c) => c.newPage()));
  for (const [i, p] of phones.entries()) {
    p.on("dialog", () => {
      throw new Error("a note ran script on a phone");
    });
    await joinFromPhone(p, code, names[i]);
    await expect(p.getByTestId("me")).toBeVisible();
  }
  await page.getByLabel("Split into").fill("2");
  await page.getByRole("button", { name: "Split", exact: true }).click();
  for (const p of phones) await expect(p.getByTestId("my-group")).toBeVisible();
  const groupOf = async (p: Page) => (await p.getByTestId("my-group").getAttribute("data-group-id"))!;
  const groups = await Promise.all(phones.map(groupOf));

  for (const [i, p] of phones.entries()) await post(p, `Idea from ${names[i]}`);
  await expect(screen.getByTestId("note")).toHaveCount(6);
  for (const [i, p] of phones.entries()) {
    const mates = names.filter((_, k) => groups[k] === groups[i]);
    await expect(p.getByTestId("phone-note-text")).toHaveCount(mates.length);
    for (const m of mates) await expect(p.getByTestId("phone-notes")).toContainText(`Idea from ${m}`);
    for (const other of names.filter((_, k) => groups[k] !== groups[i])) await expect(p.getByTestId("phone-notes")).not.toContainText(`Idea from ${other}`);
  }

  // Markup in a note is only ever text.
  const evil = "<img src=x onerror=alert(1)>";
  await post(phones[0], evil);
  await expect(screen.getByTestId("note").filter({ hasText: evil })).toHaveCount(1);
  await expect(screen.getByTestId("wall").locator("img")).toHaveCount(0);
  await expect(phones[0].getByTestId("phone-notes").locator("img")).toHaveCount(0);
  await expect(page.getByTestId("note").filter({ hasText: evil })).toHaveCount(1);

  // The trainer hides a note: it leaves the wall and the phones, and stays marked on the console.
  await page.getByTestId("note").filter({ hasText: "Idea from Bolat" }).getByRole("button", { name: "Hide" }).click();
  await expect(screen.getByTestId("note").filter({ hasText: "Idea from Bolat" })).toHaveCount(0);
  await expect(phones[1].getByTestId("phone-notes")).not.toContainText("Idea from Bolat");
  await expect(page.getByTestId("note").filter({ hasText: "Idea from Bolat" })).toHaveAttribute("data-status", "hidden");
  await expect(screen.getByTestId("note")).toHaveCount(6);

  // Votes reorder the wall.
  await page.getByLabel("Wall order").selectOption("votes");
  const g0 = groups[0];
  const voters = phones.filter((_, k) => groups[k] === g0);
  const favourite = names.filter((_, k) => groups[k] === g0).at(-1)!;
  for (const v of voters.slice(0, 2)) {
    await v.getByTestId("phone-note").filter({ hasText: `Idea from ${favourite}` }).getByRole("button", { name: "Vote for this note" }).click();
  }
  const column = screen.getByTestId("wall-column").filter({ hasText: `Idea from ${favourite}` });
  await expect(column.getByTestId("note").first()).toContainText(`Idea from ${favourite}`);
  await expect(column.getByTestId("note").first()).toHaveAttribute("data-votes", "2");
  fs.mkdirSync("test-results/screens", { recursive: true });
  await screen.screenshot({ path: "test-results/screens/wall-screen.png" });
  await phones[0].screenshot({ path: "test-results/screens/wall-phone.png" });
  await page.screenshot({ path: "test-results/screens/wall-console.png", fullPage: true });

  // A phone offline: two notes wait, then arrive exactly once.
  const offlinePhone = phones[5];
  await contexts[5].setOffline(true);
  await expect(offlinePhone.getByTestId("connection")).toHaveAttribute("data-state", "offline");
  await post(offlinePhone, "Written in the metro 1");
  await post(offlinePhone, "Written in the metro 2");
  await expect(offlinePhone.getByTestId("pending-note")).toHaveCount(2);
  await expect(screen.getByTestId("note").filter({ hasText: "Written in the metro" })).toHaveCount(0);
  await contexts[5].setOffline(false);
  await expect(offlinePhone.getByTestId("pending-note")).toHaveCount(0, { timeout: 20_000 });
  await expect(screen.getByTestId("note").filter({ hasText: "Written in the metro 1" })).toHaveCount(1);
  await expect(screen.getByTestId("note").filter({ hasText: "Written in the metro 2" })).toHaveCount(1);
  await offlinePhone.reload();
  await expect(offlinePhone.getByTestId("phone-note-text").filter({ hasText: "Written in the metro" })).toHaveCount(2);
  await expect(screen.getByTestId("note").filter({ hasText: "Written in the metro" })).toHaveCount(2);

  // Offline again: an edit and a vote show at once as waiting, then arrive exactly once.
  const edited = offlinePhone.locator(`[data-note-id="${await offlinePhone.getByTestId("phone-note").filter({ hasText: "Written in the metro 1" }).getAttribute("data-note-id")}"]`);
  const voted = offlinePhone.getByTestId("phone-note").filter({ hasText: "Written in the metro 2" });
  await contexts[5].setOffline(true);
  await expect(offlinePhone.getByTestId("connection")).toHaveAttribute("data-state", "offline");
  await edited.getByRole("button", { name: "Edit" }).click();
  await edited.getByLabel("Edit", { exact: true }).fill("Rewritten offline");
  await edited.getByRole("button", { name: "Save" }).click();
  await voted.getByRole("button", { name: "Vote for this note" }).click();
  await expect(edited.getByTestId("phone-note-text")).toHaveText("Rewritten offline");
  await expect(edited.getByTestId("note-change-pending")).toHaveText("Waiting to send…");
  await expect(voted.getByRole("button", { name: "Take back my vote" })).toHaveText("♥ 1");
  await expect(voted.getByTestId("note-change-pending")).toBeVisible();
  await expect(screen.getByTestId("note").filter({ hasText: "Rewritten offline" })).toHaveCount(0);
  await expect(screen.getByTestId("note").filter({ hasText: "Written in the metro 2" })).toHaveAttribute("data-votes", "0");
  await contexts[5].setOffline(false);
  await expect(offlinePhone.getByTestId("note-change-pending")).toHaveCount(0, { timeout: 20_000 });
  await expect(screen.getByTestId("note").filter({ hasText: "Rewritten offline" })).toHaveCount(1);
  await expect(screen.getByTestId("note").filter({ hasText: "Written in the metro 1" })).toHaveCount(0);
  await expect(screen.getByTestId("note").filter({ hasText: "Written in the metro 2" })).toHaveAttribute("data-votes", "1");
  // Sent once: a second vote would have been refused and shown as an error on the phone.
  await offlinePhone.reload();
  await expect(offlinePhone.getByTestId("phone-note").filter({ hasText: "Written in the metro 2" }).getByRole("button", { name: "Take back my vote" })).toHaveText("♥ 1");
  await expect(offlinePhone.getByTestId("phone-note-text").filter({ hasText: "Rewritten offline" })).toHaveCount(1);
  await expect(offlinePhone.getByTestId("refused-change")).toHaveCount(0);
  await expect(offlinePhone.getByTestId("error")).toHaveCount(0);
  await expect(screen.getByTestId("note").filter({ hasText: "Written in the metro 2" })).toHaveAttribute("data-votes", "1");

  await Promise.all([...contexts, screenCtx].map((c) => c.close()));
});

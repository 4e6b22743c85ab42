import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { createSession, joinFromPhone, signIn } from "./helpers";

test("eight phones split into three groups, a late joiner, a manual move and a group broadcast", async ({ browser, page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 1000 });
  await signIn(page);
  await page.getByLabel("Training plan").selectOption("");
  const { sessionId, code } = await createSession(page, "Groups run");

  const screenCtx = await browser.newContext({ viewport: { width: 1280, height: 720 }, storageState: await page.context().storageState() });
  const screen = await screenCtx.newPage();
  await screen.goto(`/screen/${sessionId}`);

  const names = ["Aida", "Bolat", "Dana", "Erlan", "Farida", "Gani", "Hadisha", "Islam", "Jamila"];
  const contexts = await Promise.all(names.map(() => browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, locale: "en-US" })));
  const phones: Page[] = await Promise.all(contexts.map((c) => c.newPage()));
  for (let i = 0; i < 8; i++) {
    await joinFromPhone(phones[i], code, names[i]);
    await expect(phones[i].getByTestId("me")).toBeVisible();
  }
  await expect(page.getByTestId("participant-count")).toHaveText("8");

  // Split into 3 balanced groups.
  await page.getByLabel("Split into").fill("3");
  await page.getByRole("button", { name: "Split", exact: true }).click();
  const cards = screen.getByTestId("group");
  await expect(cards).toHaveCount(3);
  await expect.poll(async () => (await cards.evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-size"))))).sort()).toEqual([2, 3, 3]);

  // Each phone shows its group, the same one the console shows.
  const consoleGroupOf = async (name: string) =>
    page.getByTestId("group").filter({ has: page.getByTestId("group-member").filter({ hasText: new RegExp(`^${name}$`) }) }).getAttribute("data-group-id");
  for (let i = 0; i < 8; i++) {
    await expect(phones[i].getByTestId("my-group")).toHaveAttribute("data-group-id", (await consoleGroupOf(names[i]))!);
    await expect(phones[i].getByTestId("my-group-members")).toContainText(names[i]);
  }
  fs.mkdirSync("test-results/screens", { recursive: true });
  await screen.screenshot({ path: "test-results/screens/groups-screen.png" });
  await page.screenshot({ path: "test-results/screens/groups-console.png", fullPage: true });
  await phones[0].screenshot({ path: "test-results/screens/groups-phone.png" });

  // The 9th phone joins late and lands in the group of two.
  const smallest = await screen.locator('[data-testid="group"][data-size="2"]').getAttribute("data-group-id");
  await joinFromPhone(phones[8], code, names[8]);
  await expect(phones[8].getByTestId("my-group")).toHaveAttribute("data-group-id", smallest!);
  await expect.poll(async () => (await cards.evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-size"))))).sort()).toEqual([3, 3, 3]);
  // Her group-mates see her at once.
  const mateIndex = (await Promise.all(names.slice(0, 8).map(async (n) => (await consoleGroupOf(n)) === smallest))).indexOf(true);
  await expect(phones[mateIndex].getByTestId("my-group-members")).toContainText("Jamila");

  // Tap-based move: tap Aida, then "Move Aida here" on another group.
  const aidaGroup = (await consoleGroupOf("Aida"))!;
  const target = page.locator(`[data-testid="group"]:not([data-group-id="${aidaGroup}"])`).first();
  const targetId = (await target.getAttribute("data-group-id"))!;
  await page.getByTestId("group-member").filter({ hasText: /^Aida$/ }).click();
  await target.getByRole("button", { name: "Move Aida here" }).click();
  await expect(phones[0].getByTestId("my-group")).toHaveAttribute("data-group-id", targetId);
  const targetName = (await phones[0].getByTestId("my-group").textContent())!;
  expect(targetName.length).toBeGreaterThan(0);

  // A broadcast to one group reaches only its phones.
  await page.getByLabel("Message").fill("Two more minutes, please wrap up");
  await page.getByLabel("To", { exact: true }).selectOption(targetId);
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Sent." })).toBeVisible();
  for (let i = 0; i < 9; i++) {
    const inTarget = (await consoleGroupOf(names[i])) === targetId;
    if (inTarget) await expect(phones[i].getByTestId("broadcast")).toHaveText(/Two more minutes/);
  }
  for (let i = 0; i < 9; i++) {
    if ((await consoleGroupOf(names[i])) !== targetId) await expect(phones[i].getByTestId("broadcast")).toHaveCount(0);
  }

  // A phone marks its group done; the projector shows it.
  await phones[0].getByTestId("group-done").click();
  await expect(screen.locator(`[data-testid="group"][data-group-id="${targetId}"]`)).toContainText("Done");

  await Promise.all([...contexts, screenCtx].map((c) => c.close()));
});

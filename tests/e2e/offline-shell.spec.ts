import { expect, test, type Page } from "@playwright/test";
import { createSession, joinFromPhone, newPhone, signIn } from "./helpers";

/** True once the service worker controls the page and holds this page and every script and stylesheet it loaded. */
function shellCached(phone: Page): Promise<boolean> {
  return phone.evaluate(async () => {
    if (!navigator.serviceWorker.controller) return false;
    const opts = { ignoreVary: true };
    if (!(await caches.match(location.href, opts))) return false;
    const assets = [
      ...[...document.querySelectorAll<HTMLScriptElement>("script[src]")].map((s) => s.src),
      ...[...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].map((l) => l.href),
    ].filter((u) => /^\/(_next\/static|phone-assets)\//.test(new URL(u).pathname));
    if (assets.length === 0) return false;
    for (const a of assets) if (!(await caches.match(a, opts))) return false;
    return true;
  });
}

test("a phone that reloads offline still opens Ortaq with its queued note, which arrives once", async ({ browser, page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1366, height: 1000 });
  await signIn(page);
  // A free session: notes are open from the start.
  await page.getByLabel("Training plan").selectOption("");
  const { code } = await createSession(page, "Offline shell");

  const context = await newPhone(browser);
  const phone = await context.newPage();
  await joinFromPhone(phone, code, "Aida");
  await expect(phone.getByTestId("me")).toHaveText("Hello, Aida!");
  await expect(phone).toHaveURL(new RegExp(`/s/${code}$`));
  await expect(phone.getByLabel("Note", { exact: true })).toBeVisible();

  // The worker is installed and active, a reload is controlled by it, and the page and its code are stored.
  await phone.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await phone.reload();
  await expect(phone.getByTestId("me")).toHaveText("Hello, Aida!");
  await expect.poll(() => shellCached(phone), { timeout: 15_000 }).toBe(true);

  // Offline: the note waits on the phone.
  await context.setOffline(true);
  await expect(phone.getByTestId("connection")).toHaveAttribute("data-state", "offline");
  await phone.getByLabel("Note", { exact: true }).fill("Written offline, then reloaded");
  await phone.getByRole("button", { name: "Send", exact: true }).click();
  await expect(phone.getByTestId("pending-note")).toHaveCount(1);

  // A reload with no network: the stored shell opens, runs, and lists the queued note.
  await phone.reload();
  await expect(phone.getByText("Ortaq", { exact: true })).toBeVisible();
  await expect(phone.getByTestId("connection")).toHaveAttribute("data-state", "offline");
  await expect(phone.getByTestId("phone-resume")).toBeVisible();
  await expect(phone.getByTestId("pending-note")).toHaveCount(1);
  await expect(phone.getByTestId("pending-note")).toContainText("Written offline, then reloaded");
  await expect(phone.getByLabel("Join code")).toHaveCount(0);
  await expect(page.getByTestId("note").filter({ hasText: "Written offline" })).toHaveCount(0);
  await phone.screenshot({ path: "test-results/screens/offline-shell-phone.png" });

  // Back online: the phone resumes and the note reaches the console exactly once.
  await context.setOffline(false);
  await expect(phone.getByTestId("phone-session")).toBeVisible({ timeout: 20_000 });
  await expect(phone.getByTestId("pending-note")).toHaveCount(0, { timeout: 20_000 });
  await expect(phone.getByTestId("phone-note-text").filter({ hasText: "Written offline, then reloaded" })).toHaveCount(1);
  await expect(page.getByTestId("note").filter({ hasText: "Written offline, then reloaded" })).toHaveCount(1);
  // Still once after a fresh look from the console and an online reload of the phone.
  await phone.reload();
  await expect(phone.getByTestId("phone-note-text").filter({ hasText: "Written offline, then reloaded" })).toHaveCount(1);
  await page.reload();
  await expect(page.getByTestId("note").filter({ hasText: "Written offline, then reloaded" })).toHaveCount(1);

  await context.close();
});

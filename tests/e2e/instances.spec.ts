import { expect, test, type Page } from "@playwright/test";
import { createSession, joinFromPhone, newPhone, signIn } from "./helpers";

/**
 * Two instances of the built app on one PostgreSQL database (run with
 * E2E_DATABASE_URL: playwright.config.ts then starts both). The trainer's
 * console is on instance A, the projector on B; two phones join through A and
 * two through B. Everyone sees everyone's notes, the console counts all four
 * online, and the report on B has them all.
 */
const B = process.env.E2E_SECOND_URL;

async function post(phone: Page, text: string) {
  await phone.getByLabel("Note", { exact: true }).fill(text);
  await phone.getByRole("button", { name: "Send", exact: true }).click();
}

test("a room split across two instances is one room", async ({ browser, page }) => {
  test.skip(!B, "needs two instances on PostgreSQL (E2E_DATABASE_URL)");
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page);
  await page.getByLabel("Training plan").selectOption("");
  const { sessionId, code } = await createSession(page, "Two instances");

  const screenCtx = await browser.newContext({ viewport: { width: 1280, height: 720 }, storageState: await page.context().storageState() });
  const screen = await screenCtx.newPage();
  await screen.goto(`${B}/screen/${sessionId}`);

  const names = ["Aida", "Bolat", "Dana", "Erlan"];
  const phones: Page[] = [];
  for (const [i, name] of names.entries()) {
    const p = await (await newPhone(browser)).newPage();
    if (i % 2 === 0) await joinFromPhone(p, code, name);
    else {
      await p.goto(`${B}/join`);
      await p.getByLabel("Join code").fill(code);
      await joinFromPhone(p, null, name);
    }
    await expect(p.getByTestId("me")).toBeVisible();
    phones.push(p);
  }
  expect(new URL(phones[1].url()).port).toBe(new URL(B!).port);
  // The console on A sees the phones on B online too.
  await expect(page.getByText("4 online").first()).toBeVisible();

  for (const [i, p] of phones.entries()) await post(p, `Idea from ${names[i]}`);
  // On A's console and B's projector, every note, whichever instance took it.
  await expect(page.getByTestId("note")).toHaveCount(4);
  await expect(screen.getByTestId("note")).toHaveCount(4);
  for (const n of names) await expect(screen.getByTestId("wall")).toContainText(`Idea from ${n}`);

  // The trainer hides one on A: it leaves the projector on B.
  await page.getByTestId("note").filter({ hasText: "Idea from Bolat" }).getByRole("button", { name: "Hide" }).click();
  await expect(screen.getByTestId("note").filter({ hasText: "Idea from Bolat" })).toHaveCount(0);

  // The report, read on B, counts all four people and notes.
  const report = await screenCtx.newPage();
  await report.goto(`${B}/org/sessions/${sessionId}`);
  await expect(report.getByTestId("report-joined")).toHaveAttribute("data-count", "4");
  await expect(report.getByTestId("report-note")).toHaveCount(4);
});

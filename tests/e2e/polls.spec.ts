import { expect, test, type Page } from "@playwright/test";
import { createSession, joinFromPhone, newPhone, signIn } from "./helpers";

/**
 * Ten phones answer the default plan's opening knowledge check, the closing
 * one and the feedback poll; the projector's chart follows live; the
 * session's report pairs each phone's answers and shows the change.
 *
 * Answers: phones 0-4 answer every check question right before, 5-9 wrong;
 * after, phones 0-8 are right and phone 9 still wrong. So each question:
 * 10 paired, 50% right before, 90% right after, +40 points.
 */

const PHONES = 10;
/** The default plan's check questions in order, with the right answer of each. */
const CHECK: { id: string; right: "Myth" | "Fact" }[] = [
  { id: "borders", right: "Myth" },
  { id: "consent", right: "Myth" },
  { id: "documents", right: "Myth" },
  { id: "debt", right: "Fact" },
  { id: "strangers", right: "Myth" },
  { id: "anyone", right: "Fact" },
];
const wrong = (right: "Myth" | "Fact") => (right === "Myth" ? "Fact" : "Myth");

async function answer(phone: Page, label: string) {
  const question = phone.getByTestId("phone-question");
  await question.getByLabel(label, { exact: true }).check();
  await question.getByRole("button", { name: "Answer", exact: true }).click();
  await expect(question.getByRole("status")).toContainText("Your answer is in");
}

/** The projector's bars: count per option, in order. */
async function screenCounts(screen: Page): Promise<number[]> {
  return screen
    .getByTestId("poll-results")
    .getByTestId("poll-option")
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-count"))));
}

test("ten phones answer the pre check, a poll and the post check; the projector follows live; the report pairs them", async ({ browser, page }) => {
  test.setTimeout(400_000);
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page);
  const { code, sessionId } = await createSession(page, "Knowledge check walk-through");

  const screenCtx = await browser.newContext({ viewport: { width: 1280, height: 720 }, storageState: await page.context().storageState() });
  const screen = await screenCtx.newPage();
  await screen.goto(`/screen/${sessionId}`);
  await expect(screen.getByTestId("join-code")).toHaveText(code);

  const contexts = await Promise.all(Array.from({ length: PHONES }, () => newPhone(browser)));
  const phones = await Promise.all(contexts.map((c) => c.newPage()));
  for (const [i, p] of phones.entries()) {
    await joinFromPhone(p, code, `Phone ${i}`);
    await expect(p.getByTestId("me")).toBeVisible();
  }
  await expect(page.getByTestId("participant-count")).toHaveText(String(PHONES));

  const controls = page.getByTestId("question-controls");
  const runCheck = async (rightFor: (i: number) => boolean) => {
    for (const [n, q] of CHECK.entries()) {
      await controls.getByRole("button", { name: n === 0 ? "Open question" : "Following question", exact: true }).click();
      await expect(controls.getByTestId("question-current")).toHaveAttribute("data-status", "open");
      for (const p of phones) await expect(p.getByTestId("phone-question")).toHaveAttribute("data-key", new RegExp(`:${q.id}$`));
      for (const [i, p] of phones.entries()) {
        await answer(p, rightFor(i) ? q.right : wrong(q.right));
        // The projector follows, a few times a second.
        if (n === 0 && (i === 2 || i === PHONES - 1)) await expect.poll(() => screenCounts(screen).then((c) => c[0] + c[1])).toBe(i + 1);
      }
      await expect(screen.getByTestId("poll-results")).toHaveAttribute("data-total", String(PHONES));
    }
    await controls.getByRole("button", { name: "Close question", exact: true }).click();
  };

  // The opening check, on the welcome step. Before the reveal nothing on a phone says which answer is right.
  await page.getByRole("button", { name: "Start the session" }).click();
  await runCheck((i) => i < 5);
  for (const p of [phones[0], screen]) expect(await p.content()).not.toContain("Many people are exploited in their own country");

  // Jump to the wrap-up: the closing check, the same questions.
  await page.getByRole("button", { name: /^Go to step 8:/ }).click();
  await runCheck((i) => i < 9);

  // The feedback poll: "How useful was today's session for you?" (a scale), results live on the projector.
  await controls.getByRole("button", { name: /^Ask question 13: How useful/ }).click();
  for (const [i, p] of phones.entries()) {
    await answer(p, i < 7 ? "5" : "4");
    if (i === 3) await expect.poll(() => screenCounts(screen)).toEqual([0, 0, 0, 0, 4]);
  }
  await expect.poll(() => screenCounts(screen)).toEqual([0, 0, 0, 3, 7]);
  await expect(screen.getByTestId("poll-results").getByTestId("poll-option").last()).toContainText("70%");

  // A phone whose question has closed can no longer answer.
  await controls.getByRole("button", { name: "Close question", exact: true }).click();
  await expect(phones[0].getByRole("button", { name: "Answer", exact: true })).toHaveCount(0);
  await expect(phones[0].getByTestId("phone-question").getByRole("status")).toContainText("closed");

  // The report pairs each phone's before and after, anonymously.
  await page.goto(`/org/sessions/${sessionId}`);
  const rows = page.getByTestId("impact-check");
  await expect(rows).toHaveCount(CHECK.length);
  for (const q of CHECK) {
    const row = page.locator(`[data-testid="impact-check"][data-question="${q.id}"]`);
    await expect(row).toHaveAttribute("data-paired", "10");
    await expect(row).toHaveAttribute("data-pre", "50");
    await expect(row).toHaveAttribute("data-post", "90");
    await expect(row).toHaveAttribute("data-change", "40");
  }
  await expect(page.getByTestId("impact-paired-people")).toContainText("10");
  await expect(page.getByTestId("indicator-trained")).toHaveAttribute("data-total", "10");
  const useful = page.getByTestId("impact-feedback").locator('[data-testid="impact-result"][data-key="wrap-up:useful"] [data-testid="impact-option"]');
  await expect(useful).toHaveCount(5);
  await expect(useful.nth(4)).toHaveAttribute("data-count", "7");
  // Three said 4: fewer than five people, so the cell is suppressed.
  await expect(useful.nth(3)).toHaveAttribute("data-count", "suppressed");

  await Promise.all([...contexts, screenCtx].map((c) => c.close()));
});

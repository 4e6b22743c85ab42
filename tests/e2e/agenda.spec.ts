import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { createSession, joinFromPhone, signIn } from "./helpers";

const SHOTS = "test-results/screens";

async function shoot(name: string, pages: Record<string, Page>) {
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const [who, p] of Object.entries(pages)) await p.screenshot({ path: `${SHOTS}/${name}-${who}.png` });
}

async function secondsOn(page: Page) {
  return Number(await page.getByTestId("timer").getAttribute("data-seconds"));
}

test("the trainer steps the room through the default plan in three languages", async ({ browser, page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page);
  const { sessionId } = await createSession(page, "Agenda walk-through");
  const code = (await page.getByTestId("join-code").textContent())!.trim();
  await expect(page.getByTestId("step-position")).toHaveText(/Not started/);

  const screenCtx = await browser.newContext({ viewport: { width: 1280, height: 720 }, storageState: await page.context().storageState() });
  const screen = await screenCtx.newPage();
  await screen.goto(`/screen/${sessionId}`);
  await expect(screen.getByTestId("join-code")).toHaveText(code);

  const langs = ["en", "kk", "ru"] as const;
  const phones = await Promise.all(langs.map(() => browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, locale: "en-US" })));
  const pages = await Promise.all(phones.map((c) => c.newPage()));
  for (const [i, p] of pages.entries()) {
    await joinFromPhone(p, code, ["Aida", "Bolat", "Dana"][i]);
    await expect(p.getByTestId("me")).toBeVisible();
  }
  // Each phone picks its own language.
  await pages[1].getByLabel("Language").selectOption("kk");
  await expect(pages[1].getByTestId("connection")).toHaveText("Байланыста");
  await pages[2].getByLabel("Language").selectOption("ru");
  await expect(pages[2].getByTestId("connection")).toHaveText("На связи");
  await expect(page.getByTestId("participant-count")).toHaveText("3");

  const expectStep = async (en: string, kk: string, ru: string) => {
    await expect(screen.getByTestId("step-title")).toHaveText(en);
    await expect(pages[0].getByTestId("step-title")).toHaveText(en);
    await expect(pages[1].getByTestId("step-title")).toHaveText(kk);
    await expect(pages[2].getByTestId("step-title")).toHaveText(ru);
    await expect(page.getByTestId("agenda-current").getByTestId("step-title")).toHaveText(en);
  };

  // 1. Intro
  await page.getByRole("button", { name: "Start the session" }).click();
  await expect(page.getByTestId("step-position")).toHaveText("Step 1 of 8");
  await expectStep("Welcome and ground rules", "Сәлемдесу және ережелер", "Приветствие и правила");
  await expect(pages[0].getByTestId("step-task")).toContainText("never have to share anything personal");
  // The code stays on the projector for late joiners.
  await expect(screen.getByTestId("join-code")).toHaveText(code);
  await shoot("1-intro", { console: page, screen, phone: pages[0] });

  // 2. Video, with its content warning
  await page.getByRole("button", { name: "Next" }).click();
  await expectStep("Video: the job offer that was too good", "Бейне: тым жақсы жұмыс ұсынысы", "Видео: слишком хорошее предложение о работе");
  await expect(screen.getByTestId("content-warning")).toContainText("You may step out");
  await expect(pages[2].getByTestId("content-warning")).toContainText("Вы можете выйти");
  await shoot("2-video", { console: page, screen, phone: pages[2] });

  // 3. Case
  await page.getByRole("button", { name: "Next" }).click();
  await expectStep("A case: Aruzhan's new job", "Оқиға: Аружанның жаңа жұмысы", "История: новая работа Аружан");
  await expect(screen.getByTestId("step-body")).toContainText("Aruzhan is 19");
  await expect(pages[1].getByTestId("step-body")).toContainText("Аружан 19 жаста");
  await shoot("3-case", { console: page, screen, phone: pages[1] });

  // 4. Group discussion, with the timer
  await page.getByRole("button", { name: "Next" }).click();
  await expectStep("Group discussion", "Топтық талқылау", "Обсуждение в группах");
  await expect(pages[2].getByTestId("step-prompt")).toHaveCount(3);
  // Group work: the plan starts this step's 20-minute timer by itself, on the screen and every phone.
  await expect(screen.getByTestId("timer")).toHaveAttribute("data-status", "running");
  await expect(pages[0].getByTestId("timer")).toHaveAttribute("data-status", "running");
  expect(await secondsOn(screen)).toBeLessThanOrEqual(1200);
  expect(await secondsOn(screen)).toBeGreaterThan(1180);
  await expect.poll(() => secondsOn(screen), { timeout: 5000 }).toBeLessThan(1199);
  await expect.poll(() => secondsOn(pages[1]), { timeout: 5000 }).toBeLessThan(1199);
  await page.getByRole("button", { name: "Pause timer" }).click();
  await expect(pages[0].getByTestId("timer")).toHaveAttribute("data-status", "paused");
  const paused = await secondsOn(pages[0]);
  await page.getByRole("button", { name: "+1 min" }).click();
  await expect.poll(() => secondsOn(screen)).toBe(paused + 60);
  await page.getByRole("button", { name: "Start timer" }).click();
  await expect(pages[1].getByTestId("timer")).toHaveAttribute("data-status", "running");
  await shoot("4-discussion", { console: page, screen, phone: pages[0] });

  // Later steps, by jumping
  for (const [n, en, kind] of [
    [5, "Brainstorm: how can we protect each other?", "5-brainstorm"],
    [6, "Sketch: a poster that warns your friends", "6-sketch"],
    [7, "Where to get help", "7-help"],
    [8, "What we take with us", "8-wrapup"],
  ] as const) {
    await page.getByRole("button", { name: new RegExp(`^Go to step ${n}:`) }).click();
    await expect(screen.getByTestId("step-title")).toHaveText(en);
    await expect(pages[0].getByTestId("step-title")).toHaveText(en);
    await shoot(kind, { console: page, screen, phone: pages[n % 3] });
    if (n === 7) {
      // No contacts entered yet: examples, clearly labelled, everywhere.
      await expect(screen.getByTestId("help-examples")).toBeVisible();
      await expect(pages[2].getByTestId("help-examples")).toContainText("не настоящие номера");
      await expect(pages[0].getByTestId("help-contact")).toHaveCount(2);
    }
  }

  // A phone that reloads lands on the current step, in its language.
  await pages[1].reload();
  await expect(pages[1].getByTestId("step-title")).toHaveText("Өзімізбен бірге не аламыз");
  await Promise.all([...phones, screenCtx].map((c) => c.close()));
});

import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import readExcelFile from "read-excel-file/node";
import ru from "../../lib/i18n/messages/ru.json";
import { createSession, signIn } from "./helpers";

/**
 * A whole workshop as a real room runs it: twenty phones in Russian join a
 * Russian session of the default plan and follow it from the opening
 * knowledge check to the end (video warning with one phone stepping out,
 * the case, groups, a brainstorm note from every phone, sketches, the help
 * step, the closing check); then the organiser opens the report and
 * downloads the XLSX and the CSV. Phones speak Russian; the trainer's
 * console is in English, as the automation contract has it.
 */

const PHONES = 20;
const GROUPS = 5;
const NAMES = [
  "Айгерим", "Болат", "Дана", "Ерлан", "Фарида", "Гани", "Жанна", "Ислам", "Камила", "Лаура",
  "Марат", "Нурлан", "Ольга", "Пётр", "Рустем", "Салтанат", "Тимур", "Улан", "Фёдор", "Шолпан",
];
const SHOTS = "test-results/screens";

async function answer(phone: Page, label: string) {
  const question = phone.getByTestId("phone-question");
  await question.getByLabel(label, { exact: true }).check();
  await question.getByRole("button", { name: ru.polls.answer, exact: true }).click();
  await expect(question.getByRole("status")).toBeVisible();
}

/** Draws a short stroke with pointer (mouse) events. */
async function draw(p: Page) {
  const canvas = p.getByTestId("sketch-canvas");
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await p.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.2);
  await p.mouse.down();
  for (let f = 0.25; f <= 0.8; f += 0.05) await p.mouse.move(box.x + box.width * f, box.y + box.height * (1 - f));
  await p.mouse.up();
}

test("a full workshop in Russian with twenty phones, from joining to the organiser's XLSX", async ({ browser, page }) => {
  test.setTimeout(600_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  page.on("dialog", (d) => void d.accept());
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page);
  await page.getByLabel("Session language").selectOption("ru");
  const { code, sessionId } = await createSession(page, "Семинар: безопасная работа за границей");

  const screenCtx = await browser.newContext({ viewport: { width: 1280, height: 720 }, storageState: await page.context().storageState() });
  const screen = await screenCtx.newPage();
  await screen.goto(`/screen/${sessionId}`);
  await expect(screen.getByTestId("join-code")).toHaveText(code);

  // Twenty phones join in Russian: code, name, consent.
  const contexts = await Promise.all(NAMES.map(() => browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, locale: "ru-RU" })));
  const phones = await Promise.all(contexts.map((c) => c.newPage()));
  for (const [i, p] of phones.entries()) {
    await p.goto("/join");
    await p.getByLabel(ru.join.code).fill(code);
    await p.getByLabel(ru.join.nickname).fill(NAMES[i]);
    await p.getByRole("checkbox", { name: ru.safeguarding.agree }).check();
    await p.getByRole("button", { name: ru.join.submit, exact: true }).click();
    await expect(p.getByTestId("me")).toContainText(NAMES[i]);
  }
  await expect(page.getByTestId("participant-count")).toHaveText(String(PHONES));

  // 1. Welcome, with the opening knowledge check: half answer the first question right.
  const controls = page.getByTestId("question-controls");
  await page.getByRole("button", { name: "Start the session" }).click();
  await controls.getByRole("button", { name: "Open question", exact: true }).click();
  for (const [i, p] of phones.entries()) await answer(p, i < PHONES / 2 ? "Миф" : "Факт");
  await expect(screen.getByTestId("poll-results")).toHaveAttribute("data-total", String(PHONES));
  await controls.getByRole("button", { name: "Close question", exact: true }).click();

  // 2. The video: a content warning; one phone takes a break and comes back.
  await page.getByTestId("agenda-next").click();
  await expect(phones[0].getByTestId("step-title")).toBeVisible();
  await phones[3].getByRole("button", { name: ru.safeguarding.takeBreak }).click();
  await expect(page.getByTestId("break-count")).toHaveAttribute("data-count", "1");
  await phones[3].getByRole("button", { name: ru.safeguarding.back }).click();
  await expect(page.getByTestId("break-count")).toHaveAttribute("data-count", "0");

  // 3. The case. 4. The discussion in groups: the trainer splits the room.
  await page.getByTestId("agenda-next").click();
  await page.getByTestId("agenda-next").click();
  await page.getByLabel("Split into").fill(String(GROUPS));
  await page.getByRole("button", { name: "Split", exact: true }).click();
  await expect(screen.getByTestId("group")).toHaveCount(GROUPS);
  for (const p of phones) await expect(p.getByTestId("my-group")).toBeVisible();

  // 5. The brainstorm: every phone sends a note to its group and the wall.
  await page.getByTestId("agenda-next").click();
  for (const [i, p] of phones.entries()) {
    await p.getByLabel(ru.board.note, { exact: true }).fill(`Идея ${i + 1}: не отдавать паспорт работодателю`);
    await p.getByRole("button", { name: ru.board.send, exact: true }).click();
  }
  await expect(page.getByTestId("note")).toHaveCount(PHONES);
  await expect(screen.getByTestId("wall")).toBeVisible();
  await screen.screenshot({ path: `${SHOTS}/workshop-wall.png` });

  // 6. Sketches: three phones draw on their group's canvas and say they are done.
  await page.getByTestId("agenda-next").click();
  for (const p of phones.slice(0, 3)) {
    await draw(p);
    await expect(p.getByTestId("sketch-canvas").locator("path").first()).toBeVisible();
  }
  await expect.poll(() => screen.getByTestId("sketch").count()).toBeGreaterThan(0);

  // 7. Where to get help: the contacts come first on every phone, in Russian.
  await page.getByTestId("agenda-next").click();
  for (const p of [phones[0], phones[PHONES - 1]]) await expect(p.getByTestId("step-title")).toBeInViewport();
  await phones[0].screenshot({ path: `${SHOTS}/workshop-phone-help.png` });

  // 8. Wrap-up with the closing check: all but one now answer right.
  await page.getByTestId("agenda-next").click();
  await controls.getByRole("button", { name: "Open question", exact: true }).click();
  for (const [i, p] of phones.entries()) await answer(p, i < PHONES - 1 ? "Миф" : "Факт");
  await expect(screen.getByTestId("poll-results")).toHaveAttribute("data-total", String(PHONES));
  await controls.getByRole("button", { name: "Close question", exact: true }).click();

  // The end: every phone says so.
  await page.getByRole("button", { name: "End session" }).click();
  for (const p of phones) await expect(p.getByTestId("session-ended")).toBeVisible();

  // The organiser's report: twenty people, twenty notes, the first question paired for all twenty.
  await page.goto(`/org/sessions/${sessionId}`);
  await expect(page.getByTestId("report-joined")).toHaveAttribute("data-count", String(PHONES));
  await expect(page.getByTestId("report-note")).toHaveCount(PHONES);
  const first = page.locator('[data-testid="impact-check"][data-question="borders"]');
  await expect(first).toHaveAttribute("data-paired", String(PHONES));
  await expect(first).toHaveAttribute("data-pre", "50");
  await expect(first).toHaveAttribute("data-post", "95");
  await page.screenshot({ path: `${SHOTS}/workshop-report.png`, fullPage: true });

  // The XLSX, in Russian: every person and every note.
  const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-xlsx").click()]);
  const workbook = (await readExcelFile(fs.readFileSync(await xlsx.path()))) as unknown as { sheet: string; data: unknown[][] }[];
  const sheet = (name: string) => workbook.find((w) => w.sheet === name)?.data ?? [];
  expect(workbook.map((w) => w.sheet).slice(0, 4)).toEqual([ru.exports.sheets.summary, ru.exports.sheets.attendance, ru.exports.sheets.notes, ru.exports.sheets.sketches]);
  expect(sheet(ru.exports.sheets.attendance).slice(1).map((r) => r[0]).sort()).toEqual([...NAMES].sort());
  const notes = sheet(ru.exports.sheets.notes).slice(1);
  expect(notes).toHaveLength(PHONES);
  expect(notes.every((r) => r.some((c) => typeof c === "string" && c.startsWith("Идея ")))).toBe(true);

  // The CSV for Russian Excel: ";" between columns, a BOM, Russian headers.
  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  const text = fs.readFileSync(await csv.path(), "utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text.split("\n")[0]).toContain(";");
  expect(text.split("\n").filter((l) => l.includes("Идея "))).toHaveLength(PHONES);

  await Promise.all([...contexts, screenCtx].map((c) => c.close()));
});

import fs from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { createSession, joinFromPhone, signIn } from "./helpers";
import { connect, drawSketches, joinPhones, must, postNotes, send, staffState } from "./live-seed";

/**
 * One real phone (Chromium at 375x667, touch) in a full hall: 200 phones
 * speaking the real protocol, 40 groups, 500 notes, 60 sketches. The trainer
 * walks the default plan; on every step the phone shows that step first
 * (its title in the first screen), every control is at least 44x44 CSS px,
 * earlier notes wait behind "My notes", and the Help button opens the
 * contacts in one tap. On the help step the contacts are on the first
 * screen; on the sketch step the pad and its Done button fit it.
 */

const PHONES = 200;
const GROUPS = 40;
const NOTES = 500;
const SKETCHES = 60;
const VIEWPORT = { width: 375, height: 667 };
const MIN = 44;
const SHOTS = "test-results/screens";

/** Every visible control smaller than 44x44 (a checkbox or radio counts its label, its hit area). */
function smallTargets(phone: Page) {
  return phone.evaluate((min) => {
    const out: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>('button, a[href], input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="tab"], [role="link"]');
    for (const el of controls) {
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none") continue;
      const hit = el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio") ? (el.closest("label") ?? el.labels?.[0] ?? el) : el;
      const r = hit.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.width < min - 0.5 || r.height < min - 0.5) {
        const name = (el.getAttribute("aria-label") ?? el.textContent ?? el.getAttribute("name") ?? "").trim().slice(0, 40);
        out.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(r.width)}x${Math.round(r.height)}`);
      }
    }
    return out;
  }, MIN);
}

/** The part of the screen above the bottom bar. */
async function visibleBottom(phone: Page): Promise<number> {
  return phone.evaluate(() => document.querySelector('[data-testid="phone-bar"]')?.getBoundingClientRect().top ?? window.innerHeight);
}

/** The element is wholly on the first screen: not scrolled to, not under the bar, not covered. */
async function expectOnFirstScreen(phone: Page, el: Locator, label: string) {
  const what = el.toString();
  await expect(el, label).toBeVisible();
  const box = (await el.boundingBox())!;
  const bottom = await visibleBottom(phone);
  expect(await phone.evaluate(() => window.scrollY), `${label}: the page is at its top`).toBe(0);
  expect(box.y, `${label}: ${what} top`).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, `${label}: ${what} above the bar (${bottom}px)`).toBeLessThanOrEqual(bottom + 0.5);
  const onTop = await el.evaluate((e) => {
    const r = e.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 20));
    return !!hit && (e === hit || e.contains(hit));
  });
  expect(onTop, `${label}: ${what} is not covered`).toBe(true);
}

/** One tap on Help shows the contacts; Close puts the step back. */
async function expectHelpInOneTap(phone: Page, label: string, shot?: string) {
  await phone.getByRole("button", { name: "Help", exact: true }).click();
  const sheet = phone.getByRole("dialog", { name: "Where to get help" });
  await expect(sheet, label).toBeVisible();
  const contact = sheet.getByTestId("help-contact").first();
  await expect(contact).toBeInViewport({ ratio: 1 });
  expect(await smallTargets(phone), `${label}: help sheet targets`).toEqual([]);
  if (shot) await phone.screenshot({ path: `${SHOTS}/${shot}.png` });
  await sheet.getByRole("button", { name: "Close" }).click();
  await expect(sheet).toHaveCount(0);
}

test("a phone in a full hall: the current step first, 44 px targets, earlier notes behind a tab, help one tap away", async ({ browser, page, baseURL }) => {
  test.setTimeout(300_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  const figures: Record<string, unknown> = {};

  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page);
  const { sessionId, code } = await createSession(page, "Full hall: phones");
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  await page.goto("about:blank");

  const staff = await connect(baseURL!, cookie);
  await must("watch", send(staff, "session:watch", { sessionId, lastSeq: 0 }));
  const phones = await joinPhones(baseURL!, code, PHONES);
  const ctx = await browser.newContext({ viewport: VIEWPORT, isMobile: true, hasTouch: true, locale: "en-US" });
  try {
    await must("groups", send(staff, "groups:form", { sessionId, by: "count", n: GROUPS }));
    const plan = (await staffState(staff, sessionId)).plan;
    const steps: { id: string; kind: string; title: { en: string } }[] = plan.steps;
    const brainstormAt = steps.findIndex((s) => s.kind === "brainstorm");
    const sketchAt = steps.findIndex((s) => s.kind === "sketch");

    // ---- The join page: Help is there before joining too.
    const phone = await ctx.newPage();
    await phone.goto(`/join?code=${code}`);
    await expect(phone.getByLabel("Join code")).toHaveValue(code);
    expect(await smallTargets(phone), "join page").toEqual([]);
    await phone.screenshot({ path: `${SHOTS}/phone-join.png` });
    await expectHelpInOneTap(phone, "join page", "phone-join-help");

    // A late joiner lands in one of the 40 groups.
    await joinFromPhone(phone, null, "Aigerim");
    await expect(phone.getByTestId("me")).toHaveText("Hello, Aigerim!");
    await expect(phone.getByTestId("my-group")).toBeVisible();
    expect(await smallTargets(phone), "lobby").toEqual([]);
    await phone.screenshot({ path: `${SHOTS}/phone-lobby.png` });

    for (const [i, step] of steps.entries()) {
      const label = `step ${i + 1} (${step.kind})`;
      // The phone was scrolled down on the last step: the new one starts at its top.
      await phone.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      if (step.kind === "sketch") await must("individual", send(staff, "sketch:configure", { sessionId, mode: "individual" }));
      await must(label, send(staff, "agenda:goto", { sessionId, index: i }));
      await expect(phone.getByTestId("step-title")).toHaveText(step.title.en);
      await expect.poll(() => phone.evaluate(() => window.scrollY), { message: `${label}: back at the top` }).toBe(0);

      if (i === brainstormAt) {
        // 500 notes from the hall; this phone writes two and votes for a group-mate's.
        const ids = await postNotes(phones, NOTES);
        expect(ids).toHaveLength(NOTES);
        for (const text of ["Ask where the job really is", "Never hand over your passport"]) {
          await phone.getByLabel("Note", { exact: true }).fill(text);
          await phone.getByRole("button", { name: "Send", exact: true }).click();
          await expect(phone.getByTestId("phone-note").filter({ hasText: text })).toHaveCount(1);
        }
        const mate = phone.getByTestId("phone-note").filter({ hasNotText: "Aigerim" }).first();
        await mate.getByRole("button", { name: "Vote for this note" }).click();
        await expect(mate.getByRole("button", { name: "Take back my vote" })).toBeVisible();
        await phone.evaluate(() => window.scrollTo(0, 0));
      }
      if (step.kind === "sketch") await drawSketches(phones, SKETCHES, step.id);

      await expectOnFirstScreen(phone, phone.getByTestId("step-title"), label);
      expect(await smallTargets(phone), label).toEqual([]);

      const posting = step.kind === "brainstorm" || step.kind === "discussion";
      if (posting) {
        // The composer is the step's action, and the group's live notes follow it.
        await expect(phone.getByLabel("Note", { exact: true })).toBeVisible();
        await expect(phone.getByTestId("my-notes-tab")).toHaveCount(0);
        if (i === brainstormAt) {
          // On the brainstorm, writing needs no scrolling.
          await expectOnFirstScreen(phone, phone.getByLabel("Note", { exact: true }), label);
          await expectOnFirstScreen(phone, phone.getByRole("button", { name: "Send", exact: true }), label);
          const [composer, list] = await Promise.all([phone.getByLabel("Note", { exact: true }).boundingBox(), phone.getByTestId("phone-notes").boundingBox()]);
          expect(list!.y).toBeGreaterThan(composer!.y);
          await expect(phone.getByTestId("votes-left")).toHaveText("2 of 3 votes left");
        }
      } else {
        // Earlier notes wait behind "My notes", closed.
        await expect(phone.getByLabel("Note", { exact: true })).toHaveCount(0);
        await expect(phone.getByTestId("phone-notes")).toHaveCount(0);
        if (i > brainstormAt) {
          await expect(phone.getByTestId("my-notes-tab")).toHaveAttribute("aria-expanded", "false");
          await expect(phone.getByTestId("my-notes-tab")).toHaveText(/^My notes \(\d+\)$/);
        } else {
          await expect(phone.getByTestId("my-notes-tab")).toHaveCount(0);
        }
      }

      if (step.kind === "help") {
        await expectOnFirstScreen(phone, phone.getByTestId("help-contact").first(), label);
        await expect(phone.getByTestId("help-examples")).toBeVisible();
      }
      if (step.kind === "sketch") {
        // The pad and its Done button fit the screen: draw, then Done, without scrolling.
        await expectOnFirstScreen(phone, phone.getByTestId("sketch-canvas"), label);
        await expectOnFirstScreen(phone, phone.getByTestId("sketch-done"), label);
        const box = (await phone.getByTestId("sketch-canvas").boundingBox())!;
        figures.canvas = { width: Math.round(box.width), height: Math.round(box.height) };
        await phone.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.3);
        await phone.mouse.down();
        for (let k = 1; k <= 10; k++) await phone.mouse.move(box.x + box.width * (0.2 + k * 0.06), box.y + box.height * 0.3);
        await phone.mouse.up();
        await expect(phone.getByTestId("sketch-canvas").locator("path")).toHaveCount(1);
        await phone.getByTestId("sketch-done").click();
        await expect(phone.getByTestId("sketch-done")).toHaveText("Keep drawing");
        expect(await phone.evaluate(() => window.scrollY), `${label}: drawing did not scroll the page`).toBe(0);
        // The palette's colours and widths are touch-sized too.
        await phone.getByRole("button", { name: "Colour and line width" }).click();
        await expect(phone.getByTestId("sketch-palette")).toBeVisible();
        expect(await smallTargets(phone), `${label}: palette`).toEqual([]);
        await phone.getByRole("button", { name: "Thick" }).click();
        await expect(phone.getByTestId("sketch-palette")).toHaveCount(0);
      }
      if (i > sketchAt) await expect(phone.getByTestId("my-sketch-tab")).toHaveText("My sketch (1)");

      await phone.screenshot({ path: `${SHOTS}/phone-${i + 1}-${step.kind}.png` });
      if (i === brainstormAt) await phone.screenshot({ path: `${SHOTS}/phone-${i + 1}-${step.kind}-full.png`, fullPage: true });
      figures[label] = { pageHeight: await phone.evaluate(() => document.documentElement.scrollHeight) };
      await expectHelpInOneTap(phone, label, step.kind === "help" ? "phone-help-sheet" : undefined);

      if (step.kind === "help") {
        // Opened, "My notes" is the group's list with votes, edit and delete, all touch-sized.
        await phone.getByTestId("my-notes-tab").click();
        await expect(phone.getByTestId("my-notes-tab")).toHaveAttribute("aria-expanded", "true");
        await expect(phone.getByTestId("phone-notes")).toBeVisible();
        const shown = await phone.getByTestId("phone-note").count();
        expect(shown).toBeGreaterThanOrEqual(2);
        await expect(phone.getByTestId("my-notes-tab")).toHaveText(`My notes (${shown})`);
        const mine = phone.getByTestId("phone-note").filter({ hasText: "Never hand over your passport" });
        await expect(mine.getByRole("button", { name: "Edit" })).toBeVisible();
        await expect(mine.getByRole("button", { name: "Delete" })).toBeVisible();
        expect(await smallTargets(phone), `${label}: my notes open`).toEqual([]);
        await phone.getByTestId("my-notes-tab").evaluate((e) => e.scrollIntoView({ block: "start" }));
        await phone.screenshot({ path: `${SHOTS}/phone-my-notes.png` });
        await phone.getByTestId("my-notes-tab").click();
        await expect(phone.getByTestId("phone-notes")).toHaveCount(0);
        figures["my notes"] = { notes: shown };
      }
    }
  } finally {
    for (const p of phones) p.socket.disconnect();
    staff.disconnect();
    await ctx.close();
    fs.writeFileSync(`${SHOTS}/phone-figures.json`, JSON.stringify(figures, null, 2));
    console.log(JSON.stringify(figures));
  }
});

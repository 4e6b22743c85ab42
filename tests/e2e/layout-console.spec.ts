import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { createSession, signIn } from "./helpers";
import { connect, joinPhones, must, postNotes, send } from "./live-seed";

/**
 * The trainer's console in a full hall (200 phones speaking the real
 * protocol, 40 groups, 500 notes) on a 13-inch laptop (1366x768, 1280x800)
 * and on the trainer's phone used as a remote (375x667): the step's controls
 * are on the first screen, the sticky bar never leaves it, the page stays
 * about one screen high because long lists scroll in their own panes, the
 * keys work and are listed, and nothing is wider than a phone.
 */

const PHONES = 200;
const GROUPS = 40;
const NOTES = 500;
const LAPTOPS = [
  { width: 1366, height: 768 },
  { width: 1280, height: 800 },
];
const REMOTE = { width: 375, height: 667 };
// Steps of the default plan.
const VIDEO_STEP = 1;
const BRAINSTORM_STEP = 4;
const SHOTS = "test-results/screens";

/** Where an element is, and whether it is wholly inside the window. */
async function inView(page: Page, testId: string) {
  return page.getByTestId(testId).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: Math.round(r.top), bottom: Math.round(r.bottom), left: Math.round(r.left), right: Math.round(r.right), inside: r.top >= -0.5 && r.left >= -0.5 && r.bottom <= innerHeight + 0.5 && r.right <= innerWidth + 0.5 && r.height > 0 };
  });
}

async function expectInView(page: Page, testIds: string[], label: string) {
  for (const id of testIds) expect(await inView(page, id), `${label}: ${id} inside the window`).toMatchObject({ inside: true });
}

/** The page's own size against the window's, and whether a pane scrolls on its own. */
function pageSize(page: Page) {
  return page.evaluate(() => ({ height: document.documentElement.scrollHeight, width: document.documentElement.scrollWidth, vh: innerHeight, vw: innerWidth }));
}

function paneScrolls(page: Page, testId: string) {
  return page.getByTestId(testId).first().evaluate((el) => {
    const style = getComputedStyle(el);
    const before = el.scrollTop;
    el.scrollTop = 200;
    const moved = el.scrollTop > before;
    el.scrollTop = before;
    return { overflow: style.overflowY, scrollHeight: el.scrollHeight, clientHeight: el.clientHeight, moved };
  });
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/console-${name}.png`, animations: "disabled" });
}

test("the console fits a 13-inch laptop and a phone as a remote, with 200 people, 40 groups and 500 notes", async ({ browser, page, baseURL }) => {
  test.setTimeout(300_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  const figures: Record<string, unknown> = {};

  await page.setViewportSize(LAPTOPS[0]);
  await signIn(page);
  const { sessionId, code } = await createSession(page, "Full hall: the console");
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  // The console reloads once the hall is seeded: meanwhile it spares the two cores.
  await page.goto("about:blank");
  const staff = await connect(baseURL!, cookie);
  await must("watch", send(staff, "session:watch", { sessionId, lastSeq: 0 }));
  const phones = await joinPhones(baseURL!, code, PHONES);
  try {
    await must("groups", send(staff, "groups:form", { sessionId, by: "count", n: GROUPS }));
    // The brainstorm is group work in the default plan: its timer starts by itself.
    await must("brainstorm", send(staff, "agenda:goto", { sessionId, index: BRAINSTORM_STEP }));
    expect(await postNotes(phones, NOTES)).toHaveLength(NOTES);

    for (const vp of LAPTOPS) {
      const label = `${vp.width}x${vp.height}`;
      await page.setViewportSize(vp);
      await page.goto(`/console/${sessionId}`);
      await expect(page.getByTestId("participant-count")).toHaveText(String(PHONES));
      await expect(page.getByTestId("note")).toHaveCount(NOTES);
      await expect(page.getByTestId("group")).toHaveCount(GROUPS);
      await expect(page.getByTestId("step-position")).toHaveText("Step 5 of 8");
      const timer = page.getByTestId("console-bar").getByTestId("timer");
      await expect(timer).toHaveAttribute("data-status", "running");

      // The step's controls: the bar (previous, next, the running timer and its buttons) and the notes to moderate.
      await expectInView(page, ["console-bar", "agenda-previous", "agenda-next", "bar-timer", "timer", "shortcuts-button", "agenda-current"], label);
      // The notes to moderate start on the first screen, with several of them (and their Hide buttons) in sight.
      const notesPane = await inView(page, "notes-pane");
      expect(vp.height - notesPane.top, `${label}: notes in sight ${JSON.stringify(notesPane)}`).toBeGreaterThanOrEqual(150);
      await expect(page.getByTestId("note").first().getByRole("button", { name: "Hide" })).toBeInViewport({ ratio: 1 });
      await expect(page.getByRole("button", { name: "Pause timer" })).toBeInViewport({ ratio: 1 });
      await expect(page.getByRole("button", { name: "+1 min" })).toBeInViewport({ ratio: 1 });
      // On the brainstorm the notes come first, just under the step on now.
      await expect(page.locator("#board-heading")).toBeInViewport({ ratio: 1 });

      // About one screen high, nothing wider than the window; the long lists scroll in their own panes.
      const size = await pageSize(page);
      expect(size.height, `${label}: page height`).toBeLessThanOrEqual(vp.height * 1.5);
      expect(size.width, `${label}: page width`).toBeLessThanOrEqual(vp.width);
      const panes = { participants: await paneScrolls(page, "participant-list"), notes: await paneScrolls(page, "notes-pane"), groups: await paneScrolls(page, "console-groups") };
      for (const [name, pane] of Object.entries(panes)) {
        expect(pane.overflow, `${label}: the ${name} pane scrolls`).toMatch(/auto|scroll/);
        expect(pane.scrollHeight, `${label}: the ${name} pane holds more than it shows`).toBeGreaterThan(pane.clientHeight);
        expect(pane.moved, `${label}: the ${name} pane scrolls on its own`).toBe(true);
      }
      const list = await inView(page, "participant-list");
      expect(list.top, `${label}: the participant list starts on the first screen`).toBeLessThan(vp.height);
      figures[label] = { page: size, panes, participantList: list, notesPane: await inView(page, "notes-pane") };
      await shoot(page, `${label}-brainstorm`);

      // Scrolled to the bottom of the page (if it scrolls at all), the bar is still there.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await expectInView(page, ["agenda-next", "timer"], `${label} scrolled`);
      await page.evaluate(() => window.scrollTo(0, 0));

      // "?" lists the keys, inside the window.
      await page.keyboard.press("?");
      const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
      await expect(help).toBeVisible();
      await expect(help.getByTestId("shortcut")).toHaveCount(6);
      await expect(help).toBeInViewport({ ratio: 1 });
      await shoot(page, `${label}-shortcuts`);
      await page.keyboard.press("Escape");
      await expect(help).toHaveCount(0);
    }

    // The keys run the session (focus on the page, not in a field).
    await page.locator("body").click({ position: { x: 2, y: 2 } }).catch(() => undefined);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const barTimer = page.getByTestId("console-bar").getByTestId("timer");
    await page.keyboard.press("Space");
    await expect(barTimer).toHaveAttribute("data-status", "paused");
    await page.keyboard.press("Space");
    await expect(barTimer).toHaveAttribute("data-status", "running");
    await page.keyboard.press("ArrowRight");
    await expect(page.getByTestId("step-position")).toHaveText("Step 6 of 8");
    await page.keyboard.press("PageUp");
    await expect(page.getByTestId("step-position")).toHaveText("Step 5 of 8");
    // Typing in a field is typing, not steering.
    await page.getByLabel("Filter by name").fill("Guest 1");
    await page.getByLabel("Filter by name").press("ArrowRight");
    await page.getByLabel("Filter by name").press("Space");
    await expect(page.getByTestId("step-position")).toHaveText("Step 5 of 8");
    await page.getByLabel("Filter by name").fill("");

    // ---- The video step: its content warning and play are on the first screen.
    await must("video", send(staff, "agenda:goto", { sessionId, index: VIDEO_STEP }));
    for (const vp of LAPTOPS) {
      const label = `${vp.width}x${vp.height} video`;
      await page.setViewportSize(vp);
      await page.goto(`/console/${sessionId}`);
      await expect(page.getByTestId("step-position")).toHaveText("Step 2 of 8");
      const play = page.getByRole("button", { name: "Play", exact: true });
      if (vp === LAPTOPS[0]) {
        // Play waits for the content warning, which is on the first screen too.
        await expect(play).toBeDisabled();
        await expect(play).toBeInViewport({ ratio: 1 });
        const confirm = page.getByRole("button", { name: /I have given the content warning/ });
        await expect(confirm).toBeInViewport({ ratio: 1 });
        await shoot(page, `${vp.width}x${vp.height}-video-warning`);
        await confirm.click();
      }
      await expect(play).toBeInViewport({ ratio: 1 });
      await expect(play).toBeEnabled();
      await expectInView(page, ["bar-video", "video-panel", "agenda-next", "agenda-previous"], label);
      await expect(page.getByRole("button", { name: "Back 10 s" })).toBeInViewport({ ratio: 1 });
      expect((await pageSize(page)).height).toBeLessThanOrEqual(vp.height * 1.5);
      await shoot(page, `${vp.width}x${vp.height}-video`);
    }
    await page.getByRole("button", { name: "Play", exact: true }).click();
    await expect(page.getByRole("button", { name: "Pause", exact: true })).toBeInViewport({ ratio: 1 });
    await page.keyboard.press("p");
    await expect(page.getByRole("button", { name: "Play", exact: true })).toBeVisible();

    // ---- The trainer's phone as a remote.
    const remoteCtx = await browser.newContext({ viewport: REMOTE, isMobile: true, hasTouch: true, locale: "en-US", storageState: await page.context().storageState() });
    const remote = await remoteCtx.newPage();
    await page.goto("about:blank");
    await remote.goto(`/console/${sessionId}`);
    await expect(remote.getByTestId("participant-count")).toHaveText(String(PHONES));
    const noSideways = async (label: string) => {
      const s = await pageSize(remote);
      expect(s.width, `${label}: no horizontal scroll`).toBeLessThanOrEqual(REMOTE.width);
    };
    await noSideways("remote video");
    await expectInView(remote, ["agenda-previous", "agenda-next", "bar-video", "agenda-current"], "remote video");
    await expect(remote.getByRole("button", { name: "Play", exact: true })).toBeInViewport({ ratio: 1 });
    await shoot(remote, "375x667-video");
    await remote.getByTestId("agenda-next").tap();
    await expect(remote.getByTestId("step-position")).toHaveText("Step 3 of 8");
    await remote.getByTestId("agenda-next").tap();
    await remote.getByTestId("agenda-next").tap();
    await remote.getByTestId("agenda-next").tap();
    await expect(remote.getByTestId("step-position")).toHaveText("Step 6 of 8");
    await remote.getByTestId("agenda-previous").tap();
    await expect(remote.getByTestId("step-position")).toHaveText("Step 5 of 8");
    await expect(remote.getByTestId("timer")).toHaveAttribute("data-status", "running");
    await expectInView(remote, ["agenda-previous", "agenda-next", "timer", "bar-timer"], "remote brainstorm");
    await expect(remote.getByRole("button", { name: "Pause timer" })).toBeInViewport({ ratio: 1 });
    expect((await inView(remote, "agenda-current")).top, "remote: the step on now starts on the first screen").toBeLessThan(REMOTE.height);
    await noSideways("remote brainstorm");
    await shoot(remote, "375x667-brainstorm");
    // Far down the page (the notes, the people), the bar stays on screen and works.
    await remote.getByTestId("participant-list").scrollIntoViewIfNeeded();
    await expectInView(remote, ["agenda-next", "timer"], "remote scrolled");
    await remote.getByRole("button", { name: "Pause timer" }).tap();
    await expect(remote.getByTestId("timer")).toHaveAttribute("data-status", "paused");
    await noSideways("remote scrolled");
    await shoot(remote, "375x667-scrolled");
    figures.remote = await pageSize(remote);
    await remoteCtx.close();
  } finally {
    for (const p of phones) p.socket.disconnect();
    staff.disconnect();
    fs.writeFileSync(`${SHOTS}/console-figures.json`, JSON.stringify(figures, null, 2));
    console.log(JSON.stringify(figures, null, 1));
  }
});

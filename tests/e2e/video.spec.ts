import { expect, test, type Page } from "@playwright/test";
import { createSession, joinFromPhone, signIn } from "./helpers";

const video = (p: Page) =>
  p.evaluate(() => {
    const v = document.querySelector('[data-testid="screen-video"]') as HTMLVideoElement | null;
    if (!v) return null;
    const showing = Array.from(v.textTracks).filter((t) => t.mode === "showing").map((t) => t.language);
    return { paused: v.paused, time: v.currentTime, tracks: Array.from(v.textTracks).map((t) => t.language), showing };
  });

test("the trainer plays the demo video on the projector: warning, play, pause, seek, captions, pause point", async ({ browser, page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1366, height: 1000 });
  await signIn(page);
  const { sessionId, code } = await createSession(page, "Video run");
  const screenCtx = await browser.newContext({ viewport: { width: 1280, height: 720 }, storageState: await page.context().storageState() });
  const screen = await screenCtx.newPage();
  await screen.goto(`/screen/${sessionId}`);
  const phoneCtx = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
  const phone = await phoneCtx.newPage();
  await joinFromPhone(phone, code, "Aida");
  await page.getByRole("button", { name: /^Go to step 2:/ }).click();

  // The content warning comes first, on the screen and the phone; no video until the trainer confirms.
  await expect(screen.getByTestId("content-warning")).toBeVisible();
  await expect(phone.getByTestId("content-warning")).toBeVisible();
  await expect(screen.getByTestId("screen-video")).toHaveCount(0);
  await page.getByRole("button", { name: /I have given the content warning/ }).click();
  await expect(screen.getByTestId("screen-video")).toHaveCount(1);

  // Play: the projector runs within a second.
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await expect.poll(async () => (await video(screen))?.paused === false && (await video(screen))!.time > 0, { timeout: 1000, intervals: [100] }).toBe(true);

  // Pause pauses the projector.
  await page.getByRole("button", { name: "Pause", exact: true }).click();
  await expect.poll(async () => (await video(screen))?.paused).toBe(true);

  // Seek to 10 s.
  await page.getByLabel("Position").fill("10");
  await page.getByLabel("Position").press("Enter");
  await expect.poll(async () => Math.abs((await video(screen))!.time - 10)).toBeLessThan(1);

  // Captions: three tracks; switching to Russian shows the Russian one.
  expect((await video(screen))!.tracks.sort()).toEqual(["en", "kk", "ru"]);
  await page.getByLabel("Captions").selectOption("ru");
  await expect.poll(async () => (await video(screen))!.showing).toEqual(["ru"]);

  // A pause point at 20 s stops the video by itself and shows its prompt on the screen and the phone.
  await page.getByLabel("Position").fill("18");
  await page.getByLabel("Position").press("Enter");
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await expect(screen.getByTestId("pause-point")).toContainText("what has Aruzhan lost control of", { timeout: 6000 });
  await expect(phone.getByTestId("pause-point")).toContainText("what has Aruzhan lost control of");
  await expect.poll(async () => (await video(screen))?.paused).toBe(true);
  expect(Math.abs((await video(screen))!.time - 20)).toBeLessThan(1);
  await expect(page.getByRole("button", { name: "Resume the video" })).toBeVisible();
  await screen.screenshot({ path: "test-results/screens/video-screen.png" });
  await Promise.all([screenCtx.close(), phoneCtx.close()]);
});

import fs from "node:fs";
import { unzipSync, strFromU8 } from "fflate";
import { PNG } from "pngjs";
import { expect, test, type Page } from "@playwright/test";
import { createSession, joinFromPhone, signIn } from "./helpers";

/** Draws a line across the canvas with pointer (mouse) events, from and to fractions of its size. */
async function draw(p: Page, from: [number, number], to: [number, number], opts: { release?: boolean } = {}) {
  await p.getByTestId("sketch-canvas").scrollIntoViewIfNeeded();
  const box = (await p.getByTestId("sketch-canvas").boundingBox())!;
  const at = ([fx, fy]: [number, number]) => [box.x + fx * box.width, box.y + fy * box.height] as const;
  await p.mouse.move(...at(from));
  await p.mouse.down();
  for (let i = 1; i <= 12; i++) {
    const f: [number, number] = [from[0] + ((to[0] - from[0]) * i) / 12, from[1] + ((to[1] - from[1]) * i) / 12];
    await p.mouse.move(...at(f));
  }
  if (opts.release !== false) await p.mouse.up();
}

const paths = (p: Page) => p.getByTestId("sketch-canvas").locator("path");

test("two phones draw on a shared group canvas; strokes survive a cut; the ZIP matches the drawing", async ({ browser, page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 1000 });
  await signIn(page);
  const { sessionId, code } = await createSession(page, "Poster run");
  const screenCtx = await browser.newContext({ viewport: { width: 1280, height: 720 }, storageState: await page.context().storageState() });
  const screen = await screenCtx.newPage();
  await screen.goto(`/screen/${sessionId}`);

  const contexts = await Promise.all([0, 1].map(() => browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, locale: "en-US" })));
  const [a, b] = await Promise.all(contexts.map((c) => c.newPage()));
  await joinFromPhone(a, code, "Aida");
  await joinFromPhone(b, code, "Bolat");
  await expect(b.getByTestId("me")).toBeVisible();
  await page.getByLabel("Split into").fill("1");
  await page.getByRole("button", { name: "Split", exact: true }).click();
  await expect(a.getByTestId("my-group")).toBeVisible();
  await page.getByRole("button", { name: /^Go to step 6:/ }).click();
  await expect(a.getByTestId("sketch-canvas")).toBeVisible();
  await expect(a.getByText("Your group draws on one shared canvas.")).toBeVisible();
  // Both phones draw on the same sketch.
  const sketchId = await a.getByTestId("sketch-canvas").getAttribute("data-sketch-id");
  await expect(b.getByTestId("sketch-canvas")).toHaveAttribute("data-sketch-id", sketchId!);
  // The page itself does not scroll on a 375x667 phone while the canvas is used.
  expect(await a.evaluate(() => getComputedStyle(document.querySelector('[data-testid="sketch-canvas"]')!).touchAction)).toBe("none");

  // Live: while Aida's finger is still down, Bolat and the projector already see the line.
  await draw(a, [0.2, 0.3], [0.8, 0.3], { release: false });
  await expect(paths(b)).toHaveCount(1);
  await expect(screen.getByTestId("sketch-live").or(screen.getByTestId("sketch"))).toHaveCount(1);
  await a.mouse.up();
  await expect(screen.getByTestId("sketch")).toHaveAttribute("data-strokes", "1");

  // Bolat draws a vertical line; Aida sees it.
  await draw(b, [0.5, 0.5], [0.5, 0.9]);
  await expect(screen.getByTestId("sketch")).toHaveAttribute("data-strokes", "2");
  await expect(paths(a)).toHaveCount(2);

  // Aida's network is cut for five seconds while she draws two more strokes.
  await contexts[0].setOffline(true);
  await expect(a.getByTestId("connection")).toHaveAttribute("data-state", "offline");
  await draw(a, [0.2, 0.6], [0.4, 0.6]);
  await draw(a, [0.6, 0.8], [0.8, 0.8]);
  await expect(a.getByTestId("unsent-strokes")).toHaveText("2 strokes waiting to send");
  await a.waitForTimeout(5000);
  await contexts[0].setOffline(false);
  await expect(screen.getByTestId("sketch")).toHaveAttribute("data-strokes", "4", { timeout: 20_000 });
  await expect(paths(b)).toHaveCount(4);
  await expect(a.getByTestId("unsent-strokes")).toHaveCount(0);

  await a.getByTestId("sketch-done").click();
  await expect(screen.getByTestId("sketch")).toHaveAttribute("data-done", "true");
  fs.mkdirSync("test-results/screens", { recursive: true });
  await screen.screenshot({ path: "test-results/screens/sketch-screen.png" });
  await a.screenshot({ path: "test-results/screens/sketch-phone.png" });
  await page.screenshot({ path: "test-results/screens/sketch-console.png", fullPage: true });

  // The trainer's ZIP: one SVG and one PNG for the group's sketch, and the PNG shows the drawing.
  const zipResp = await page.request.get(`/api/sessions/${sessionId}/sketches`);
  expect(zipResp.status()).toBe(200);
  expect(zipResp.headers()["content-type"]).toBe("application/zip");
  const files = unzipSync(new Uint8Array(await zipResp.body()));
  const names = Object.keys(files).sort();
  expect(names).toHaveLength(2);
  expect(names[0]).toMatch(/\.png$/);
  expect(names[1]).toMatch(/\.svg$/);
  expect(strFromU8(files[names[1]]).match(/<path /g)).toHaveLength(4);
  const png = PNG.sync.read(Buffer.from(files[names[0]]));
  expect([png.width, png.height]).toEqual([750, 1000]);
  const dark = (fx: number, fy: number) => {
    const i = (Math.round(fy * png.height) * png.width + Math.round(fx * png.width)) * 4;
    return png.data[i] + png.data[i + 1] + png.data[i + 2] < 200;
  };
  expect([dark(0.5, 0.3), dark(0.5, 0.7), dark(0.3, 0.6), dark(0.7, 0.8)]).toEqual([true, true, true, true]);
  expect([dark(0.1, 0.1), dark(0.9, 0.5), dark(0.3, 0.9)]).toEqual([false, false, false]);

  // A participant cannot download anything.
  expect((await a.request.get(`/api/sessions/${sessionId}/sketches`)).status()).toBe(401);
  await Promise.all([...contexts, screenCtx].map((c) => c.close()));
});

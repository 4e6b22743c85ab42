import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

const demo = path.join(__dirname, "../../content/media/demo-awareness.webm");
const vtt = path.join(__dirname, "../../content/media/demo-awareness.kk.vtt");

test("an organiser uploads a video with captions; limits and types are checked; the file is served with ranges", async ({ browser, page }) => {
  await signIn(page);
  await page.goto("/org/media");
  await page.getByLabel("Title").fill("Our own awareness video");
  await page.getByLabel("Video file").setInputFiles(demo);
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Uploaded." })).toBeVisible();
  const item = page.getByTestId("media-item").filter({ hasText: "Our own awareness video" });
  await expect(item).toContainText("video/webm");
  const id = (await item.getAttribute("data-media-id"))!;
  expect(id).toMatch(/^our-own-awareness-video-[0-9a-f]{6}$/);

  await item.getByText("Captions (kk)").locator("..").locator('input[type="file"]').setInputFiles(vtt);
  await expect(item.getByText("✓ Captions (kk)")).toBeVisible();

  // Served with range requests, by id, with its captions.
  const bytes = fs.readFileSync(demo);
  const part = await page.request.get(`/media/${id}`, { headers: { range: "bytes=100-199" } });
  expect(part.status()).toBe(206);
  expect(Buffer.from(await part.body()).equals(bytes.subarray(100, 200))).toBe(true);
  expect((await page.request.get(`/media/${id}.kk.vtt`)).status()).toBe(200);

  // Too large (the test server allows 2 MB), not a video, not WebVTT: clear errors, nothing kept.
  const big = await page.request.post("/api/media?title=Big", { data: Buffer.alloc(3_000_000, 1), headers: { "content-type": "video/webm" } });
  expect(big.status()).toBe(413);
  expect((await big.json()).error.code).toBe("MEDIA_TOO_LARGE");
  const fake = await page.request.post("/api/media?title=Fake", { data: Buffer.from("this is not a video at all, just text"), headers: { "content-type": "video/mp4" } });
  expect(fake.status()).toBe(415);
  expect((await fake.json()).error.code).toBe("MEDIA_TYPE");
  const badVtt = await page.request.put(`/api/media/${id}/captions/ru`, { data: Buffer.from("1\n00:00 --> 00:01\nno header"), headers: { "content-type": "text/vtt" } });
  expect(badVtt.status()).toBe(415);
  expect((await page.request.put(`/api/media/${id}/captions/de`, { data: Buffer.from("WEBVTT\n") })).status()).toBe(400);
  const list = await (await page.request.get("/api/media")).json();
  expect(list.media.map((m: { title: string }) => m.title)).toEqual(["Our own awareness video"]);

  // Trainers and phones cannot upload.
  const email = `vid-${Date.now()}@example.org`;
  await page.request.post("/api/users", { data: { email, name: "Vid", password: "trainer-pass-1" } });
  const ctx = await browser.newContext();
  const trainer = await ctx.newPage();
  await signIn(trainer, email, "trainer-pass-1");
  expect((await trainer.request.post("/api/media?title=X", { data: fs.readFileSync(demo) })).status()).toBe(403);
  const anon = await browser.newContext();
  expect((await (await anon.newPage()).request.post("/api/media?title=X", { data: Buffer.from("x") })).status()).toBe(401);
  await Promise.all([ctx.close(), anon.close()]);
});

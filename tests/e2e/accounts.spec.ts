import { expect, test } from "@playwright/test";
import { ADMIN, createSession, signIn } from "./helpers";

test("an organiser adds a trainer, who signs in and runs only their own sessions", async ({ browser, page }) => {
  await signIn(page);
  const mine = await createSession(page, "Organiser's own session");

  await page.goto("/org/trainers");
  const email = `trainer-${Date.now()}@example.org`;
  await page.getByLabel("Name").fill("Gulnara");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("trainer-pass-1");
  await page.getByRole("button", { name: "Add a trainer" }).click();
  await expect(page.getByTestId("account-list")).toContainText(email);
  // The same email twice is refused with a clear message.
  const again = await page.request.post("/api/users", { data: { email, name: "Twice", password: "trainer-pass-1" } });
  expect(again.status()).toBe(409);
  expect((await again.json()).error.code).toBe("EMAIL_TAKEN");

  const trainerCtx = await browser.newContext();
  const trainer = await trainerCtx.newPage();
  await trainer.goto("/console");
  await expect(trainer).toHaveURL(/\/login/);
  await trainer.getByLabel("Email").fill(email);
  await trainer.getByLabel("Password").fill("wrong-password");
  await trainer.getByRole("button", { name: "Sign in" }).click();
  await expect(trainer.getByTestId("error")).toHaveText("Wrong email or password.");
  await signIn(trainer, email, "trainer-pass-1");
  await expect(trainer.getByText("Organiser's own session")).toHaveCount(0);
  const resp = await trainer.goto(`/console/${mine.sessionId}`);
  expect(resp?.status()).toBe(404);
  // A trainer cannot add accounts.
  const add = await trainer.request.post("/api/users", { data: { email: "x@example.org", name: "X", password: "12345678" } });
  expect(add.status()).toBe(403);
  await trainerCtx.close();

  // Setup is one-time: it is gone once an account exists.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/login/);
  expect(ADMIN.email).toBeTruthy();
});

import { expect, devices, type Browser, type BrowserContext, type Page } from "@playwright/test";

export const ADMIN = { email: process.env.E2E_ADMIN_EMAIL!, password: process.env.E2E_ADMIN_PASSWORD! };

export async function signIn(page: Page, email = ADMIN.email, password = ADMIN.password) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/console$/);
}

/** Creates a session from the console and returns its id and join code. */
export async function createSession(page: Page, title: string) {
  await page.getByLabel("Session title").fill(title);
  await page.getByRole("button", { name: "Create session" }).click();
  await expect(page).toHaveURL(/\/console\/[\w-]+$/);
  const code = (await page.getByTestId("join-code").textContent({ timeout: 10_000 }))!.trim();
  await expect(page.getByTestId("join-code")).toHaveText(/^[A-Z2-9]{6}$/);
  const sessionId = page.url().split("/").pop()!;
  return { code: (await page.getByTestId("join-code").textContent())!.trim() || code, sessionId };
}

/** A phone-sized, touch browser context, in English. */
export function newPhone(browser: Browser): Promise<BrowserContext> {
  const { defaultBrowserType: _ignored, ...pixel } = devices["Pixel 5"];
  return browser.newContext({ ...pixel, locale: "en-US" });
}

export async function joinFromPhone(page: Page, code: string | null, nickname: string) {
  if (code !== null) {
    await page.goto("/join");
    await page.getByLabel("Join code").fill(code);
  }
  await page.getByLabel("Your name").fill(nickname);
  // The organisation asks for consent by default ("I agree" under its notice).
  const agree = page.getByRole("checkbox", { name: "I agree" });
  if (await agree.isVisible()) await agree.check();
  await page.getByRole("button", { name: "Join" }).click();
}

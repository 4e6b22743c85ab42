import { expect, test } from "@playwright/test";
import { joinFromPhone, newPhone, signIn } from "./helpers";

test("an organiser copies the default plan, edits it, sets help contacts, and a session runs the copy", async ({ browser, page }) => {
  await signIn(page);

  // Help contacts: not saved until the organiser confirms they were checked.
  await page.goto("/org/help");
  const form = page.getByTestId("help-contact-form").first();
  await form.getByLabel("Service name").fill("Shanyrak Hotline");
  await form.getByLabel("Phone").fill("+7 700 000 11 22");
  await form.getByLabel("Hours").fill("24/7");
  await form.getByLabel("What they help with").fill("Advice and shelter");
  // Each contact says when and where it was checked (shown on phones beside the number).
  await form.getByLabel("Checked on").fill("2026-11-20");
  await form.getByLabel("Source (where you checked it)").fill("A call to the service");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("error")).toBeVisible();
  await page.getByLabel(/I have checked these numbers/).check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  // The library: the file plan is a template; duplicating makes an editable copy.
  await page.goto("/org/plans");
  const template = page.locator('[data-testid="plan"][data-plan-id="trafficking-prevention"]');
  await expect(template).toContainText("Template");
  await expect(template).toContainText("8 steps");
  await expect(template).toContainText("All texts translated");
  await template.getByRole("button", { name: "Duplicate" }).click();
  await expect(page).toHaveURL(/\/org\/plans\/trafficking-prevention-copy\/edit$/);

  const first = page.getByTestId("edit-step").first();
  // A broken edit is refused with the step and field named.
  await first.getByLabel("Title (English)").fill("");
  await page.getByRole("button", { name: "Save plan" }).click();
  await expect(page.getByTestId("plan-issues")).toContainText("welcome › title.en");
  await first.getByLabel("Title (English)").fill("Hello and house rules");
  await first.getByLabel("Title (Қазақша)").fill("Сәлем және тәртіп");
  await page.getByRole("button", { name: "Save plan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Plan saved." })).toBeVisible();

  // Preview shows the edit; the template is unchanged.
  await page.goto("/org/plans/trafficking-prevention-copy");
  await expect(page.getByTestId("step-title").first()).toHaveText("Hello and house rules");
  await page.getByLabel("Show texts in").selectOption("kk");
  await expect(page.getByTestId("step-title").first()).toHaveText("Сәлем және тәртіп");
  await page.goto("/org/plans/trafficking-prevention");
  await expect(page.getByTestId("step-title").first()).toHaveText("Welcome and ground rules");

  // A session on the copy.
  await page.goto("/console");
  await page.getByLabel("Session title").fill("Copy run");
  await page.getByLabel("Training plan").selectOption("trafficking-prevention-copy");
  await page.getByRole("button", { name: "Create session" }).click();
  await expect(page.getByTestId("join-code")).toHaveText(/^[A-Z2-9]{6}$/);
  const code = (await page.getByTestId("join-code").textContent())!;
  const phoneCtx = await newPhone(browser);
  const phone = await phoneCtx.newPage();
  await joinFromPhone(phone, code, "Aida");
  await page.getByRole("button", { name: "Start the session" }).click();
  await expect(phone.getByTestId("step-title")).toHaveText("Hello and house rules");
  await page.getByRole("button", { name: /^Go to step 7:/ }).click();
  await expect(phone.getByTestId("help-contact")).toHaveCount(1);
  await expect(phone.getByTestId("help-contact")).toContainText("Shanyrak Hotline");
  await expect(phone.getByTestId("help-examples")).toHaveCount(0);
  await expect(phone.getByRole("link", { name: "+7 700 000 11 22" })).toHaveAttribute("href", "tel:+77000001122");
  await phoneCtx.close();

  // Leave the shared e2e database as other specs expect it: no contacts entered.
  const reset = await page.request.put("/api/help-contacts", { data: { contacts: [], verified: true } });
  expect(reset.status()).toBe(200);
});

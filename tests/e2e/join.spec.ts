import { expect, test } from "@playwright/test";
import { createSession, joinFromPhone, newPhone, signIn } from "./helpers";

test("a trainer opens a session and three phones join it live", async ({ browser, page }) => {
  await signIn(page);
  const { code, sessionId } = await createSession(page, "Safe work abroad");
  await expect(page.getByTestId("connection")).toHaveAttribute("data-state", "connected");
  await expect(page.getByTestId("participant-count")).toHaveText("0");

  // The projector, in a second window of the trainer's browser.
  const screen = await page.context().newPage();
  await screen.goto(`/screen/${sessionId}`);
  await expect(screen.getByTestId("join-code")).toHaveText(code);
  await expect(screen.getByTestId("join-qr")).toBeVisible();
  await expect(screen.getByTestId("connection")).toHaveAttribute("data-state", "connected");
  await expect(screen.getByTestId("join-url")).toContainText("/join");

  const names = ["Aida", "Bolat", "Dana"];
  const phones = await Promise.all(names.map(() => newPhone(browser)));
  const pages = await Promise.all(phones.map((c) => c.newPage()));

  // The first phone arrives by the QR link, the code filled in for it.
  await pages[0].goto(`/join?code=${code}`);
  await expect(pages[0].getByLabel("Join code")).toHaveValue(code);
  await joinFromPhone(pages[0], null, names[0]);
  await joinFromPhone(pages[1], code.toLowerCase(), names[1]);
  await joinFromPhone(pages[2], code, names[2]);

  for (const [i, p] of pages.entries()) {
    await expect(p.getByRole("heading", { name: "You're in" })).toBeVisible();
    await expect(p.getByTestId("session-title")).toHaveText("Safe work abroad");
    await expect(p.getByTestId("me")).toHaveText(`Hello, ${names[i]}!`);
    await expect(p.getByTestId("connection")).toHaveAttribute("data-state", "connected");
    await expect(p).toHaveURL(new RegExp(`/s/${code}$`));
  }

  await expect(page.getByTestId("participant-count")).toHaveText("3");
  await expect(page.getByTestId("participant-name")).toHaveText(names);
  await expect(screen.getByTestId("screen-participant-count")).toHaveText("3 participants joined");

  // A reload is the same person: no duplicate, same name.
  await pages[1].reload();
  await expect(pages[1].getByRole("heading", { name: "You're in" })).toBeVisible();
  await expect(pages[1].getByTestId("me")).toHaveText("Hello, Bolat!");
  await expect(page.getByTestId("participant-count")).toHaveText("3");
  await expect(screen.getByTestId("screen-participant-count")).toHaveText("3 participants joined");

  // A phone that loses the network says so, and comes back by itself.
  await phones[2].setOffline(true);
  await expect(pages[2].getByTestId("connection")).toHaveAttribute("data-state", "offline");
  await phones[2].setOffline(false);
  await expect(pages[2].getByTestId("connection")).toHaveAttribute("data-state", "connected", { timeout: 20_000 });
  await expect(page.getByTestId("participant-count")).toHaveText("3");

  // A mistyped code gets a clear message and joins nobody.
  const stray = await newPhone(browser);
  const strayPage = await stray.newPage();
  await joinFromPhone(strayPage, "ZZZZZZ", "Erlan");
  await expect(strayPage.getByTestId("error")).toHaveText(/No session has this code/);
  await expect(page.getByTestId("participant-count")).toHaveText("3");

  // Ending the session tells every phone and the projector.
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "End session" }).click();
  await expect(page.getByTestId("session-ended")).toBeVisible();
  await expect(screen.getByTestId("session-ended")).toBeVisible();
  for (const p of pages) await expect(p.getByTestId("session-ended")).toHaveText(/This session has ended/);
  await joinFromPhone(strayPage, code, "Erlan");
  await expect(strayPage.getByTestId("error")).toHaveText("This session has ended.");

  await Promise.all([...phones, stray].map((c) => c.close()));
});

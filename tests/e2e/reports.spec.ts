import fs from "node:fs";
import Database from "better-sqlite3";
import { unzipSync } from "fflate";
import readExcelFile from "read-excel-file/node";
import { expect, test, type Page } from "@playwright/test";
import { createSession, joinFromPhone, signIn } from "./helpers";

async function pdfText(data: Buffer): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), useSystemFonts: false }).promise;
  let text = "";
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    text += (await page.getTextContent()).items.map((it) => ("str" in it ? it.str : "")).join(" ") + "\n";
  }
  return text;
}

/** As long as a group name may be (40 characters). */
const LONG_GROUP = "Жастарды заңсыз көші-қоннан қорғау тобы";

async function post(phone: Page, text: string) {
  await phone.getByLabel("Note", { exact: true }).fill(text);
  await phone.getByRole("button", { name: "Send", exact: true }).click();
}

test("an organiser reviews a finished session, exports it, and deletes it for good", async ({ browser, page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 1000 });
  await signIn(page);
  const { sessionId, code } = await createSession(page, "Donor report run");
  const names = ["Aida", "Bolat", "Dana", "Erlan"];
  const contexts = await Promise.all(names.map(() => browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, locale: "en-US" })));
  const phones = await Promise.all(contexts.map((c) => c.newPage()));
  for (const [i, p] of phones.entries()) {
    await joinFromPhone(p, code, names[i]);
    await expect(p.getByTestId("me")).toBeVisible();
  }
  await page.getByLabel("Split into").fill("2");
  await page.getByRole("button", { name: "Split", exact: true }).click();
  // A long Kazakh group name: the report's chart and sketch labels show it whole.
  await expect(page.getByTestId("group")).toHaveCount(2);
  page.once("dialog", (d) => d.accept(LONG_GROUP));
  await page.getByTestId("group").first().getByRole("button", { name: "Rename", exact: true }).click();
  await expect(page.getByTestId("group").first()).toContainText(LONG_GROUP);
  await page.getByRole("button", { name: /^Go to step 5:/ }).click();
  const texts = ["Не верь лёгким деньгам", "Қауіпсіздік бірінші", "Check the employer", "Keep copies of documents"];
  for (const [i, p] of phones.entries()) await post(p, texts[i]);
  await expect(page.getByTestId("note")).toHaveCount(4);
  await page.getByRole("button", { name: /^Go to step 6:/ }).click();
  const canvas = phones[0].getByTestId("sketch-canvas");
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await phones[0].mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.5);
  await phones[0].mouse.down();
  await phones[0].mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.5, { steps: 10 });
  await phones[0].mouse.up();
  await expect(page.getByTestId("console-sketch")).toHaveCount(1);
  await expect(page.getByTestId("console-sketch").first()).toBeVisible();
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "End session" }).click();
  await expect(page.getByTestId("session-ended")).toBeVisible();

  // The list and the report.
  await page.goto("/org/sessions?q=Donor");
  const row = page.locator(`[data-testid="session-row"][data-session-id="${sessionId}"]`);
  await expect(row).toContainText("Donor report run");
  await expect(row).toContainText("Ended");
  await row.getByRole("link", { name: "Report" }).click();
  await expect(page.getByTestId("report-title")).toHaveText("Donor report run");
  await expect(page.getByTestId("report-joined")).toHaveAttribute("data-count", "4");
  await expect(page.getByTestId("report-note")).toHaveCount(4);
  for (const t of texts) await expect(page.getByTestId("report-note").filter({ hasText: t })).toHaveCount(1);
  await expect(page.getByTestId("chart-joins")).toBeVisible();
  await expect(page.getByTestId("chart-notes")).toBeVisible();
  await expect(page.getByTestId("report-timeline")).toContainText("Brainstorm: how can we protect each other?");

  // The notes chart shows every group's name in full, wrapped inside the chart, never cut.
  const bars = page.getByTestId("chart-bar");
  await expect(bars).toHaveCount(2);
  await expect(bars.filter({ hasText: LONG_GROUP })).toHaveCount(1);
  const fit = await page.getByTestId("chart-notes").evaluate((chart) => {
    const box = chart.getBoundingClientRect();
    return [...chart.querySelectorAll("[title]")].map((label) => {
      const r = label.getBoundingClientRect();
      return { whole: label.textContent === label.getAttribute("title"), inside: r.left >= box.left - 1 && r.right <= box.right + 1, unclipped: label.scrollWidth <= label.clientWidth + 1, lines: Math.round(r.height / parseFloat(getComputedStyle(label).lineHeight)) };
    });
  });
  expect(fit.every((l) => l.whole && l.inside && l.unclipped)).toBe(true);
  expect(Math.max(...fit.map((l) => l.lines))).toBeGreaterThan(1);
  await page.screenshot({ path: "test-results/screens/report-page.png", fullPage: true });
  // The sketch (a group step: the group's shared canvas) is labelled with its group.
  const sketch = page.getByTestId("report-sketch");
  await expect(sketch).toHaveCount(1);
  const sketchGroup = (await sketch.getAttribute("data-group"))!;
  expect(sketchGroup).not.toBe("");
  await expect(sketch.locator("figcaption")).toHaveText(`${sketchGroup} · Group canvas`);

  // CSV: BOM, a header and one row per note, Cyrillic and Kazakh intact.
  const csvResp = await page.request.get((await page.getByTestId("export-csv").getAttribute("href"))!);
  expect(csvResp.headers()["content-type"]).toContain("text/csv");
  const csv = (await csvResp.body()).toString("utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.slice(1).trim().split(/\r?\n/);
  expect(lines).toHaveLength(5);
  for (const t of texts) expect(csv).toContain(t);
  expect(lines[0]).toBe("Group,Cluster,Author,Text,Votes,Status,Flagged by the filter,Step,Created,Edited");

  // XLSX: downloaded from the report page like a user would, and it opens as a workbook.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download XLSX" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^ortaq-[A-Z2-9]{6}-\d{4}-\d\d-\d\d\.xlsx$/);
  const workbook = (await readExcelFile(fs.readFileSync(await download.path()))) as unknown as { sheet: string; data: unknown[][] }[];
  // The report's own sheets first; the plan's knowledge check, feedback and indicators follow.
  expect(workbook.map((w) => w.sheet).slice(0, 4)).toEqual(["Summary", "Attendance", "Notes", "Sketches"]);
  expect(workbook.map((w) => w.sheet)).toContain("Indicators");
  const [summary, attendance, notes, sketches] = workbook.map((w) => w.data);
  expect(Object.fromEntries(summary.slice(1).map(([k, v]) => [k, v]))).toMatchObject({ Session: "Donor report run", Participants: 4, Notes: 4, Sketches: 1 });
  expect(attendance.slice(1).map((r) => r[0])).toEqual(names);
  expect(attendance.slice(1).every((r) => r[2] instanceof Date)).toBe(true);
  expect(notes.slice(1).map((r) => r[2]).sort()).toEqual([...texts].sort());
  expect(notes.slice(1).map((r) => r[0])).toContain(LONG_GROUP);
  expect(sketches.slice(1)).toEqual([[sketchGroup, "Group canvas", "Sketch: a poster that warns your friends", "no", "no", expect.any(Number)]]);

  // PDF: a real PDF with the session's title in it.
  const pdfResp = await page.request.get((await page.getByTestId("export-pdf").getAttribute("href"))!);
  expect(pdfResp.headers()["content-type"]).toBe("application/pdf");
  const pdf = await pdfResp.body();
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  const text = await pdfText(pdf);
  expect(text).toContain("Donor report run");
  expect(text).toContain("Не верь лёгким деньгам");

  // ZIP of sketches.
  const zip = unzipSync(new Uint8Array(await (await page.request.get((await page.getByTestId("export-zip").getAttribute("href"))!)).body()));
  expect(Object.keys(zip).filter((n) => n.endsWith(".png"))).toHaveLength(1);

  // JSON keeps the whole record.
  const json = await (await page.request.get((await page.getByTestId("export-json").getAttribute("href"))!)).json();
  expect(json.session.id).toBe(sessionId);
  expect(json.report.notes).toHaveLength(4);

  // Another trainer and an anonymous phone get nothing.
  const email = `other-${Date.now()}@example.org`;
  expect((await page.request.post("/api/users", { data: { email, name: "Other", password: "other-pass-1" } })).status()).toBe(201);
  const otherCtx = await browser.newContext();
  const other = await otherCtx.newPage();
  await signIn(other, email, "other-pass-1");
  expect((await other.goto(`/org/sessions/${sessionId}`))?.status()).toBe(404);
  for (const url of [`/api/sessions/${sessionId}/export?format=csv`, `/api/sessions/${sessionId}/export?format=xlsx`, `/api/sessions/${sessionId}/export?format=pdf`, `/api/sessions/${sessionId}/sketches`]) {
    expect((await other.request.get(url)).status()).toBe(404);
    expect((await phones[1].request.get(url)).status()).toBe(401);
  }
  expect((await other.request.delete(`/api/sessions/${sessionId}`)).status()).toBe(404);
  await other.goto("/org/sessions");
  await expect(other.getByTestId("session-row")).toHaveCount(0);
  await otherCtx.close();

  // Delete: confirmed, then gone from the database.
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Delete session" }).click();
  await expect(page).toHaveURL(/\/org\/sessions$/);
  await expect(page.locator(`[data-testid="session-row"][data-session-id="${sessionId}"]`)).toHaveCount(0);
  const db = new Database(process.env.E2E_DB!, { readonly: true });
  expect(db.prepare("SELECT COUNT(*) AS n FROM sessions WHERE id = ?").get(sessionId)).toEqual({ n: 0 });
  expect(db.prepare("SELECT COUNT(*) AS n FROM events WHERE session_id = ?").get(sessionId)).toEqual({ n: 0 });
  db.close();
  await Promise.all(contexts.map((c) => c.close()));
});

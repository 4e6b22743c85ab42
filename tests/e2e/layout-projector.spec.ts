import fs from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { createSession, signIn } from "./helpers";
import { connect, freshId, IDEAS, inBatches, must, send, staffState } from "./live-seed";

/**
 * A real hall on the projector: 200 phones (socket.io clients in this
 * process, speaking the real protocol), 40 groups, 500 notes and 60
 * sketches, seen at 1920x1080, 1280x720 and 1024x768. Nothing on the
 * projector overlaps, every note can be reached, no body text is below the
 * readable minimum (28 px at 1080p, scaled to the screen's height).
 */

const PHONES = 200;
const GROUPS = 40;
const NOTES = 500;
const SKETCHES = 60;
const VIEWPORTS = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
];
// The training plan's steps.
const CASE_STEP = 2;
const DISCUSSION_STEP = 3;
const BRAINSTORM_STEP = 4;
const SKETCH_STEP = 5;
const WALL_PAGE_MS = 600;

const SHOTS = "test-results/screens";

interface Box {
  name: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The projector's regions as boxes, and the smallest body text the page asks for. */
async function regions(screen: Page): Promise<Box[]> {
  return screen.evaluate(() => {
    const ids = ["region-header", "region-step-title", "region-wall", "region-gallery", "region-content", "timer", "corner-join", "session-locked", "session-full", "region-count", "region-groups", "region-footer"];
    const out: { name: string; x: number; y: number; w: number; h: number }[] = [];
    for (const id of ids) {
      for (const el of document.querySelectorAll(`[data-testid="${id}"]`)) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) out.push({ name: id, x: r.x, y: r.y, w: r.width, h: r.height });
      }
    }
    return out;
  });
}

function overlaps(a: Box, b: Box, slack = 0.5): boolean {
  return a.x + a.w > b.x + slack && b.x + b.w > a.x + slack && a.y + a.h > b.y + slack && b.y + b.h > a.y + slack;
}

async function expectNoOverlap(screen: Page, label: string, must: string[]) {
  const boxes = await regions(screen);
  const vp = screen.viewportSize()!;
  for (const name of must) expect(boxes.map((b) => b.name), `${label}: ${name} shown`).toContain(name);
  for (const b of boxes) {
    expect(b.x, `${label}: ${b.name} inside the screen`).toBeGreaterThanOrEqual(-0.5);
    expect(b.y, `${label}: ${b.name} inside the screen`).toBeGreaterThanOrEqual(-0.5);
    expect(b.x + b.w, `${label}: ${b.name} inside the screen`).toBeLessThanOrEqual(vp.width + 0.5);
    expect(b.y + b.h, `${label}: ${b.name} inside the screen`).toBeLessThanOrEqual(vp.height + 0.5);
  }
  // The timer reads as one line ("15:00"), not broken across two.
  const timer = await screen.getByTestId("timer").evaluateAll((els) => els.map((e) => ({ h: e.getBoundingClientRect().height, size: parseFloat(getComputedStyle(e).fontSize) })));
  for (const t of timer) expect(t.h, `${label}: the timer on one line`).toBeLessThan(t.size * 1.5);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      expect(overlaps(boxes[i], boxes[j]), `${label}: ${boxes[i].name} ${JSON.stringify(boxes[i])} overlaps ${boxes[j].name} ${JSON.stringify(boxes[j])}`).toBe(false);
    }
  }
}

/** A screenshot kept as an artefact, fades finished. */
async function shoot(screen: Page, name: string) {
  await screen.screenshot({ path: `${SHOTS}/${name}.png`, animations: "disabled" });
}

const minFont = (height: number) => (28 * height) / 1080;

async function openScreen(browser: Browser, href: string, viewport: { width: number; height: number }) {
  const ctx = await browser.newContext({ viewport, locale: "en-US", reducedMotion: "reduce" });
  const screen = await ctx.newPage();
  await screen.goto(`${href}${href.includes("?") ? "&" : "?"}wallPageMs=${WALL_PAGE_MS}&textPageMs=${WALL_PAGE_MS * 2}`);
  await expect(screen.getByTestId("connection")).toHaveAttribute("data-state", "connected");
  return { ctx, screen };
}

/**
 * Steps through every page of the wall (it pages on its own, quickly here):
 * every note seen, each fully inside the wall, none overlapping another,
 * none below the minimum type size.
 */
async function walkWall(screen: Page, min: number) {
  return screen.evaluate(
    async ({ min, pageMs }) => {
      const wall = document.querySelector<HTMLElement>('[data-testid="wall"]')!;
      const pages = Number(wall.dataset.pages);
      const seen = new Map<string, number>();
      const visited = new Set<number>();
      const problems: string[] = [];
      let smallest = Infinity;
      const perPage: number[] = [];
      const deadline = Date.now() + pages * pageMs * 3 + 5000;
      while (visited.size < pages && Date.now() < deadline) {
        const page = Number(wall.dataset.page);
        if (!visited.has(page)) {
          visited.add(page);
          const w = wall.getBoundingClientRect();
          const notes = [...wall.querySelectorAll<HTMLElement>('[data-testid="note"]')];
          perPage[page - 1] = notes.length;
          const rects = notes.map((n) => n.getBoundingClientRect());
          notes.forEach((n, i) => {
            seen.set(n.dataset.noteId!, page);
            const r = rects[i];
            const size = parseFloat(getComputedStyle(n).fontSize);
            smallest = Math.min(smallest, size);
            if (size < min - 0.01) problems.push(`note ${n.dataset.noteId} at ${size}px`);
            if (r.left < w.left - 1 || r.right > w.right + 1 || r.top < w.top - 1 || r.bottom > w.bottom + 1) problems.push(`note ${n.dataset.noteId} outside the wall on page ${page}`);
            if (n.scrollHeight > n.clientHeight + 1) problems.push(`note ${n.dataset.noteId} cut off`);
          });
          for (let i = 0; i < rects.length; i++) {
            for (let j = i + 1; j < rects.length; j++) {
              const a = rects[i];
              const b = rects[j];
              if (a.right > b.left + 0.5 && b.right > a.left + 0.5 && a.bottom > b.top + 0.5 && b.bottom > a.top + 0.5) problems.push(`notes overlap on page ${page}`);
            }
          }
          const pager = wall.querySelector('[data-testid="wall-pager"]');
          if (pages > 1 && !pager?.textContent?.includes(`Page ${page} of ${pages}`)) problems.push(`page ${page}: pager says "${pager?.textContent}"`);
          if (pages > 1 && !/\+\d+ more/.test(pager?.textContent ?? "")) problems.push(`page ${page}: no "+N more"`);
        }
        await new Promise((r) => setTimeout(r, 60));
      }
      return { pages, visited: visited.size, ids: [...seen.keys()], smallest, problems, perPage, font: Number(wall.dataset.font) };
    },
    { min, pageMs: WALL_PAGE_MS },
  );
}

test("a full hall on the projector: nothing overlaps, every note reachable, type readable", async ({ browser, page, baseURL }) => {
  test.setTimeout(240_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  const figures: Record<string, unknown> = {};

  // The trainer creates the session in the console, with the training plan.
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page);
  const { sessionId, code } = await createSession(page, "Full hall: prevention training");
  const screenHref = (await page.getByRole("link", { name: "Open projector screen" }).getAttribute("href"))!;
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  // The console tab is not part of this test: off it goes, to spare two cores.
  await page.goto("about:blank");

  const staff = await connect(baseURL!, cookie);
  await must("watch", send(staff, "session:watch", { sessionId, lastSeq: 0 }));

  // 200 phones join with the code.
  const phones = await inBatches(
    Array.from({ length: PHONES }, (_, i) => i),
    25,
    async (i) => {
      const socket = await connect(baseURL!);
      const ack = await must(`join ${i}`, send(socket, "participant:join", { code, nickname: `Guest ${i + 1}`, consent: true }));
      return { socket, id: ack.participantId as string };
    },
  );
  try {
    await must("groups", send(staff, "groups:form", { sessionId, by: "count", n: GROUPS }));

    // ---- A long case and the discussion questions: fill the screen, never below the minimum, page when they must.
    for (const [kind, index, vp] of [...VIEWPORTS.map((v) => ["case", CASE_STEP, v] as const), ...VIEWPORTS.map((v) => ["discussion", DISCUSSION_STEP, v] as const)]) {
      if (vp === VIEWPORTS[0]) await must(kind, send(staff, "agenda:goto", { sessionId, index }));
      const { ctx, screen } = await openScreen(browser, screenHref, vp);
      const label = `${kind} ${vp.width}x${vp.height}`;
      await expect(screen.getByTestId("step")).toHaveAttribute("data-kind", kind);
      await expect(screen.getByTestId("group")).toHaveCount(GROUPS);
      await expect(screen.getByTestId("step-fit")).not.toHaveAttribute("data-font", "0");
      await screen.waitForTimeout(300);
      await expectNoOverlap(screen, label, ["region-header", "region-content", "timer", "corner-join", "region-groups", "region-footer"]);
      const text = await screen.evaluate(() => {
        const sel = '[data-testid="step-body"] p, [data-testid="step-prompt"], [data-testid="step-questions-label"], [data-testid="content-warning"] p';
        const sizes = [...document.querySelectorAll(sel)].map((e) => parseFloat(getComputedStyle(e).fontSize));
        const fit = document.querySelector<HTMLElement>('[data-testid="step-fit"]')!;
        const label = document.querySelector('[data-testid="step-questions-label"]');
        return { smallest: Math.min(...sizes), font: Number(fit.dataset.font), pages: Number(fit.dataset.pages), questions: label ? parseFloat(getComputedStyle(label).fontSize) : null, indicator: document.querySelector('[data-testid="text-page"]')?.textContent ?? null };
      });
      expect(text.smallest, `${label}: body text`).toBeGreaterThanOrEqual(minFont(vp.height) - 0.01);
      if (text.pages > 1) expect(text.indicator).toMatch(new RegExp(`^\\d+/${text.pages}$`));
      figures[label] = text;
      await shoot(screen, `layout-${vp.width}x${vp.height}-${kind}`);
      if (text.pages > 1) {
        // It pages on its own; the next page is the story's next part, still not overlapping anything.
        const now = (await screen.getByTestId("text-page").textContent())!;
        await expect(screen.getByTestId("text-page")).not.toHaveText(now);
        await expectNoOverlap(screen, `${label} next page`, ["region-content", "region-groups"]);
        await shoot(screen, `layout-${vp.width}x${vp.height}-${kind}-next-page`);
        // The trainer turns the pages by hand: the projector shows the page asked for (modulo its pages) and stops turning.
        const stepId = kind === "case" ? "case-aruzhan" : "group-discussion";
        await must("page by hand", send(staff, "board:configure", { sessionId, settings: { screenPage: { stepId, page: text.pages + 1 } } }));
        await expect(screen.getByTestId("step-fit")).toHaveAttribute("data-paging", "manual");
        await expect(screen.getByTestId("text-page")).toHaveText(`2/${text.pages}`);
        await screen.waitForTimeout(WALL_PAGE_MS * 3);
        await expect(screen.getByTestId("text-page")).toHaveText(`2/${text.pages}`);
        await must("page by itself", send(staff, "board:configure", { sessionId, settings: { screenPage: null } }));
        await expect(screen.getByTestId("step-fit")).toHaveAttribute("data-paging", "auto");
      }
      await ctx.close();
    }

    // ---- The brainstorm: 500 notes from 200 phones in 40 groups, some votes.
    await must("brainstorm", send(staff, "agenda:goto", { sessionId, index: BRAINSTORM_STEP }));
    const perPhone = (i: number) => (i < NOTES - 2 * PHONES ? 3 : 2);
    const noteIds: string[] = [];
    await inBatches(phones, 40, async (p, i) => {
      for (let k = 0; k < perPhone(i); k++) {
        const noteId = freshId("note");
        noteIds.push(noteId);
        const idea = IDEAS[(i * 3 + k * 7) % IDEAS.length];
        await must(`note ${i}/${k}`, send(p.socket, "note:add", { noteId, text: k === 2 ? `${idea}!` : idea }));
      }
    });
    expect(noteIds).toHaveLength(NOTES);
    const st = await staffState(staff, sessionId);
    expect(Object.keys(st.notes)).toHaveLength(NOTES);
    // Half the room votes for its group's first note; one note gets many.
    const firstOfGroup = new Map<string, string>();
    for (const id of st.noteOrder) if (!firstOfGroup.has(st.notes[id].groupId)) firstOfGroup.set(st.notes[id].groupId, id);
    await inBatches(phones.slice(0, PHONES / 2), 40, async (p) => {
      const noteId = firstOfGroup.get(st.membership[p.id]);
      if (noteId) await must("vote", send(p.socket, "note:vote", { noteId, on: true }));
    });

    for (const vp of VIEWPORTS) {
      const { ctx, screen } = await openScreen(browser, screenHref, vp);
      const label = `wall ${vp.width}x${vp.height}`;
      const wall = screen.getByTestId("wall");
      await expect(wall).toHaveAttribute("data-total", String(NOTES));
      await expect(screen.getByTestId("note").first()).toBeVisible();
      // The wall has no group cards over it: they are its headings.
      await expect(screen.getByTestId("group")).toHaveCount(0);
      await expectNoOverlap(screen, label, ["region-header", "region-step-title", "region-wall", "timer", "corner-join", "region-count"]);
      await shoot(screen, `layout-${vp.width}x${vp.height}-wall`);
      const walk = await walkWall(screen, minFont(vp.height));
      expect(walk.problems.slice(0, 10), label).toEqual([]);
      expect(walk.visited, `${label}: every page visited`).toBe(walk.pages);
      expect(new Set(walk.ids), `${label}: every note reachable`).toEqual(new Set(noteIds));
      expect(walk.smallest).toBeGreaterThanOrEqual(minFont(vp.height) - 0.01);
      figures[label] = { pages: walk.pages, notesPerPage: walk.perPage, font: walk.font, min: Math.round(minFont(vp.height) * 10) / 10 };
      if (walk.pages > 1) await shoot(screen, `layout-${vp.width}x${vp.height}-wall-later`);
      await ctx.close();
    }

    // ---- The other views, as the trainer picks them.
    const { ctx, screen } = await openScreen(browser, screenHref, VIEWPORTS[0]);
    const min1080 = minFont(1080);
    await must("votes view", send(staff, "board:configure", { sessionId, settings: { wallView: "votes" } }));
    await expect(screen.getByTestId("wall")).toHaveAttribute("data-view", "votes");
    const votes = await screen.getByTestId("note").evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-votes"))));
    expect(votes[0]).toBe(Math.max(...votes));
    expect(votes).toEqual([...votes].sort((a, b) => b - a));
    await shoot(screen, `layout-1920x1080-votes`);

    await must("cloud view", send(staff, "board:configure", { sessionId, settings: { wallView: "cloud" } }));
    const cloud = screen.getByTestId("word-cloud");
    await expect(cloud).toBeVisible();
    await expect(screen.getByTestId("word").first()).toBeVisible();
    await screen.waitForTimeout(300);
    const words = await screen.evaluate(() => {
      const box = document.querySelector('[data-testid="wall"]')!.getBoundingClientRect();
      const els = [...document.querySelectorAll<HTMLElement>('[data-testid="word"]')].filter((e) => getComputedStyle(e).display !== "none");
      const rects = els.map((e) => e.getBoundingClientRect());
      let overlap = 0;
      for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) if (rects[i].right > rects[j].left + 0.5 && rects[j].right > rects[i].left + 0.5 && rects[i].bottom > rects[j].top + 0.5 && rects[j].bottom > rects[i].top + 0.5) overlap++;
      const outside = rects.filter((r) => r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1).length;
      const sizes = els.map((e) => parseFloat(getComputedStyle(e).fontSize));
      return { shown: els.length, overlap, outside, smallest: Math.min(...sizes), largest: Math.max(...sizes), top: els.sort((a, b) => Number(b.dataset.count) - Number(a.dataset.count))[0]?.textContent };
    });
    expect(words.shown).toBeGreaterThan(10);
    expect(words.overlap).toBe(0);
    expect(words.outside).toBe(0);
    expect(words.smallest).toBeGreaterThanOrEqual(min1080 - 0.01);
    figures["cloud 1920x1080"] = words;
    await expectNoOverlap(screen, "cloud", ["region-header", "region-wall", "timer", "corner-join", "region-count"]);
    await shoot(screen, `layout-1920x1080-cloud`);

    const picked = noteIds[17];
    await must("single view", send(staff, "board:configure", { sessionId, settings: { wallView: "single", wallNote: picked } }));
    await expect(screen.getByTestId("note")).toHaveAttribute("data-note-id", picked);
    await screen.waitForTimeout(300);
    const single = await screen.getByTestId("note").evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(single).toBeGreaterThanOrEqual(min1080 * 2);
    figures["single 1920x1080"] = { font: single };
    await shoot(screen, `layout-1920x1080-single`);
    await must("group view", send(staff, "board:configure", { sessionId, settings: { wallView: "group" } }));
    await ctx.close();

    // ---- The sketch step: 60 people draw their own poster.
    await must("sketch", send(staff, "agenda:goto", { sessionId, index: SKETCH_STEP }));
    await must("individual", send(staff, "sketch:configure", { sessionId, mode: "individual" }));
    await inBatches(phones.slice(0, SKETCHES), 20, async (p, i) => {
      const points = Array.from({ length: 24 }, (_, k) => [100 + ((k * 23 + i * 37) % 550), 100 + k * 32, 60]).flat();
      await must(`stroke ${i}`, send(p.socket, "stroke:commit", { sketchId: `p_${p.id}_poster-sketch`, stroke: { id: freshId("stroke"), colour: "#2563eb", width: 14, tool: "pen", points } }));
    });
    for (const vp of VIEWPORTS) {
      const { ctx, screen } = await openScreen(browser, screenHref, vp);
      const label = `gallery ${vp.width}x${vp.height}`;
      await expect(screen.getByTestId("sketch")).toHaveCount(SKETCHES);
      await expect(screen.getByTestId("sketch-gallery")).toHaveAttribute("data-cols", /\d+/);
      await expectNoOverlap(screen, label, ["region-header", "region-step-title", "region-gallery", "timer", "corner-join", "region-count"]);
      const tiles = await screen.evaluate(() => {
        const g = document.querySelector('[data-testid="region-gallery"]')!.getBoundingClientRect();
        const rects = [...document.querySelectorAll('[data-testid="sketch"]')].map((e) => e.getBoundingClientRect());
        let overlap = 0;
        for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) if (rects[i].right > rects[j].left + 0.5 && rects[j].right > rects[i].left + 0.5 && rects[i].bottom > rects[j].top + 0.5 && rects[j].bottom > rects[i].top + 0.5) overlap++;
        const outside = rects.filter((r) => r.left < g.left - 1 || r.right > g.right + 1 || r.top < g.top - 1 || r.bottom > g.bottom + 1).length;
        const area = rects.reduce((s, r) => s + r.width * r.height, 0) / (g.width * g.height);
        const labels = [...document.querySelectorAll('[data-testid="sketch-label"]')].filter((e) => e.textContent?.trim()).length;
        const grid = document.querySelector<HTMLElement>('[data-testid="sketch-gallery"]')!.dataset;
        return { overlap, outside, fill: Math.round(area * 100) / 100, labels, cols: Number(grid.cols), rows: Number(grid.rows), tileW: Math.round(rects[0].width) };
      });
      expect(tiles.overlap, label).toBe(0);
      expect(tiles.outside, label).toBe(0);
      expect(tiles.labels, `${label}: each tile labelled with its group`).toBe(SKETCHES);
      expect(tiles.fill, `${label}: the tiles fill the gallery`).toBeGreaterThan(0.4);
      figures[label] = tiles;
      await shoot(screen, `layout-${vp.width}x${vp.height}-gallery`);
      await ctx.close();
    }
  } finally {
    for (const p of phones) p.socket.disconnect();
    staff.disconnect();
    fs.writeFileSync(`${SHOTS}/layout-figures.json`, JSON.stringify(figures, null, 2));
    console.log(JSON.stringify(figures, null, 1));
  }
});

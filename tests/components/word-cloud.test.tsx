import { describe, expect, it } from "@jest/globals";
import { screen, within } from "@testing-library/react";
import { Wall } from "@/components/board/Wall";
import { WordCloud, wordScale } from "@/components/board/WordCloud";
import { DEFAULT_BOARD, type BoardSettings, type Note } from "@/lib/domain/board";
import type { Locale } from "@/lib/domain/locales";
import { emptySessionState, type SessionState } from "@/lib/domain/session-state";
import { countWords } from "@/lib/domain/word-cloud";
import { renderIntl } from "./render";

function note(id: string, text: string, over: Partial<Note> = {}): Note {
  return { id, groupId: null, stepId: null, text, authorId: null, anonymous: false, status: "visible", flagged: false, clusterId: null, votes: 0, createdAt: 1, editedAt: null, ...over };
}

function sessionWith(notes: Note[], board: Partial<BoardSettings> = {}, language: Locale = "en"): SessionState {
  const s = emptySessionState("s1");
  return { ...s, language, notes: Object.fromEntries(notes.map((n) => [n.id, n])), noteOrder: notes.map((n) => n.id), board: { ...DEFAULT_BOARD, ...board } };
}

const fontEm = (el: HTMLElement) => parseFloat(el.style.fontSize);

describe("WordCloud", () => {
  const cases: { locale: Locale; texts: string[]; top: string; count: number; absent: string[] }[] = [
    { locale: "en", texts: ["Check the contract", "check the employer", "Tell your parents and CHECK"], top: "check", count: 3, absent: ["the", "and", "your"] },
    { locale: "ru", texts: ["Проверяйте договор", "проверяйте работодателя и документы", "Не верьте, ПРОВЕРЯЙТЕ"], top: "проверяйте", count: 3, absent: ["и", "не"] },
    { locale: "kk", texts: ["Қауіпсіздік бірінші", "қауіпсіздік және сенім", "ҚАУІПСІЗДІК!"], top: "қауіпсіздік", count: 3, absent: ["және"] },
  ];

  it.each(cases)("$locale: one word each, with its count, the most used largest", ({ locale, texts, top, count, absent }) => {
    renderIntl(<WordCloud words={countWords(texts, locale)} />, locale);
    const cloud = screen.getByTestId("word-cloud");
    const words = within(cloud).getAllByTestId("word");
    const texts_ = words.map((w) => w.textContent);
    expect(new Set(texts_).size).toBe(texts_.length);
    const biggest = words.find((w) => w.textContent === top)!;
    expect(biggest).toHaveAttribute("data-count", String(count));
    for (const w of words) expect(fontEm(w)).toBeLessThanOrEqual(fontEm(biggest));
    for (const w of words.filter((w) => w !== biggest)) expect(fontEm(w)).toBeLessThan(fontEm(biggest));
    for (const a of absent) expect(texts_).not.toContain(a);
  });

  it("sizes grow with the count and never shrink below the base", () => {
    expect(wordScale(1, 1, 9)).toBe(1);
    expect(wordScale(9, 1, 9)).toBeCloseTo(3.2);
    expect(wordScale(4, 1, 9)).toBeGreaterThan(wordScale(2, 1, 9));
    expect(wordScale(2, 2, 2)).toBeGreaterThanOrEqual(1);
  });

  it("says so when there are no words yet", () => {
    renderIntl(<WordCloud words={[]} emptyText="No words yet" />);
    expect(screen.getByTestId("word-cloud")).toHaveTextContent("No words yet");
    expect(screen.queryAllByTestId("word")).toHaveLength(0);
  });
});

describe("Wall views", () => {
  const notes = [note("n1", "Check the contract", { votes: 1, createdAt: 1 }), note("n2", "Check the employer", { votes: 4, createdAt: 2 }), note("n3", "Tell a teacher", { createdAt: 3 }), note("n4", "Check hidden", { status: "hidden" })];

  it("the cloud view counts only visible notes, in the session's language", () => {
    renderIntl(<Wall session={sessionWith(notes, { wallView: "cloud" })} clockOffset={0} />);
    expect(screen.getByTestId("wall")).toHaveAttribute("data-view", "cloud");
    const check = screen.getAllByTestId("word").find((w) => w.textContent === "check")!;
    expect(check).toHaveAttribute("data-count", "2");
    expect(screen.getAllByTestId("word").map((w) => w.textContent)).not.toContain("hidden");
    expect(screen.queryAllByTestId("note")).toHaveLength(0);
  });

  it("the cloud view in Kazakh keeps Kazakh words whole", () => {
    renderIntl(<Wall session={sessionWith([note("k1", "Қауіпсіздік маңызды"), note("k2", "ҚАУІПСІЗДІК бірінші")], { wallView: "cloud" }, "kk")} clockOffset={0} />, "kk");
    expect(screen.getAllByTestId("word").find((w) => w.textContent === "қауіпсіздік")).toHaveAttribute("data-count", "2");
  });

  it("the group view shows every visible note on one page when there is no layout to measure", () => {
    renderIntl(<Wall session={sessionWith(notes)} clockOffset={0} />);
    const wall = screen.getByTestId("wall");
    expect(wall).toHaveAttribute("data-view", "group");
    expect(wall).toHaveAttribute("data-page", "1");
    expect(wall).toHaveAttribute("data-pages", "1");
    expect(screen.getAllByTestId("note").map((n) => n.getAttribute("data-note-id"))).toEqual(["n1", "n2", "n3"]);
  });

  it("the votes view puts the most voted first", () => {
    renderIntl(<Wall session={sessionWith(notes, { wallView: "votes" })} clockOffset={0} />);
    expect(screen.getAllByTestId("note").map((n) => n.getAttribute("data-note-id"))).toEqual(["n2", "n1", "n3"]);
  });

  it("the single view enlarges the picked note, or the most voted one", () => {
    const { unmount } = renderIntl(<Wall session={sessionWith(notes, { wallView: "single", wallNote: "n3" })} clockOffset={0} />);
    expect(screen.getAllByTestId("note")).toHaveLength(1);
    expect(screen.getByTestId("note")).toHaveAttribute("data-note-id", "n3");
    unmount();
    renderIntl(<Wall session={sessionWith(notes, { wallView: "single", wallNote: "n4" })} clockOffset={0} />);
    expect(screen.getByTestId("note")).toHaveAttribute("data-note-id", "n2");
  });

  it("an old session's settings without a view still show a wall", () => {
    const old = sessionWith(notes);
    const { wallView: _v, wallNote: _n, ...legacy } = old.board;
    renderIntl(<Wall session={{ ...old, board: legacy as BoardSettings }} clockOffset={0} />);
    expect(screen.getByTestId("wall")).toHaveAttribute("data-view", "group");
    expect(screen.getAllByTestId("note")).toHaveLength(3);
  });
});

/**
 * The "concern" list (content/filters/concern): first-person disclosure and
 * self-harm words in English, Russian and Kazakh. A matching note is held for
 * the trainer alone, whatever the word filter's mode.
 */
import path from "node:path";
import { decide } from "@/lib/domain/commands";
import { createWordFilter } from "@/lib/domain/word-filter";
import { eventForViewer, routeEvent, stateForViewer } from "@/lib/domain/visibility";
import { loadConcernFilter, loadWordFilter } from "@/lib/server/store/word-lists";
import { ctx } from "./ctx";
import { accepted, phone, stored, twoGroups, STEP } from "./support/session-fixtures";

const FILTERS = path.join(__dirname, "../../content/filters");
const concern = loadConcernFilter(FILTERS);

describe("the shipped concern lists", () => {
  it.each([
    // English
    ["I want to die", true],
    ["sometimes I think about suicide", true],
    ["I cut myself when it gets bad", true],
    ["My boss took my passport and I can't leave", true],
    ["he touched me and said not to tell", true],
    ["they THREATENED me", true],
    ["i'm scared to go home", true],
    ["I owe them money for the ticket", true],
    ["self-harm", true],
    // Russian, with ё/е and a Latin look-alike letter
    ["Я не хочу жить", true],
    ["Отчим меня бьёт", true],
    ["у меня забрали паспорт, не отпускают", true],
    ["меня заставляют работать бесплатно", true],
    ["мне угрожают", true],
    ["думаю о суициде", true],
    ["Я им должнa", true],
    // Kazakh
    ["Өмір сүргім келмейді", true],
    ["Мені ұрады", true],
    ["Жұмыс беруші паспортымды алды", true],
    ["Мен кете алмаймын", true],
    ["Үйге баруға қорқамын", true],
    // The training's own vocabulary is not a disclosure.
    ["Traffickers often take the passports of their victims", false],
    ["Forced labour and exploitation are crimes", false],
    ["Check the agency before you leave for work abroad", false],
    ["Как распознать торговлю людьми", false],
    ["Вербовщики обещают работу за границей", false],
    ["Адам саудасы — қылмыс", false],
    ["Шетелде жұмыс ұсынған агенттікті тексеріңіз", false],
  ])("%p -> %p", (text, expected) => {
    expect(concern(text)).toBe(expected);
  });

  it("is a list of its own: the word filter (profanity) does not load it, and it does not load the word filter", () => {
    const words = loadWordFilter(FILTERS);
    expect(words("I want to die")).toBe(false);
    expect(concern("fuck")).toBe(false);
  });

  it("matches phrases word for word, roots inside phrases, and not the words scattered", () => {
    const f = createWordFilter(["took my passport", "меня бь*", "can't leave"]);
    expect(f("They TOOK my passport!")).toBe(true);
    expect(f("меня бьют")).toBe(true);
    expect(f("I can't leave")).toBe(true);
    expect(f("I took a photo of my passport")).toBe(false);
    expect(f("бьют меня")).toBe(false);
  });
});

describe("a note that matches the concern list", () => {
  const c = { ...ctx(5000), concern };
  const brainstorm = () => twoGroups({ step: STEP.ideas });

  it("is held for the trainer alone, even with the word filter off, and marked for them", () => {
    const h = brainstorm();
    expect(h.state.board.filter).toBe("off");
    const event = accepted(decide(h.state, { type: "note:add", noteId: "note-concern", text: "my boss took my passport", anonymous: false }, phone("p1"), c));
    expect(event.type === "note:added" && event.payload.note).toMatchObject({ status: "held", concern: true });
    const after = h.then(event);
    const e = stored(event, after.state.seq);
    const routes = routeEvent(e, after.state);
    expect(routes.map((r) => r.route.to)).toEqual(["trainers"]);
    expect(eventForViewer(e, { kind: "staff" }, after.state)?.payload).toMatchObject({ note: { concern: true, text: "my boss took my passport" } });
    expect(eventForViewer(e, { kind: "screen" }, after.state)).toBeNull();
    expect(eventForViewer(e, { kind: "participant", participantId: "p2" }, after.state)).toBeNull();
    expect(stateForViewer(after.state, { kind: "screen" }).notes["note-concern"]).toBeUndefined();
  });

  it("an ordinary note is not marked, and an edit that drops the words releases it without the mark reaching the room", () => {
    const h = brainstorm();
    const plain = accepted(decide(h.state, { type: "note:add", noteId: "note-plain", text: "Check the agency", anonymous: false }, phone("p1"), c));
    expect(plain.type === "note:added" && plain.payload.note.concern).toBeUndefined();
    const held = h.then(accepted(decide(h.state, { type: "note:add", noteId: "note-concern", text: "I want to die", anonymous: false }, phone("p1"), c)));
    const edit = accepted(decide(held.state, { type: "note:edit", noteId: "note-concern", text: "I want to dance" }, phone("p1"), c));
    expect(edit.payload).toMatchObject({ held: false, released: true, concern: false });
    const after = held.then(edit);
    const room = eventForViewer(stored(edit, after.state.seq), { kind: "screen" }, after.state)!;
    expect(JSON.stringify(room)).not.toContain(`"concern":`);
    expect(after.state.notes["note-concern"]).toMatchObject({ status: "visible", concern: false, text: "I want to dance" });
  });
});

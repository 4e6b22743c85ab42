import path from "node:path";
import { createWordFilter } from "@/lib/domain/word-filter";
import { loadWordFilter } from "@/lib/server/store/word-lists";

describe("word filter", () => {
  const f = createWordFilter(["# comment", "fuck*", "сука", "хуй*", "қотақ*", ""]);

  it.each([
    ["what the fuck", true],
    ["FUCKING hell", true],
    ["f.u.c.k this", true],
    ["fuuuuuck", true],
    ["ты сука", true],
    ["СУКА!", true],
    ["сукаааа", true],
    ["хуйня какая-то", true],
    ["xуй with a Latin x", true],
    ["қотақбас", true],
    ["a perfectly fine note", false],
    ["sukkot holiday", false],
    ["Лучше сказать другу", false],
  ])("%p -> %p", (text, hit) => {
    expect(f(text)).toBe(hit);
  });

  it("loads the shipped lists for English, Russian and Kazakh", () => {
    const shipped = loadWordFilter(path.join(__dirname, "../../content/filters"));
    expect(shipped("what the fuck")).toBe(true);
    expect(shipped("пиздец")).toBe(true);
    expect(shipped("сігейін")).toBe(true);
    expect(shipped("Ask for help early")).toBe(false);
    expect(loadWordFilter("/no/such/dir")("fuck")).toBe(false);
  });
});

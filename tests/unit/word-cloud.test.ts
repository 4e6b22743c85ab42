import { describe, expect, it } from "@jest/globals";
import type { Locale } from "@/lib/domain/locales";
import { countWords, MIN_WORD_LENGTH, STOP_WORDS, tokenize } from "@/lib/domain/word-cloud";

describe("tokenize", () => {
  const cases: { name: string; locale: Locale; text: string; words: string[] }[] = [
    // English
    { name: "en: case folding, stop words out", locale: "en", text: "Trust your FRIENDS and the family", words: ["trust", "friends", "family"] },
    { name: "en: punctuation and digits split and drop", locale: "en", text: "Check the contract!!! Call 102, (police); 2024", words: ["check", "contract", "call", "police"] },
    { name: "en: links and e-mails go", locale: "en", text: "see https://example.org/jobs?x=1 or www.scam.kz or write help@ngo.kz now", words: ["see", "write", "now"] },
    { name: "en: inner hyphens and apostrophes keep a word whole", locale: "en", text: "Don't trust well-paid offers", words: ["trust", "well-paid", "offers"] },
    { name: "en: very short tokens drop", locale: "en", text: "go to an ok job", words: ["job"] },
    // Russian
    { name: "ru: case folding and stop words", locale: "ru", text: "Не ВЕРЬТЕ обещаниям и проверяйте Работодателя", words: ["верьте", "обещаниям", "проверяйте", "работодателя"] },
    { name: "ru: ё folds to е", locale: "ru", text: "Ещё раз: Всё проверяйте, спросите взрослого, ёлка", words: ["проверяйте", "спросите", "взрослого", "елка"] },
    { name: "ru: hyphenated words stay whole, digits drop", locale: "ru", text: "Кое-кто обещал 500$ в месяц!", words: ["кое-кто", "обещал", "месяц"] },
    // Kazakh
    { name: "kk: Kazakh letters stay whole", locale: "kk", text: "Қауіпсіздік және сенім", words: ["қауіпсіздік", "сенім"] },
    { name: "kk: every Kazakh-only letter survives case folding", locale: "kk", text: "ӘҒҚҢӨҰҮҺІ әғқңөұүһі", words: ["әғқңөұүһі", "әғқңөұүһі"] },
    { name: "kk: stop words and punctuation", locale: "kk", text: "Ата-анаңызға айтыңыз, бұл өте маңызды!", words: ["ата-анаңызға", "айтыңыз", "маңызды"] },
    { name: "kk: a Russian stop word in a Kazakh session still drops", locale: "kk", text: "Телефон тоже құжаттар", words: ["телефон", "құжаттар"] },
    // Edge cases
    { name: "empty", locale: "en", text: "", words: [] },
    { name: "only symbols and numbers", locale: "ru", text: "!!! 123 ... ??? +7 777", words: [] },
    { name: "markup is only text", locale: "en", text: "<img src=x onerror=alert(1)>", words: ["img", "src", "onerror", "alert"] },
  ];
  it.each(cases)("$name", ({ locale, text, words }) => {
    expect(tokenize(text, locale)).toEqual(words);
  });

  it("drops every stop word of every language, whatever its case", () => {
    for (const [locale, list] of Object.entries(STOP_WORDS) as [Locale, readonly string[]][]) {
      const upper = list.map((w) => w.toLocaleUpperCase(locale)).join(" ");
      expect(tokenize(upper, locale)).toEqual([]);
    }
  });

  it("never returns a word shorter than the minimum", () => {
    const words = tokenize("a bb ccc dddd әә қққ ии жжж", "kk");
    expect(words.every((w) => [...w].length >= MIN_WORD_LENGTH)).toBe(true);
    expect(words).toEqual(["ccc", "dddd", "қққ", "жжж"]);
  });
});

describe("countWords", () => {
  const cases: { name: string; locale: Locale; texts: string[]; top: [string, number][] }[] = [
    {
      name: "en: counted across notes, most used first",
      locale: "en",
      texts: ["Check the employer", "Tell parents, check the contract", "CHECK documents; tell a teacher"],
      top: [
        ["check", 3],
        ["tell", 2],
        ["contract", 1],
        ["documents", 1],
        ["employer", 1],
        ["parents", 1],
        ["teacher", 1],
      ],
    },
    {
      name: "ru: a word repeated in one note counts once",
      locale: "ru",
      texts: ["Проверяй, проверяй, проверяй!", "Проверяй документы", "Документы у себя"],
      top: [
        ["документы", 2],
        ["проверяй", 2],
      ],
    },
    {
      name: "kk: Kazakh words counted whole",
      locale: "kk",
      texts: ["Қауіпсіздік бірінші", "қауіпсіздік және сенім", "Сенім телефон"],
      top: [
        ["қауіпсіздік", 2],
        ["сенім", 2],
        ["бірінші", 1],
        ["телефон", 1],
      ],
    },
  ];
  it.each(cases)("$name", ({ locale, texts, top }) => {
    expect(countWords(texts, locale).map((w) => [w.word, w.count])).toEqual(top);
  });

  it("keeps at most `limit` words", () => {
    const texts = Array.from({ length: 50 }, (_, i) => `word${"abcdefghijklmnopqrstuvwxyz"[i % 26]}${"abcdefghijklmnopqrstuvwxyz"[Math.floor(i / 26)]}`);
    expect(countWords(texts, "en", 10)).toHaveLength(10);
  });
});

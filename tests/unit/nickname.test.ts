import { normalizeNickname, sameNickname } from "@/lib/domain/nickname";

describe("nicknames", () => {
  it.each([
    ["Aida", "Aida"],
    ["  Aida  ", "Aida"],
    ["Ai   da", "Ai da"],
    ["Айгерім", "Айгерім"],
    ["Ai\u200bda", "Aida"],
    ["Ai\u0007da", "Aida"],
    ["x".repeat(30), "x".repeat(30)],
    ["<b>bold</b>", "<b>bold</b>"],
  ])("clean %p to %p", (input, out) => {
    expect(normalizeNickname(input)).toEqual({ ok: true, value: out });
  });

  it.each([[""], ["   "], ["\u200b\u200b"], ["x".repeat(31)]])("reject %p", (input) => {
    const r = normalizeNickname(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("NICKNAME_INVALID");
  });

  it("counts characters, not UTF-16 units", () => {
    expect(normalizeNickname("😀".repeat(30)).ok).toBe(true);
  });

  it("compare without case", () => {
    expect(sameNickname("Айгерім", "айгерім")).toBe(true);
    expect(sameNickname("Aida", "Aidar")).toBe(false);
  });
});

import { cleanLine, cleanMultiline } from "@/lib/domain/text";

describe("text a person typed", () => {
  it.each([
    ["a right-to-left override that would reverse a join code", "Trainer\u202E ABC123", "Trainer ABC123"],
    ["isolates and marks", "\u2066Aigerim\u2069\u200F", "Aigerim"],
    ["controls and line breaks in one line", "Safe\twork\nabroad\u0007", "Safe work abroad"],
    ["zero-width space", "Ai\u200Bgerim", "Aigerim"],
    ["Kazakh letters and emoji joiners stay", "қауіпсіздік 👩\u200D👩\u200D👧", "қауіпсіздік 👩\u200D👩\u200D👧"],
    ["decomposed letters are composed", "e\u0301", "\u00e9"],
  ])("one line: %s", (_name, input, expected) => {
    expect(cleanLine(input)).toBe(expected);
  });

  it.each([
    ["keeps line breaks, drops overrides", "First\u202E\r\nSecond", "First\nSecond"],
    ["folds blank lines", "a\n\n\n\nb", "a\n\nb"],
    ["drops other controls", "a\u0000b\u001bc", "abc"],
  ])("several lines: %s", (_name, input, expected) => {
    expect(cleanMultiline(input)).toBe(expected);
  });
});
